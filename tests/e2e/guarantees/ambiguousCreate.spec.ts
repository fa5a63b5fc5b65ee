/**
 * Guarantee (issue 11, point 6): an invitation whose outcome is unknown never silently takes over a
 * stranger. After a POST that may or may not have been processed, the client looks the email up; it
 * takes over the user found only when this request can have created it (a pending invitation with
 * exactly the posted names, role and installs) or when `adopt` allows it. Otherwise `up` fails with
 * the explanation and the fix (`adopt: true`), and the person invited by hand keeps their access
 * untouched. Run through the real Pulumi CLI against the emulator; ends with the convergence check
 * (state and emulator agree user by user, no secret anywhere).
 */
import assert from "node:assert/strict";
import { ACCOUNT, isClearProviderError, member, ROUTES, Scenario } from "../../chaos/support";
import { resourcesOf } from "../harness";

describe("guarantee: an ambiguous create never takes over a stranger", function () {
  this.timeout(900_000);
  let sc: Scenario | undefined;
  afterEach(async () => sc?.dispose());

  it("refuses to take over a person invited by hand after an unknown outcome, names adopt, and adopts once told", async () => {
    sc = await Scenario.open("ambiguous create meets a person invited by hand long before");
    const declared = member("stranger", 0, "partial");
    const email = String(declared.args.email);

    // Long before: someone invites the same person (same names) by hand in the portal with another
    // role, and the person accepts. Same names are no proof: an accepted user predates this request.
    const invited = (await sc.s.api("POST", `/accounts/${ACCOUNT}/account_users`, {
      user: {
        account_id: ACCOUNT,
        first_name: declared.args.firstName,
        last_name: declared.args.lastName,
        email,
        roles: "full",
      },
    })) as { account_user: { user_id: string } };
    const strangerId = invited.account_user.user_id;
    await sc.s.control("POST", `/accounts/${ACCOUNT}/users/${strangerId}/accept-invite`);

    // The program's invitation of that address gets a 502: its outcome is unknown to the client.
    await sc.declare({ users: [declared] });
    await sc.inject({ method: "POST", path: "/account_users$", status: 502, count: 1 });
    const message = await sc.failure("up", sc.s.up());
    assert.ok(isClearProviderError(message), message);
    assert.match(message, /cannot have created/);
    assert.match(message, /already accepted an invitation, has the role "full"/);
    assert.match(message, /adopt: true/);

    const stranger = sc.s.emulator.store.snapshot().accountUsers.find((u) => u.user_id === strangerId);
    assert.equal(stranger?.roles, "full", "the person invited by hand keeps their role");
    assert.deepEqual(stranger?.install_ids, []);
    assert.equal(resourcesOf(await sc.s.deployment(), "AccountUser").length, 0, "nobody was taken over");
    assert.equal(
      sc.writes().filter((r) => r.route !== `POST ${ROUTES.users}`).length,
      0,
      "no PATCH or DELETE reached the stranger",
    );

    // Told to, the program adopts the person: the same user, now with the declared role.
    await sc.clearFaults();
    await sc.declare({ users: [{ ...declared, args: { ...declared.args, adopt: true } }] });
    await sc.s.up();
    const adopted = resourcesOf(await sc.s.deployment(), "AccountUser")[0];
    assert.equal(adopted?.id, strangerId, "adopted, not invited again");
    await sc.converge();
  });
});
