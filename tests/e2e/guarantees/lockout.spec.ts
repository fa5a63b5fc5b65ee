/**
 * Guarantee: the lockout guard decides from WP Engine as it is at write time, not from flags stored
 * at the last refresh. With the emulator's own last-owner rule switched off (so our guard is the last
 * line), a program that drops both owners of an account at once removes one and refuses the other:
 * the second removal sees the result of the first.
 */
import assert from "node:assert/strict";
import { SEED_IDS } from "../../../emulator";
import { Scenario, type UserSpec } from "../../chaos/support";
import { resourcesOf } from "../harness";
import { Agreement, guaranteesProgram } from "./agreement";

const B = SEED_IDS.secondAccountId;

const owner = (name: string, email: string): UserSpec => ({
  name,
  args: { accountId: B, email, firstName: "Owner", lastName: name, roles: "owner", adopt: true },
});

describe("guarantee: an account never loses its last owner, even when two owners go at once", function () {
  this.timeout(900_000);
  let sc: Scenario | undefined;
  after(async () => sc?.dispose());

  it("removes one of two owners dropped together and refuses the other, before its DELETE", async () => {
    sc = await Scenario.open("two owners at once", { program: guaranteesProgram() });
    const s = sc.s;
    await s.control("POST", "/config", { enforceLastOwner: false });
    await s.api("POST", `/accounts/${B}/account_users`, {
      user: {
        account_id: B,
        first_name: "Co",
        last_name: "Owner",
        email: "co.owner@example.com",
        roles: "owner",
      },
    });
    const agreement = new Agreement(sc, [B]);
    const both = [owner("sam", "sam.second@example.com"), owner("co", "co.owner@example.com")];
    await sc.declare({ users: both });
    await s.up({ refresh: true });
    for (const r of resourcesOf(await s.deployment(), "AccountUser"))
      assert.equal(r.outputs?.lastOwner, false, "the state says neither is the last owner");

    await sc.declare({ users: [] });
    const message = await sc.failure("up", s.up());
    assert.match(message, /refuses to remove (sam\.second|co\.owner)@example\.com: this is the last owner/);
    const owners = s.emulator.store
      .snapshot()
      .accountUsers.filter((u) => u.account_id === B && u.roles === "owner");
    assert.equal(owners.length, 1, "the account keeps exactly one owner");
    const deletes = sc.writes().filter((r) => r.method === "DELETE");
    assert.equal(deletes.length, 1, "the refused owner saw no DELETE");

    // The program keeps the remaining owner: state and WP Engine agree again.
    const remaining = owners[0]?.email;
    await sc.declare({ users: both.filter((u) => u.args.email === remaining) });
    await s.up();
    await agreement.check({
      removed: both.map((u) => String(u.args.email)).filter((e) => e !== remaining),
    });
  });
});
