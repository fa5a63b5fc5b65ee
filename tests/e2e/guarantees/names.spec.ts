/**
 * Guarantee: names are invitation details, not identity. A user adopted under a name spelt differently
 * from WP Engine's, or whose declared name changes later, is never replaced or re-invited: the
 * difference is shown as a warning and nothing is written. Email and account stay identity.
 */
import assert from "node:assert/strict";
import { SEED_IDS } from "../../../emulator";
import { Scenario, type UserSpec } from "../../chaos/support";
import { resourcesOf } from "../harness";
import { Agreement, adoptSeeded, guaranteesProgram } from "./agreement";

const A = SEED_IDS.mainAccountId;

const frank = (firstName: string, lastName = "Full"): UserSpec =>
  adoptSeeded("frank", "frank.full@example.com", { firstName, lastName });

describe("guarantee: a name difference never replaces or re-invites anyone", function () {
  this.timeout(900_000);
  let sc: Scenario | undefined;
  after(async () => sc?.dispose());

  it("adopts a user spelt differently, keeps them through name edits, and only warns", async () => {
    sc = await Scenario.open("names are not identity", { program: guaranteesProgram() });
    const agreement = new Agreement(sc, [A]);
    const s = sc.s;
    const writes = () => sc?.writes().map((r) => `${r.method} ${r.route}`) ?? [];

    // WP Engine knows "Frank Full"; the program says "Franklin".
    await sc.declare({ users: [frank("Franklin")] });
    await s.up();
    assert.deepEqual(writes(), [], "adopting a user whose roles already match writes nothing");
    assert.match(
      s.output.join(""),
      /WP Engine has the name "Frank Full", the program declares "Franklin Full"/,
    );
    const [adopted] = resourcesOf(await s.deployment(), "AccountUser");
    assert.equal(adopted?.id, SEED_IDS.fullUserId);

    await s.preview({ expectNoChanges: true });
    await s.up();
    await sc.declare({ users: [frank("Frankie", "Fuller")] });
    await s.preview({ expectNoChanges: true });
    await s.up({ refresh: true });
    assert.deepEqual(writes(), [], "no DELETE, no POST: the person keeps access and MFA");
    const [kept] = resourcesOf(await s.deployment(), "AccountUser");
    assert.equal(kept?.id, SEED_IDS.fullUserId, "the same user, never re-invited");
    assert.equal(kept?.outputs?.firstName, "Frank", "the state records the name WP Engine holds");
    await agreement.check();
  });
});
