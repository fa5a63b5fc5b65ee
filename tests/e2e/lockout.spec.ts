/**
 * The lockout guard through the real Pulumi CLI: a plan that would demote, replace or remove the last
 * owner of an account, or the person behind the API credentials (`GET /user`), is refused before any
 * write, unless the program sets `allowOwnerLockout: true`. Demotions and replacements fail at
 * `pulumi preview`; removals fail at `pulumi up`, before the DELETE, because Pulumi's preview never
 * asks a provider about deletions. The program adopts the seeded owner `owner@example.com`, who is
 * both the main account's last owner and the API user. The emulator's own last-owner rule is off
 * (`enforceLastOwner: false`), so the provider's guard is the last line, as it must be.
 */
import assert from "node:assert/strict";
import { SEED_IDS, SEED_OWNER_EMAIL } from "../../emulator";
import { Scenario, type UserSpec } from "../chaos/support";
import { resourcesOf } from "./harness";

const A = SEED_IDS.mainAccountId;
const B = SEED_IDS.secondAccountId;

const owner = (patch: Record<string, unknown> = {}): UserSpec => ({
  name: "owner",
  args: {
    accountId: A,
    email: SEED_OWNER_EMAIL,
    firstName: "Olivia",
    lastName: "Owner",
    roles: "owner",
    adopt: true,
    ...patch,
  },
});

describe("lockout guard: the last owner and the API user are never removed or demoted by accident", function () {
  this.timeout(900_000);
  let sc: Scenario;

  const apiUser = (accountId: string, email: string) =>
    sc.s.emulator.store.snapshot().accountUsers.find((u) => u.account_id === accountId && u.email === email);
  const writes = () => sc.writes().map((r) => `${r.method} ${r.path}`);
  /** A second owner of the main account, invited in the portal (outside Pulumi). */
  const addCoOwner = () =>
    sc.s.api("POST", `/accounts/${A}/account_users`, {
      user: {
        account_id: A,
        first_name: "Co",
        last_name: "Owner",
        email: "co.owner@example.com",
        roles: "owner",
      },
    });

  // Each test gets its own emulator and stack, so none depends on what another left (any one passes
  // alone with --grep). Most start with the seeded owner adopted; two start from nothing, and the
  // override case starts with a second owner in the account (WP Engine keeps at least one owner, so
  // only then can the API user be demoted and removed).
  const startsEmpty = [/^adopts the seeded owner/, /of an account who is not the API user$/];
  const startsWithCoOwner = [/^with allowOwnerLockout: true/];
  beforeEach(async function () {
    const title = this.currentTest?.title ?? "";
    sc = await Scenario.open(`lockout guard: ${title}`);
    // The API's own last-owner rule is undocumented: with it off, our guard is the last line.
    await sc.s.control("POST", "/config", { enforceLastOwner: false });
    if (startsEmpty.some((re) => re.test(title))) return;
    await sc.declare({ users: [owner()] });
    await sc.s.up();
    if (startsWithCoOwner.some((re) => re.test(title))) await addCoOwner();
  });
  afterEach(async () => {
    await sc?.scanSecrets();
    await sc?.dispose();
  });

  it("adopts the seeded owner without a write and records lastOwner and isApiUser", async () => {
    await sc.declare({ users: [owner()] });
    await sc.s.clearRequests();
    await sc.s.up();
    assert.deepEqual(writes(), [], "adopting an owner that already matches writes nothing");
    const outs = resourcesOf(await sc.s.deployment(), "AccountUser")[0]?.outputs;
    assert.equal(outs?.lastOwner, true);
    assert.equal(outs?.isApiUser, true);
  });

  it("refuses at preview to demote the last owner, naming the override", async () => {
    await sc.declare({ users: [owner({ roles: "full" })] });
    await sc.s.clearRequests();
    const message = await sc.failure("preview", sc.s.preview());
    assert.match(
      message,
      /refuses to demote owner@example\.com to "full": this is the last owner of the account/,
    );
    assert.match(message, /allowOwnerLockout: true/);
    assert.deepEqual(writes(), []);
    assert.equal(apiUser(A, SEED_OWNER_EMAIL)?.roles, "owner");
  });

  it("never replaces the last owner for a name change (names are not identity)", async () => {
    await sc.declare({ users: [owner({ lastName: "Owner-Smith" })] });
    await sc.s.clearRequests();
    await sc.s.preview({ expectNoChanges: true });
    assert.deepEqual(writes(), []);
  });

  it("refuses at preview to replace the last owner (an email change would delete and re-invite)", async () => {
    await sc.declare({ users: [owner({ email: "olivia.new@example.com" })] });
    await sc.s.clearRequests();
    const message = await sc.failure("preview", sc.s.preview());
    assert.match(message, /refuses to replace owner@example\.com \(email changed\)/);
    assert.deepEqual(writes(), []);
  });

  it("refuses at up, before any write, to remove the last owner (preview does not consult providers on deletes)", async () => {
    await sc.declare({ users: [] });
    const preview = await sc.s.preview();
    assert.equal(preview.changeSummary.delete, 1, "the preview can only show the planned delete");
    await sc.s.clearRequests();
    const message = await sc.failure("up", sc.s.up());
    assert.match(message, /refuses to remove owner@example\.com: this is the last owner of the account/);
    assert.deepEqual(writes(), [], "no DELETE was sent");
    assert.ok(apiUser(A, SEED_OWNER_EMAIL), "the owner still exists");
    assert.equal(resourcesOf(await sc.s.deployment(), "AccountUser").length, 1, "and is still managed");
  });

  it("refuses to demote the API user even when the account has another owner", async () => {
    await addCoOwner();
    await sc.declare({ users: [owner({ roles: "full" })] });
    await sc.s.clearRequests();
    const message = await sc.failure("preview --refresh", sc.s.preview({ refresh: true }));
    assert.match(
      message,
      /refuses to demote owner@example\.com to "full": this is the user behind the API credentials/,
    );
    assert.deepEqual(writes(), []);
  });

  it("with allowOwnerLockout: true, demotes and then removes the API user", async () => {
    await sc.declare({ users: [owner({ roles: "full", allowOwnerLockout: true })] });
    await sc.s.clearRequests();
    await sc.s.up();
    assert.deepEqual(writes(), [`PATCH /v1/accounts/${A}/account_users/${SEED_IDS.ownerUserId}`]);
    assert.equal(apiUser(A, SEED_OWNER_EMAIL)?.roles, "full");

    await sc.declare({ users: [] });
    await sc.s.clearRequests();
    await sc.s.up();
    assert.deepEqual(writes(), [`DELETE /v1/accounts/${A}/account_users/${SEED_IDS.ownerUserId}`]);
    assert.equal(apiUser(A, SEED_OWNER_EMAIL), undefined, "removed, as the program said");
  });

  it("refuses to demote the last owner of an account who is not the API user", async () => {
    const sam: UserSpec = {
      name: "sam",
      args: {
        accountId: B,
        email: "sam.second@example.com",
        firstName: "Sam",
        lastName: "Second",
        roles: "owner",
        adopt: true,
      },
    };
    await sc.declare({ users: [sam] });
    await sc.s.up();
    await sc.declare({
      users: [{ ...sam, args: { ...sam.args, roles: "partial,billing", installIds: [] } }],
    });
    await sc.s.clearRequests();
    const message = await sc.failure("preview", sc.s.preview());
    assert.match(
      message,
      /refuses to demote sam\.second@example\.com to "partial,billing": this is the last owner/,
    );
    assert.deepEqual(writes(), []);
  });

  it("leaks no credentials", async () => {
    await sc.scanSecrets();
  });
});
