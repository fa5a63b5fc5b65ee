/**
 * Guarantee: a value that is not known at preview (an output of a resource this update creates) shows
 * as a possible change, never as a refusal and never as nothing. The lockout guard does not refuse an
 * owner whose role is still unknown (it decides at `up`, on a fresh read), and a removal list that is
 * still unknown previews as an update of the removal step, not as "no change" followed by deletions.
 */
import assert from "node:assert/strict";
import { SEED_IDS, SEED_OWNER_EMAIL } from "../../../emulator";
import { Scenario, type UserSpec } from "../../chaos/support";
import { Agreement, adoptSeeded, guaranteesProgram, newUser } from "./agreement";

const A = SEED_IDS.mainAccountId;
const B = SEED_IDS.secondAccountId;

const olivia = (extra: Record<string, unknown> = {}): UserSpec =>
  adoptSeeded("olivia", SEED_OWNER_EMAIL, extra);
const globex = (extra: Record<string, unknown> = {}) => ({
  name: "globex",
  args: {
    accountId: B,
    members: [{ email: "sam.second@example.com", firstName: "Sam", lastName: "Second", roles: "owner" }],
    removeUnmanaged: true,
    ...extra,
  },
});

describe("guarantee: unknown values preview as possible changes", function () {
  this.timeout(900_000);
  let sc: Scenario | undefined;
  after(async () => sc?.dispose());

  it("previews an owner's unknown role and an unknown removal list as changes, then applies them at up", async () => {
    sc = await Scenario.open("unknowns at preview", { program: guaranteesProgram() });
    const s = sc.s;
    const agreement = new Agreement(sc, [A, B]);
    await sc.declare({ users: [olivia()] });
    await s.setTestConfig("teams", [globex()]);
    await s.up();
    const removedAtFirstUp = ["bill.billing@example.com", "fiona.full@example.com"];

    // The last owner's role waits for a user this update creates: unknown at preview.
    await sc.declare({ users: [newUser("gate", A), olivia({ rolesAfter: "gate" })] });
    const preview = await s.preview();
    assert.ok(
      (preview.changeSummary.update ?? 0) >= 1,
      `a possible change: ${JSON.stringify(preview.changeSummary)}`,
    );
    await s.up();
    assert.equal(
      sc.writes().filter((r) => r.method === "PATCH").length,
      0,
      "the role resolved to owner: nothing to patch",
    );

    // Someone is invited in the portal; the team's account id now waits for a new user: the removal
    // list is unknown at preview and must show as a change of the removal step.
    await s.api("POST", `/accounts/${B}/account_users`, {
      user: {
        account_id: B,
        first_name: "Late",
        last_name: "Invite",
        email: "late@example.com",
        roles: "full",
      },
    });
    await sc.declare({ users: [newUser("gate", A), newUser("gate2", A), olivia()] });
    await s.setTestConfig("teams", [globex({ accountIdAfter: "gate2" })]);
    const mark = s.output.length;
    await s.preview();
    const planned = s.output.slice(mark).join("");
    assert.match(
      planned,
      /~\s+\S+\s+globex-unmanaged\s+update/,
      `the removal step shows as an update:\n${planned}`,
    );
    await s.up();
    assert.equal(
      s.emulator.store.snapshot().accountUsers.some((u) => u.email === "late@example.com"),
      false,
      "removed at up, as the preview said it might",
    );
    await agreement.check({ removed: removedAtFirstUp });
  });
});
