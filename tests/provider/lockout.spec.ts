import assert from "node:assert/strict";
import { type RunningEmulator, SEED_IDS, SEED_OWNER_EMAIL, startEmulator } from "../../emulator";
import { WpEngineClient } from "../../provider/client/client";
import { resolveClientConfig } from "../../provider/client/config";
import type { Role } from "../../provider/client/roles";
import { AccountUserProvider } from "../../provider/resources/accountUser/provider";
import { lockoutRiskNow } from "../../provider/resources/accountUser/writeGuard";

describe("the lockout guard of AccountUser", () => {
  let emu: RunningEmulator;
  let provider: AccountUserProvider;
  let owner: Record<string, unknown>;

  const writes = async () => {
    const { counts } = (await (await fetch(`${emu.controlUrl}/requests`)).json()) as {
      counts: Record<string, number>;
    };
    return Object.entries(counts).filter(([route]) => !route.startsWith("GET")).length;
  };

  beforeEach(async () => {
    emu = await startEmulator({ port: 0, quiet: true });
    const client = new WpEngineClient(
      resolveClientConfig({ apiUrl: emu.baseUrl, apiUserId: emu.apiUserId, apiPassword: emu.apiPassword }),
    );
    provider = new AccountUserProvider(() => client);
    const read = await provider.read(SEED_IDS.ownerUserId, { accountId: SEED_IDS.mainAccountId });
    owner = read.props as Record<string, unknown>;
  });
  afterEach(async () => emu.close());

  it("marks the seeded owner as last owner and as the API's own user on read", () => {
    assert.equal(owner.lastOwner, true);
    assert.equal(owner.isApiUser, true);
    assert.equal(owner.email, SEED_OWNER_EMAIL);
  });

  it("refuses at diff (so at preview) to demote the last owner, naming the override", async () => {
    await assert.rejects(
      provider.diff(SEED_IDS.ownerUserId, owner, { ...owner, roles: "full" }),
      /refuses to demote owner@example.com.*last owner.*allowOwnerLockout: true/s,
    );
  });

  it("refuses at diff to replace the last owner by an email change", async () => {
    await assert.rejects(
      provider.diff(SEED_IDS.ownerUserId, owner, { ...owner, email: "other@example.com" }),
      /refuses to replace/,
    );
  });

  it("lets the demotion through when allowOwnerLockout is set", async () => {
    const diff = await provider.diff(SEED_IDS.ownerUserId, owner, {
      ...owner,
      roles: "full",
      allowOwnerLockout: true,
    });
    assert.equal(diff.changes, true);
    assert.deepEqual(diff.replaces, []);
  });

  it("refuses to delete the last owner before any write", async () => {
    await fetch(`${emu.controlUrl}/requests`, { method: "DELETE" });
    await assert.rejects(provider.delete(SEED_IDS.ownerUserId, owner), /refuses to remove owner@example.com/);
    assert.equal(await writes(), 0);
  });

  it("deletes a user that is no longer protected when fresh data says so", async () => {
    const stale = {
      ...owner,
      userId: SEED_IDS.fullUserId,
      email: "x@example.com",
      isApiUser: false,
      lastOwner: true,
    };
    await provider.delete(SEED_IDS.fullUserId, stale);
    const gone = await provider.read(SEED_IDS.fullUserId, { accountId: SEED_IDS.mainAccountId });
    assert.equal(gone.id, "");
  });

  describe("at write time, from a fresh read of the account (the emulator's own last-owner rule off)", () => {
    const A = SEED_IDS.mainAccountId;
    const B = SEED_IDS.secondAccountId;
    const auth = () => `Basic ${Buffer.from(`${emu.apiUserId}:${emu.apiPassword}`).toString("base64")}`;
    const api = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${emu.baseUrl}${path}`, {
        method,
        headers: { authorization: auth(), ...(body ? { "content-type": "application/json" } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      assert.ok(res.ok, `${method} ${path}: ${res.status}`);
      return res.status === 204 ? undefined : ((await res.json()) as Record<string, unknown>);
    };
    const invite = async (account: string, email: string, roles: string) =>
      (
        (await api("POST", `/accounts/${account}/account_users`, {
          user: { account_id: account, first_name: "Co", last_name: "Owner", email, roles },
        })) as { account_user: { user_id: string } }
      ).account_user.user_id;
    const counts = async () =>
      ((await (await fetch(`${emu.controlUrl}/requests`)).json()) as { counts: Record<string, number> })
        .counts;
    const owners = async (account: string) =>
      (
        (await (await fetch(`${emu.controlUrl}/state`)).json()) as {
          accountUsers: { account_id: string; roles: string }[];
        }
      ).accountUsers.filter((u) => u.account_id === account && u.roles === "owner").length;

    beforeEach(async () => {
      const res = await fetch(`${emu.controlUrl}/config`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ enforceLastOwner: false }),
      });
      assert.equal(res.status, 200, "the emulator accepts enforceLastOwner");
    });

    it("of two owners removed at once, removes one and refuses the other", async () => {
      const coOwner = await invite(B, "co.owner@example.com", "owner");
      const sam = await provider.read(SEED_IDS.secondOwnerUserId, { accountId: B });
      const co = await provider.read(coOwner, { accountId: B });
      assert.equal(sam.props?.lastOwner, false, "the state says neither is the last owner");
      const results = await Promise.allSettled([
        provider.delete(SEED_IDS.secondOwnerUserId, sam.props as Record<string, unknown>),
        provider.delete(coOwner, co.props as Record<string, unknown>),
      ]);
      const refused = results.filter((r) => r.status === "rejected");
      assert.equal(refused.length, 1, JSON.stringify(results));
      assert.match(
        String((refused[0] as PromiseRejectedResult).reason),
        /refuses to remove .*the last owner/,
      );
      assert.equal(await owners(B), 1, "the account keeps an owner");
    });

    it("refuses to remove an owner whose co-owner was removed in the portal after the last refresh", async () => {
      const coOwner = await invite(B, "co.owner@example.com", "owner");
      const stale = (await provider.read(SEED_IDS.secondOwnerUserId, { accountId: B })).props as Record<
        string,
        unknown
      >;
      assert.equal(stale.lastOwner, false);
      await api("DELETE", `/accounts/${B}/account_users/${coOwner}`);
      await assert.rejects(
        provider.delete(SEED_IDS.secondOwnerUserId, stale),
        /refuses to remove sam\.second@example\.com: this is the last owner/,
      );
      assert.equal(await owners(B), 1);
    });

    it("refuses to demote the last owner even when the state still records a co-owner", async () => {
      const coOwner = await invite(B, "co.owner@example.com", "owner");
      const stale = (await provider.read(SEED_IDS.secondOwnerUserId, { accountId: B })).props as Record<
        string,
        unknown
      >;
      await api("DELETE", `/accounts/${B}/account_users/${coOwner}`);
      await assert.rejects(
        provider.update(SEED_IDS.secondOwnerUserId, stale, { ...stale, roles: "full" }),
        /refuses to demote sam\.second@example\.com to "full": this is the last owner/,
      );
      assert.equal((await counts())["PATCH /accounts/{account_id}/account_users/{user_id}"], undefined);
    });

    it("refuses to remove the user behind the credentials although the state says it is not (rotated credentials)", async () => {
      await invite(A, "co.owner@example.com", "owner");
      const stale = { ...owner, isApiUser: false, lastOwner: false };
      await assert.rejects(
        provider.delete(SEED_IDS.ownerUserId, stale),
        /refuses to remove owner@example\.com: this is the user behind the API credentials/,
      );
      assert.equal(await writes(), 1, "only the invitation of the co-owner was written");
    });

    it("serves concurrent removals of one account with one list call and one GET /user", async () => {
      const ids = await Promise.all(["a", "b", "c"].map((n) => invite(A, `${n}.member@example.com`, "full")));
      const props = ids.map((id, i) => ({
        accountId: A,
        userId: id,
        email: `${"abc"[i]}.member@example.com`,
        roles: "full",
      }));
      await fetch(`${emu.controlUrl}/requests`, { method: "DELETE" });
      const fresh = new AccountUserProvider(
        () =>
          new WpEngineClient(
            resolveClientConfig({
              apiUrl: emu.baseUrl,
              apiUserId: emu.apiUserId,
              apiPassword: emu.apiPassword,
            }),
          ),
      );
      await Promise.all(ids.map((id, i) => fresh.delete(id, props[i] as Record<string, unknown>)));
      const c = await counts();
      assert.equal(c["GET /accounts/{account_id}/account_users"], 1);
      assert.equal(c["GET /user"], 1);
      assert.equal(c["DELETE /accounts/{account_id}/account_users/{user_id}"], 3);
    });
  });

  describe("lockoutRiskNow (the rule, on the account as listed now)", () => {
    const u = (id: string, email: string, roles: Role) => ({ user_id: id, email, roles });
    const olivia = u("1", "olivia@example.com", "owner");
    const sam = u("2", "sam@example.com", "owner");
    const fay = u("3", "fay@example.com", "full");
    const me = "ME@example.com";

    it("refuses removing or demoting the only owner, and allows it while another owner exists", () => {
      assert.equal(
        lockoutRiskNow([olivia, fay], olivia, { kind: "remove" }, me),
        "the last owner of the account",
      );
      assert.equal(
        lockoutRiskNow([olivia, fay], olivia, { kind: "roles", roles: "full" }, me),
        "the last owner of the account",
      );
      assert.equal(lockoutRiskNow([olivia, sam, fay], olivia, { kind: "remove" }, me), undefined);
    });

    it("refuses lowering the access of the user behind the credentials, compared case-insensitively", () => {
      const mine = u("4", "me@example.com", "full");
      assert.equal(
        lockoutRiskNow([olivia, mine], mine, { kind: "remove" }, me),
        "the user behind the API credentials",
      );
      assert.equal(
        lockoutRiskNow([olivia, mine], mine, { kind: "roles", roles: "partial" }, me),
        "the user behind the API credentials",
      );
      assert.equal(
        lockoutRiskNow([olivia, mine], mine, { kind: "roles", roles: "full,billing" }, me),
        undefined,
      );
    });

    it("names both reasons when both apply, the owner first", () => {
      const mine = u("4", "me@example.com", "owner");
      assert.equal(
        lockoutRiskNow([mine, fay], mine, { kind: "remove" }, me),
        "the last owner of the account and the user behind the API credentials",
      );
    });
  });

  it("allows an ordinary role change of an ordinary user", async () => {
    const read = await provider.read(SEED_IDS.fullUserId, { accountId: SEED_IDS.mainAccountId });
    const props = read.props as Record<string, unknown>;
    const diff = await provider.diff(SEED_IDS.fullUserId, props, { ...props, roles: "partial" });
    assert.equal(diff.changes, true);
  });
});
