/**
 * The resources' complete semantics through the real Pulumi CLI: a team of five, in-place updates,
 * replaces (delete first), drift caught by `preview --refresh`, out-of-band deletes, backups that
 * complete, re-trigger, abort and time out, and destroy. Request counts come from the emulator's log.
 *
 * The tests share one stack to stay affordable, but none relies on what an earlier one left: each
 * starts with {@link startFrom}, which restores the emulator's settings and brings the stack to the
 * test's starting point with one `pulumi up --refresh` (a no-op when it is already there), so any
 * test passes alone (`--grep`) and one failure does not cascade. After every test the state and the
 * emulator must agree user by user.
 */
import assert from "node:assert/strict";
import { SEED_IDS } from "../../emulator";
import {
  type E2EStack,
  occurrences,
  openStack,
  resourcesOf,
  rolesKey,
  secretForms,
  userDisagreements,
} from "./harness";

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
  /** The emulator's settings as it started (whatever its profile), restored before every test. */
  let initialConfig: unknown;

  const apiUsers = async () =>
    ((await s.api("GET", `/accounts/${A}/account_users`)) as { results: ApiUser[] }).results;
  const byEmail = async (email: string) =>
    (await apiUsers()).find((u) => u.email.toLowerCase() === email.toLowerCase());
  const setUsers = async (next: UserSpec[]) => {
    users = next;
    await s.setTestConfig("users", next);
  };
  const backupSpec = (sha: string, extra: Record<string, unknown> = {}) => [
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
  ];
  const setBackup = (sha: string, extra: Record<string, unknown> = {}) =>
    s.setTestConfig("backups", backupSpec(sha, extra));
  const withUser = (name: string, patch: Record<string, unknown>) =>
    users.map((u) => (u.name === name ? { ...u, args: { ...u.args, ...patch } } : u));
  /** The writes the emulator logged since the last `clearRequests`, in order: `METHOD route status`. */
  const writes = () =>
    s.emulator.store.requests
      .view()
      .requests.filter((r) => r.method !== "GET")
      .map((r) => `${r.route} ${r.status}`);

  /**
   * The fixture: the emulator back to its starting settings without faults, and the stack declaring
   * `start` (the team of five and, when given, a backup for that trigger) and converged on it, or, for
   * `"nothing"`, destroyed.
   */
  async function startFrom(start: { backup?: string } | "nothing"): Promise<void> {
    await s.control("DELETE", "/faults");
    await s.control("POST", "/config", initialConfig);
    if (start === "nothing") {
      await s.destroy();
      await setUsers(structuredClone(team));
      await s.setTestConfig("backups", []);
      return;
    }
    await setUsers(structuredClone(team));
    await s.setTestConfig("backups", start.backup ? backupSpec(start.backup) : []);
    await s.up({ refresh: true });
  }

  before(async () => {
    s = await openStack({ program: "team", env: { WPENGINE_BACKUP_POLL_MS: "100" } });
    const { latencyMs, backupSchedule } = (await s.control("GET", "/config")) as Record<string, unknown>;
    initialConfig = { latencyMs, backupSchedule };
  });
  after(async () => s?.dispose());

  afterEach(async () => {
    const state = await s.stateText();
    for (const secret of secretForms(s.emulator))
      assert.equal(occurrences(state, secret), 0, "the password reached the state");
    assert.deepEqual(await userDisagreements(s), [], "the state and WP Engine agree user by user");
  });

  it("creates a team of five across roles with one POST per user", async () => {
    await startFrom("nothing");
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
      rolesKey((await byEmail("books@example.com"))?.roles),
      "billing,partial",
      "declared as Partial,Billing, stored as partial and billing",
    );
  });

  it("shows no changes on a second preview and sends no request, whatever form the roles are read in", async () => {
    await startFrom({});
    await s.clearRequests();
    await s.preview({ expectNoChanges: true });
    assert.deepEqual(await s.requestCounts(), {}, "a no-op preview makes zero API requests");
  });

  it("keeps the user in place when only roles change (one PATCH)", async () => {
    await startFrom({});
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
    await startFrom({});
    await setUsers(withUser("full", { email: "full.dev2@example.com" }));
    await s.clearRequests();
    const res = await s.up();
    assert.equal(res.summary.resourceChanges?.replace, 1);
    assert.equal(await byEmail("full.dev@example.com"), undefined, "old email gone");
    assert.ok(await byEmail("full.dev2@example.com"), "new email invited");
    assert.deepEqual(writes(), [`DELETE ${USER} 204`, `POST ${USERS} 201`], "one DELETE, then one POST");
  });

  it("deletes first when a forced replace keeps the email in the same account (up --replace)", async () => {
    await startFrom({});
    const before = await byEmail("full.dev@example.com");
    assert.ok(before);
    // `pulumi up --replace` replaces without asking the provider's diff. The new user has the old
    // one's email in the same account, and WP Engine refuses a second user with that email: only
    // delete-then-create works, and a create-first replace would fail here.
    const urn = resourcesOf(await s.deployment(), "AccountUser").find((r) => r.urn.endsWith("::full"))?.urn;
    assert.ok(urn);
    await s.clearRequests();
    const res = await s.up({ replace: [urn] });
    assert.equal(res.summary.resourceChanges?.replace, 1);
    assert.deepEqual(
      writes(),
      [`DELETE ${USER} 204`, `POST ${USERS} 201`],
      "the DELETE came before the POST",
    );
    const after = await byEmail("full.dev@example.com");
    assert.ok(after);
    assert.notEqual(after.user_id, before.user_id, "a new user");
    assert.equal(rolesKey(after.roles), rolesKey(before.roles));
  });

  it("catches a role changed in the portal with preview --refresh, and up --refresh puts it back", async () => {
    await startFrom({});
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
    assert.equal(rolesKey((await byEmail("finance.lead@example.com"))?.roles), "billing,full");
    await s.preview({ refresh: true, expectNoChanges: true });
  });

  it("recreates a user deleted in the portal", async () => {
    await startFrom({});
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
    await startFrom({});
    await setBackup("a1");
    await s.clearRequests();
    const res = await s.up();
    assert.equal(res.outputs.backupStatus?.value["pre-deploy"], "completed");
    assert.equal((await s.requestCounts())[`POST ${BACKUPS}`], 1);
    const b = resourcesOf(await s.deployment(), "Backup")[0];
    assert.match(String(b?.outputs?.completedAt), /^\d{4}-\d\d-\d\dT/);
  });

  it("takes a second backup when a trigger changes", async () => {
    await startFrom({ backup: "a1" });
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
    await startFrom({ backup: "b2" });
    await s.control("POST", "/config", {
      backupSchedule: { mode: "reads", initiatedAfterReads: 1, completedAfterReads: 100000 },
    });
    await setBackup("c3");
    const backupIds = async () =>
      ((await s.control("GET", "/state")) as { backups: { id: string }[] }).backups.map((b) => b.id);
    const known = new Set(await backupIds());
    const up = s.up();
    // Waits for the backup as long as the up runs (no time limit: a busy machine only makes it slower).
    let settled = false;
    void up.then(
      () => (settled = true),
      () => (settled = true),
    );
    let aborted = "";
    while (!aborted && !settled) {
      await new Promise((r) => setTimeout(r, 100));
      aborted = (await backupIds()).find((id) => !known.has(id)) ?? "";
    }
    assert.ok(aborted, "the new backup was requested before the up ended");
    await s.control("POST", `/backups/${aborted}/abort`);
    await assert.rejects(up, (err: Error) => err.message.includes(aborted) && /aborted/.test(err.message));
  });

  it("resumes a timed-out backup on the next up without a second POST", async () => {
    await startFrom({ backup: "c3" });
    // A backup that stays "initiated" for as long as the short timeout lasts.
    await s.control("POST", "/config", {
      backupSchedule: { mode: "reads", initiatedAfterReads: 1, completedAfterReads: 100000 },
    });
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
    await startFrom({ backup: "e5" });
    const printedBefore = s.output.length;
    await s.destroy();
    for (const u of users)
      assert.equal(await byEmail(String(u.args.email)), undefined, `${u.args.email} removed`);
    assert.ok(await byEmail("owner@example.com"), "the seeded owner is untouched");
    assert.match(s.output.slice(printedBefore).join(""), /WP Engine keeps the backup/);
  });
});
