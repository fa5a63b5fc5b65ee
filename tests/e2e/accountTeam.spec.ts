/**
 * AccountTeam through the real Pulumi CLI against the emulator, as one ordered story: an account with
 * three declared members and two users nobody declared (the seed's owner, who is also the user behind
 * the credentials, and a partial user). Preview reports exactly the two; reordering the members
 * changes nothing; `removeUnmanaged` plans the removal in preview (no write), removes the partial
 * user at `up` and refuses to remove the last owner.
 */
import assert from "node:assert/strict";
import { SEED_IDS, SEED_OWNER_EMAIL } from "../../emulator";
import { type E2EStack, openStack } from "./harness";

const A = SEED_IDS.mainAccountId;
const PAULA = "paula.partial@example.com";
const WRITES = [
  "POST /accounts/{account_id}/account_users",
  "PATCH /accounts/{account_id}/account_users/{user_id}",
  "DELETE /accounts/{account_id}/account_users/{user_id}",
];

const members = [
  { email: "frank.full@example.com", firstName: "Frank", lastName: "Full", roles: "full,billing" },
  { email: "Alice.Author@example.com", firstName: "Alice", lastName: "Author", roles: "full" },
  {
    email: "bob.builder@example.com",
    firstName: "Bob",
    lastName: "Builder",
    roles: "partial",
    installs: ["torquemag"],
  },
];

interface ApiUser {
  user_id: string;
  email: string;
  roles: string;
}

describe("AccountTeam: authoritative team access through the real Pulumi CLI", function () {
  this.timeout(900_000);
  let s: E2EStack;
  const team = (extra: Record<string, unknown> = {}, list = members) =>
    s.setTestConfig("team", { accountId: A, members: list, ...extra });
  const accountEmails = async () =>
    ((await s.api("GET", `/accounts/${A}/account_users`)) as { results: ApiUser[] }).results
      .map((u) => u.email.toLowerCase())
      .sort();
  const writes = async () => {
    const counts = await s.requestCounts();
    return WRITES.reduce((n, k) => n + (counts[k] ?? 0), 0);
  };

  /**
   * The fixture: every test has its own emulator and stack (declaring the team), brought to the
   * test's starting point here, so any test passes alone (`--grep`) and none inherits another's state.
   */
  type Start = "nothing deployed" | "deployed" | "deployed, removeUnmanaged set" | "unmanaged removed";
  async function startFrom(start: Start): Promise<void> {
    if (start === "nothing deployed") return;
    await s.up();
    if (start === "deployed") return;
    await team({ removeUnmanaged: true });
    if (start === "unmanaged removed") await s.up();
  }

  beforeEach(async () => {
    s = await openStack({ program: "accountTeam" });
    await team();
  });
  afterEach(async () => {
    await s?.dispose();
  });

  it("reports exactly the two undeclared users at preview, as a warning, without writing", async () => {
    await startFrom("nothing deployed");
    await s.clearRequests();
    const preview = await s.preview();
    assert.equal(await writes(), 0, "a preview must not write to the API");
    assert.equal(preview.changeSummary.create, 5, "the stack, the component and three members are planned");
    const warning = s.output.join("").match(/AccountTeam "team": (\d+) user\(s\) of account [^\n]*/);
    assert.ok(warning, "the unmanaged users are reported as a warning");
    assert.equal(warning[1], "2");
    assert.match(warning[0], new RegExp(SEED_OWNER_EMAIL.replace(".", "\\.")));
    assert.match(warning[0], /paula\.partial@example\.com/);
    assert.doesNotMatch(warning[0], /frank|alice|bob/i, "declared members are never unmanaged");
  });

  it("creates one AccountUser per member and exposes the unmanaged users as an output", async () => {
    await startFrom("nothing deployed");
    const up = await s.up();
    assert.deepEqual(up.outputs.unmanaged?.value, [SEED_OWNER_EMAIL, PAULA]);
    assert.deepEqual(up.outputs.removalRefused?.value, []);
    assert.deepEqual(Object.keys(up.outputs.userIds?.value ?? {}).sort(), [
      "alice.author@example.com",
      "bob.builder@example.com",
      "frank.full@example.com",
    ]);
    assert.deepEqual(await accountEmails(), [
      "alice.author@example.com",
      "bob.builder@example.com",
      "frank.full@example.com",
      SEED_OWNER_EMAIL,
      PAULA,
    ]);
  });

  it("changes nothing when the members are listed in another order", async () => {
    await startFrom("deployed");
    await team({}, [...members].reverse());
    await s.preview({ expectNoChanges: true });
  });

  it("with removeUnmanaged, plans the removal in preview without writing, and refuses the last owner", async () => {
    await startFrom("deployed");
    await team({ removeUnmanaged: true });
    s.output.length = 0;
    await s.clearRequests();
    const steps: { op: string; users: unknown }[] = [];
    const preview = await s.stack.preview({
      color: "never",
      onOutput: (line) => s.output.push(line),
      onEvent: (e) => {
        const m = e.resourcePreEvent?.metadata;
        if (m?.type === "pulumi-nodejs:dynamic/wpengine:AccountUserRemoval") {
          steps.push({ op: m.op, users: m.new?.inputs?.users });
        }
      },
    });
    assert.equal(await writes(), 0, "the removal is only planned at preview");
    assert.equal(preview.changeSummary.create, 1);
    assert.deepEqual(steps, [
      { op: "create", users: [{ userId: SEED_IDS.partialUserId, email: PAULA, roles: "partial" }] },
    ]);
    assert.match(
      s.output.join(""),
      /removeUnmanaged will not remove owner@example\.com: it is the user behind the API credentials and the last owner of the account/,
    );
  });

  it("removes the unmanaged partial user at up and keeps the last owner", async () => {
    await startFrom("deployed, removeUnmanaged set");
    const up = await s.up();
    assert.deepEqual(await accountEmails(), [
      "alice.author@example.com",
      "bob.builder@example.com",
      "frank.full@example.com",
      SEED_OWNER_EMAIL,
    ]);
    // `unmanaged` is what the program read before this run's removal.
    assert.deepEqual(up.outputs.unmanaged?.value, [SEED_OWNER_EMAIL, PAULA]);
    const refused = up.outputs.removalRefused?.value as { email: string; reason: string }[];
    assert.equal(refused.length, 1);
    assert.equal(refused[0]?.email, SEED_OWNER_EMAIL);
    assert.match(refused[0]?.reason ?? "", /last owner/);
  });

  it("is a no-op on the next run: the removal is not repeated, only the owner stays unmanaged", async () => {
    await startFrom("unmanaged removed");
    await s.clearRequests();
    s.output.length = 0;
    await s.preview({ refresh: true, expectNoChanges: true });
    assert.equal(await writes(), 0);
    assert.match(
      s.output.join(""),
      /AccountTeam "team": 1 user\(s\) of account \S+ are not declared \(unmanaged\): owner@example\.com \(owner\)/,
    );
  });
});
