/**
 * The resources' complete semantics through the real Pulumi CLI, as one ordered story: a team of five,
 * in-place updates, replaces, drift caught by `preview --refresh`, out-of-band deletes, backups that
 * complete, re-trigger, abort and time out, and destroy. Request counts come from the emulator's log.
 */
import assert from "node:assert/strict";
import { SEED_IDS } from "../../emulator";
import { type E2EStack, occurrences, openStack, resourcesOf, secretForms } from "./harness";

const A = SEED_IDS.mainAccountId;
const INSTALL = SEED_IDS.torquemagInstallId;
const USERS = "/accounts/{account_id}/account_users";
const USER = "/accounts/{account_id}/account_users/{user_id}";
const BACKUPS = "/installs/{install_id}/backups";

interface UserSpec {
  name: string;
  args: Record<string, unknown>;
}

const team: UserSpec[] = [
  {
    name: "owner2",
    args: {
      accountId: A,
      email: "second.owner@example.com",
      firstName: "Sec",
      lastName: "Owner",
      roles: "owner",
    },
  },
  {
    name: "full",
    args: { accountId: A, email: "full.dev@example.com", firstName: "Full", lastName: "Dev", roles: "full" },
  },
  {
    name: "fullb",
    args: {
      accountId: A,
      email: "finance.lead@example.com",
      firstName: "Fin",
      lastName: "Lead",
      roles: "billing, full",
    },
  },
  {
    name: "partial",
    args: {
      accountId: A,
      email: "contractor@example.com",
      firstName: "Con",
      lastName: "Tractor",
      roles: "partial",
      installIds: [INSTALL],
    },
  },
  {
    name: "partialb",
    args: {
      accountId: A,
      email: "books@example.com",
      firstName: "Book",
      lastName: "Keeper",
      roles: "Partial,Billing",
      installIds: [INSTALL],
    },
  },
];

interface ApiUser {
  user_id: string;
  email: string;
  roles: string;
}

