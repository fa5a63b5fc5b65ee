/**
 * Scenario 3, the ambiguous create: the emulator processes a user create but drops the connection
 * before answering. The client never repeats such a POST blindly: it looks the email up, finds the
 * user it just created and returns it, so each user is invited exactly once. A backup request whose
 * answer is lost cannot be checked (the API cannot list backups), so it is reported, never repeated.
 */
import assert from "node:assert/strict";
import { backup, isClearProviderError, members, ROUTES, Scenario } from "./support";

describe("chaos: ambiguous create (processed, then the connection drops)", function () {
  this.timeout(600_000);
  let sc: Scenario | undefined;
  afterEach(async () => sc?.dispose());

  it("finds each user it created by email instead of inviting twice", async () => {
    sc = await Scenario.open("ambiguous create: 3 of 6 user POSTs are processed, then the connection drops");
    await sc.declare({ users: members("amb", 6) });
    await sc.inject({ method: "POST", path: "/account_users$", afterProcessing: true, count: 3 });

    const res = await sc.s.up();
    assert.equal(res.summary.result, "succeeded");
    const posts = sc.requests().filter((r) => r.route === `POST ${ROUTES.users}`);
    assert.equal(posts.filter((r) => r.faulted === "afterProcessing").length, 3, "three answers were lost");
    assert.equal(posts.length, 6, "one POST per user: none was repeated");
    assert.ok(
      sc.requests().filter((r) => r.route === `GET ${ROUTES.users}`).length >= 3,
      "each lost answer was followed by a look-up by email",
    );
    await sc.converge();
  });

  it("reports a backup request whose answer was lost and does not repeat it", async () => {
    sc = await Scenario.open("ambiguous backup: the backup POST is processed, then the connection drops");
    await sc.declare({ backups: [backup("pre-deploy", "c3")] });
    await sc.inject({ method: "POST", path: "/backups$", afterProcessing: true, count: 1 });

    const message = await sc.failure("up", sc.s.up());
    assert.ok(isClearProviderError(message), message);
    assert.match(message, /outcome of this write is unknown/);
    assert.match(message, /check the install's backups in the WP Engine User Portal before retrying/);
    const posts = sc.requests().filter((r) => r.route === `POST ${ROUTES.backups}`);
    assert.equal(posts.length, 1, "the backup was requested exactly once");
    const fresh = sc.s.emulator.store.snapshot().backups.filter((b) => b.description === "pre-deploy at c3");
    assert.equal(fresh.length, 1, "WP Engine took exactly one backup");
    const inState = (await sc.s.deployment()).resources?.filter((r) => r.type.endsWith(":Backup")) ?? [];
    assert.equal(inState.length, 0, "the state records no backup it cannot identify");
    sc.report();
    await sc.scanSecrets();
  });
});
