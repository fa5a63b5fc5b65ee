/**
 * The AccountUser outputs under answers the contract allows but our default emulator never sends:
 * `installs` left out (optional and nullable) must stay "not reported", never become "no installs",
 * or every `up` would PATCH the same user again; an unknown role is recorded verbatim.
 */
import assert from "node:assert/strict";
import { SEED_IDS } from "../../emulator";
import type { AccountUser } from "../../provider/client/schemas";
import { toOutputs } from "../../provider/resources/accountUser/outputs";
import { AccountUserProvider } from "../../provider/resources/accountUser/provider";
import { clearRequests, clientFactory, control, requestCounts, useEmulator } from "./support";

const MAIN = SEED_IDS.mainAccountId;
const TORQUE = SEED_IDS.torquemagInstallId;
const PATCH_USER = "PATCH /accounts/{account_id}/account_users/{user_id}";

const PARTIAL: AccountUser = {
  user_id: "28c78b6d-c2da-4f09-85f5-1ad588089b2d",
  account_id: MAIN,
  first_name: "Con",
  last_name: "Tractor",
  email: "con@example.com",
  phone: null,
  invite_accepted: false,
  mfa_enabled: false,
  roles: "partial",
};

describe("AccountUser outputs", () => {
  it("uses the known install ids when the answer does not report installs, never none", () => {
    const outs = toOutputs(PARTIAL, { installIds: [TORQUE.toUpperCase()] });
    assert.deepEqual(outs.installIds, [TORQUE]);
    assert.deepEqual(outs.installs, [{ id: TORQUE.toUpperCase(), name: null }]);
  });

  it("uses the reported installs when there are some, and none for a role that is not partial", () => {
    const reported = toOutputs(
      { ...PARTIAL, installs: [{ id: TORQUE, name: "torquemag" }] },
      { installIds: [] },
    );
    assert.deepEqual(reported.installIds, [TORQUE]);
    assert.deepEqual(toOutputs({ ...PARTIAL, roles: "full" }, { installIds: [TORQUE] }).installIds, []);
  });

  it("records a role that is none of the five verbatim", () => {
    const odd = { ...PARTIAL, roles: "billing" } as unknown as AccountUser;
    assert.equal(toOutputs(odd, {}).roles, "billing");
  });

  describe("through the provider", () => {
    const ctx = useEmulator();

    it("refreshes, guards and adopts normally when one user of the account has an unknown role (billing alone)", async () => {
      const users = await clientFactory(ctx.emu)().listAccountUsers(MAIN);
      const odd = users.find((u) => u.user_id === SEED_IDS.partialUserId);
      assert.ok(odd);
      const body = {
        results: users.map((u) => ({
          ...u,
          installs: null,
          roles: u.user_id === odd.user_id ? "billing" : u.roles,
        })),
      };
      await control(ctx.emu, "POST", "/faults", {
        method: "GET",
        path: `^/v1/accounts/${MAIN}/account_users$`,
        status: 200,
        body,
      });
      const provider = new AccountUserProvider(clientFactory(ctx.emu));
      const other = await provider.read(SEED_IDS.fullUserId, { accountId: MAIN });
      assert.equal((other.props as Record<string, unknown>).roles, "full,billing", "the others refresh");
      const read = await provider.read(odd.user_id, { accountId: MAIN, installIds: [TORQUE] });
      assert.equal(read.id, odd.user_id, "the odd user stays in the state");
      assert.equal((read.props as Record<string, unknown>).roles, "billing");
      const declared = {
        accountId: MAIN,
        email: odd.email,
        firstName: odd.first_name,
        lastName: odd.last_name,
        roles: "partial",
        installIds: [TORQUE],
      };
      const diff = await provider.diff(odd.user_id, read.props as Record<string, unknown>, declared);
      assert.deepEqual(diff.replaces, []);
      assert.equal(diff.changes, true, "the odd role shows as drift to put right");
      await provider.delete(SEED_IDS.fullUserId, other.props as Record<string, unknown>);
      const adopted = await provider.create({ ...declared, adopt: true });
      assert.equal(adopted.id, odd.user_id, "recovery adopts the odd user by email");
      assert.equal((adopted.outs as Record<string, unknown>).roles, "partial");
    });

    it("creates a partial user when the API leaves installs out, then sees no change (no PATCH on the next up)", async () => {
      await control(ctx.emu, "POST", "/config", { profile: "minimal" });
      const provider = new AccountUserProvider(clientFactory(ctx.emu));
      const inputs = {
        accountId: MAIN,
        email: "con@example.com",
        firstName: "Con",
        lastName: "Tractor",
        roles: "partial",
        installIds: [TORQUE],
      };
      const created = await provider.create(inputs);
      const outs = created.outs as Record<string, unknown>;
      assert.deepEqual(outs.installIds, [TORQUE]);
      const diff = await provider.diff(created.id, outs, inputs);
      assert.equal(diff.changes, false, JSON.stringify(diff));

      // A refresh keeps what the state knew, so drift does not appear from nowhere either.
      await clearRequests(ctx.emu);
      const read = await provider.read(created.id, outs);
      assert.deepEqual((read.props as Record<string, unknown>).installIds, [TORQUE]);
      assert.equal(
        (await provider.diff(created.id, read.props as Record<string, unknown>, inputs)).changes,
        false,
      );
      assert.equal((await requestCounts(ctx.emu))[PATCH_USER] ?? 0, 0);
    });
  });
});