describe("AccountUser and Backup semantics through the real Pulumi CLI", function () {
  this.timeout(900_000);
  let s: E2EStack;
  let users: UserSpec[] = structuredClone(team);

  const apiUsers = async () =>
    ((await s.api("GET", `/accounts/${A}/account_users`)) as { results: ApiUser[] }).results;
  const byEmail = async (email: string) =>
    (await apiUsers()).find((u) => u.email.toLowerCase() === email.toLowerCase());
  const setUsers = async (next: UserSpec[]) => {
    users = next;
    await s.setTestConfig("users", next);
  };
  const setBackup = (sha: string, extra: Record<string, unknown> = {}) =>
    s.setTestConfig("backups", [
      {
        name: "pre-deploy",
        args: {
          installId: INSTALL,
          description: "before deploy",
          notificationEmails: ["ops@example.com"],
          triggers: { sha },
          ...extra,
        },
      },
    ]);
  const withUser = (name: string, patch: Record<string, unknown>) =>
    users.map((u) => (u.name === name ? { ...u, args: { ...u.args, ...patch } } : u));

  before(async () => {
    s = await openStack({ program: "team", env: { WPENGINE_BACKUP_POLL_MS: "100" } });
    await setUsers(users);
  });
  after(async () => s?.dispose());

  afterEach(async () => {
    const state = await s.stateText();
    for (const secret of secretForms(s.emulator))
      assert.equal(occurrences(state, secret), 0, "the password reached the state");
  });

  it("creates a team of five across roles with one POST per user", async () => {
    await s.clearRequests();
    const res = await s.up();
    assert.equal(res.summary.resourceChanges?.create, 6, "five users and the stack");
    const counts = await s.requestCounts();
    assert.equal(counts[`POST ${USERS}`], 5);
    const stored = await apiUsers();
    for (const u of team)
      assert.ok(
        stored.some((x) => x.email === u.args.email),
        `${u.args.email} exists`,
      );
    assert.equal(
      (await byEmail("books@example.com"))?.roles,
      "billing, partial",
      "the API answers the read form",
    );
  });

  it("shows no changes on a second preview and sends no request, whatever form the roles are read in", async () => {
    await s.clearRequests();
    await s.preview({ expectNoChanges: true });
    assert.deepEqual(await s.requestCounts(), {}, "a no-op preview makes zero API requests");
  });

  it("keeps the user in place when only roles change (one PATCH)", async () => {
    const before = await byEmail("full.dev@example.com");
    await setUsers(withUser("full", { roles: "partial", installIds: [INSTALL] }));
    await s.clearRequests();
    const res = await s.up();
    assert.equal(res.summary.resourceChanges?.update, 1);
    const counts = await s.requestCounts();
    assert.equal(counts[`PATCH ${USER}`], 1);
    assert.equal(counts[`POST ${USERS}`], undefined, "no new invitation");
    const after = await byEmail("full.dev@example.com");
    assert.equal(after?.user_id, before?.user_id, "same user id");
    assert.equal(after?.roles, "partial");
  });

  it("replaces the user, deleting first, when the email changes", async () => {
    await setUsers(withUser("full", { email: "full.dev2@example.com" }));
    await s.clearRequests();
    const res = await s.up();
    assert.equal(res.summary.resourceChanges?.replace, 1);
    assert.equal(await byEmail("full.dev@example.com"), undefined, "old email gone");
    assert.ok(await byEmail("full.dev2@example.com"), "new email invited");
    const counts = await s.requestCounts();
    assert.equal(counts[`DELETE ${USER}`], 1);
    assert.equal(counts[`POST ${USERS}`], 1);
  });

  it("catches a role changed in the portal with preview --refresh, and up --refresh puts it back", async () => {
    const u = await byEmail("finance.lead@example.com");
    assert.ok(u);
    await s.api("PATCH", `/accounts/${A}/account_users/${u.user_id}`, {
      roles: "partial",
      install_ids: [INSTALL],
    });
    await assert.rejects(
      s.preview({ refresh: true, expectNoChanges: true }),
      /no changes were expected|expect.*no changes/i,
    );
    const preview = await s.preview({ refresh: true });
    assert.equal(preview.changeSummary.update, 1, "drift shows as an update of roles");
    await s.up({ refresh: true });
    assert.equal((await byEmail("finance.lead@example.com"))?.roles, "billing, full");
    await s.preview({ refresh: true, expectNoChanges: true });
  });

  it("recreates a user deleted in the portal", async () => {
    const u = await byEmail("contractor@example.com");
    assert.ok(u);
    await s.api("DELETE", `/accounts/${A}/account_users/${u.user_id}`);
    await s.refresh();
    const inState = resourcesOf(await s.deployment(), "AccountUser").map((r) => r.outputs?.email);
    assert.ok(!inState.includes("contractor@example.com"), "refresh drops the deleted user from the state");
    const res = await s.up();
    assert.equal(res.summary.resourceChanges?.create, 1);
    assert.ok(await byEmail("contractor@example.com"), "recreated");
  });

  it("waits for a backup to complete", async () => {
    await setBackup("a1");
    await s.clearRequests();
    const res = await s.up();
    assert.equal(res.outputs.backupStatus?.value["pre-deploy"], "completed");
    assert.equal((await s.requestCounts())[`POST ${BACKUPS}`], 1);
    const b = resourcesOf(await s.deployment(), "Backup")[0];
    assert.match(String(b?.outputs?.completedAt), /^\d{4}-\d\d-\d\dT/);
  });

  it("takes a second backup when a trigger changes", async () => {
    const first = resourcesOf(await s.deployment(), "Backup")[0]?.outputs?.backupId;
    await setBackup("b2");
    await s.clearRequests();
    const res = await s.up();
    assert.equal(res.summary.resourceChanges?.replace, 1);
    assert.equal((await s.requestCounts())[`POST ${BACKUPS}`], 1);
    const second = resourcesOf(await s.deployment(), "Backup")[0]?.outputs?.backupId;
    assert.notEqual(second, first);
  });

  it("fails clearly, naming the backup, when WP Engine aborts it", async () => {
    await s.control("POST", "/config", {
      backupSchedule: { mode: "reads", initiatedAfterReads: 1, completedAfterReads: 100000 },
    });
    await setBackup("c3");
    const backupIds = async () =>
      ((await s.control("GET", "/state")) as { backups: { id: string }[] }).backups.map((b) => b.id);
    const known = new Set(await backupIds());
    const up = s.up();
    let aborted = "";
    for (let i = 0; i < 300 && !aborted; i++) {
      await new Promise((r) => setTimeout(r, 100));
      aborted = (await backupIds()).find((id) => !known.has(id)) ?? "";
    }
    assert.ok(aborted, "the new backup was requested");
    await s.control("POST", `/backups/${aborted}/abort`);
    await assert.rejects(up, (err: Error) => err.message.includes(aborted) && /aborted/.test(err.message));
  });

  it("resumes a timed-out backup on the next up without a second POST", async () => {
    await setBackup("d4", { timeoutMinutes: 0.01 });
    await s.clearRequests();
    await assert.rejects(s.up(), /still "(requested|initiated)".*resumes waiting/s);
    const pending = resourcesOf(await s.deployment(), "Backup")[0];
    assert.ok(pending?.id, "the timed-out backup is recorded in the state");
    await s.control("POST", "/config", {
      backupSchedule: { mode: "reads", initiatedAfterReads: 1, completedAfterReads: 2 },
    });
    const res = await s.up();
    assert.equal(res.outputs.backupStatus?.value["pre-deploy"], "completed");
    assert.equal(res.outputs.backupIds?.value["pre-deploy"], pending.id, "the same backup");
    assert.equal(
      (await s.requestCounts())[`POST ${BACKUPS}`],
      1,
      "exactly one backup was requested across both runs",
    );
  });

  it("removes the users on destroy and leaves backups with a warning", async () => {
    await s.destroy();
    for (const u of users)
      assert.equal(await byEmail(String(u.args.email)), undefined, `${u.args.email} removed`);
    assert.ok(await byEmail("owner@example.com"), "the seeded owner is untouched");
    assert.match(s.output.join(""), /WP Engine keeps the backup/);
  });
});
