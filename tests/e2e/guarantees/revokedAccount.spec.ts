/**
 * Guarantee: a refresh that cannot list an account's users (access revoked: 403; wrong or unknown
 * account: 404) fails loudly with the recovery command and drops nobody from the state.
 */
import assert from "node:assert/strict";
import { SEED_IDS } from "../../../emulator";
import { Scenario } from "../../chaos/support";
import { resourcesOf } from "../harness";
import { Agreement, adoptSeeded, guaranteesProgram, newUser } from "./agreement";

const A = SEED_IDS.mainAccountId;

describe("guarantee: an unreadable account fails the refresh and keeps every user in the state", function () {
  this.timeout(900_000);
  let sc: Scenario | undefined;
  after(async () => sc?.dispose());

  it("fails refresh on 404 and 403 for the account's user list, then recovers once access is back", async () => {
    sc = await Scenario.open("revoked account", { program: guaranteesProgram() });
    const s = sc.s;
    const agreement = new Agreement(sc, [A]);
    await sc.declare({ users: [adoptSeeded("frank", "frank.full@example.com"), newUser("rita", A)] });
    await s.up();
    const before = resourcesOf(await s.deployment(), "AccountUser").map((r) => r.id);
    for (const status of [404, 403]) {
      await sc.inject({ method: "GET", path: `^/v1/accounts/${A}/account_users$`, status });
      const message = await sc.failure(`refresh with ${status}`, s.refresh());
      assert.match(message, new RegExp(`users of account ${A} cannot be listed \\(.*${status}`));
      assert.match(message, /pulumi state delete/);
      const after = resourcesOf(await s.deployment(), "AccountUser").map((r) => r.id);
      assert.deepEqual(after, before, `a ${status} dropped nobody from the state`);
      await sc.clearFaults();
    }
    await s.refresh();
    await agreement.check();
  });
});
