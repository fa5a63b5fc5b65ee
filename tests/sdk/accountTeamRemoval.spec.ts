/**
 * The removal of unmanaged users (AccountUserRemoval's engine side) against the in-process emulator:
 * planning makes no API call, `up` removes the listed users, and the lockout guard, re-checked on a
 * fresh read, refuses the last owner and the user behind the credentials before removing anything.
 */
import assert from "node:assert/strict";
import { type RunningEmulator, SEED_IDS, SEED_OWNER_EMAIL, startEmulator } from "../../emulator";
import { WpEngineClient } from "../../provider/client/client";
import { resolveClientConfig } from "../../provider/client/config";
import { UpdateLedger } from "../../provider/resources/accountUser/ledger";
import { AccountUserRemovalProvider } from "../../provider/resources/accountUserRemoval/provider";
import { UNKNOWN } from "../../provider/resources/unknown";

const A = SEED_IDS.mainAccountId;
const PAULA = { userId: SEED_IDS.partialUserId, email: "paula.partial@example.com" };
const OWNER = { userId: SEED_IDS.ownerUserId, email: SEED_OWNER_EMAIL };

describe("AccountUserRemoval provider", () => {
  let emu: RunningEmulator;
  let provider: AccountUserRemovalProvider;

  const call = async (method: string, url: string, body?: unknown, auth = true) => {
    const res = await fetch(url, {
      method,
      headers: {
        ...(auth ? { authorization: `Basic ${btoa(`${emu.apiUserId}:${emu.apiPassword}`)}` } : {}),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
    return text ? (JSON.parse(text) as unknown) : null;
  };
  const emails = async () =>
    (
      (await call("GET", `${emu.baseUrl}/accounts/${A}/account_users`)) as { results: { email: string }[] }
    ).results
      .map((u) => u.email)
      .sort();
  const requestCount = async () =>
    Object.values(
      (
        (await call("GET", `${emu.controlUrl}/requests`, undefined, false)) as {
          counts: Record<string, number>;
        }
      ).counts,
    ).reduce((a, b) => a + b, 0);

  before(async () => {
    emu = await startEmulator({ port: 0, quiet: true });
  });
  beforeEach(async () => {
    await call("POST", `${emu.controlUrl}/reset`, undefined, false);
    const client = new WpEngineClient(
      resolveClientConfig({ apiUrl: emu.baseUrl, apiUserId: emu.apiUserId, apiPassword: emu.apiPassword }),
    );
    provider = new AccountUserRemovalProvider(() => client);
  });
  after(async () => {
    await emu?.close();
  });

  it("plans without calling the API: check validates, diff changes only for a non-empty list", async () => {
    await call("DELETE", `${emu.controlUrl}/requests`, undefined, false);
    const bad = await provider.check({}, { accountId: "nope", users: [] });
    assert.equal(bad.failures?.[0]?.property, "accountId");
    assert.equal((await provider.diff("x", {}, { accountId: A, users: [PAULA] })).changes, true);
    assert.equal((await provider.diff("x", { users: [PAULA] }, { accountId: A, users: [] })).changes, false);
    await provider.delete();
    assert.equal(await requestCount(), 0);
  });

  it("previews a removal list that is not known yet as a possible change, never as no change", async () => {
    assert.equal((await provider.diff("x", { users: [] }, { accountId: A, users: UNKNOWN })).changes, true);
    assert.equal((await provider.diff("x", { users: [] }, { accountId: A, users: [UNKNOWN] })).changes, true);
  });

  it("never removes a user that an AccountUser of this update adopted", async () => {
    const ledger = new UpdateLedger();
    const client = new WpEngineClient(
      resolveClientConfig({ apiUrl: emu.baseUrl, apiUserId: emu.apiUserId, apiPassword: emu.apiPassword }),
    );
    ledger.claim(A, PAULA.userId, PAULA.email);
    const withLedger = new AccountUserRemovalProvider(() => client, ledger);
    const out = await withLedger.create({ accountId: A, users: [PAULA] });
    assert.ok((await emails()).includes(PAULA.email), "Paula keeps access");
    assert.deepEqual(out.outs.removed, []);
  });

  it("removes the listed users at up and records them", async () => {
    const res = await provider.create({ accountId: A, users: [PAULA] });
    assert.deepEqual(res.outs.removed, [PAULA.email]);
    assert.ok(!(await emails()).includes(PAULA.email));
  });

  it("counts a user that is already gone as removed", async () => {
    await call("DELETE", `${emu.baseUrl}/accounts/${A}/account_users/${PAULA.userId}`);
    const res = await provider.update("x", {}, { accountId: A, users: [PAULA] });
    assert.deepEqual(res.outs?.removed, [PAULA.email]);
  });

  it("refuses the last owner (the credentials' user) and removes nothing of the batch", async () => {
    await assert.rejects(provider.create({ accountId: A, users: [OWNER, PAULA] }), (err: Error) => {
      assert.match(
        err.message,
        /refused to remove owner@example\.com \(the user behind the API credentials and the last owner of the account\)\. Nothing was removed/,
      );
      assert.match(err.message, /allowOwnerLockout: true/);
      return true;
    });
    const left = await emails();
    assert.ok(left.includes(OWNER.email) && left.includes(PAULA.email));
  });

  it("refuses the credentials' user even when another owner remains, unless allowOwnerLockout", async () => {
    await call("POST", `${emu.baseUrl}/accounts/${A}/account_users`, {
      user: {
        account_id: A,
        first_name: "N",
        last_name: "O",
        email: "new.owner@example.com",
        roles: "owner",
      },
    });
    await assert.rejects(
      provider.create({ accountId: A, users: [OWNER] }),
      /refused to remove owner@example\.com \(the user behind the API credentials\)/,
    );
    await provider.create({ accountId: A, users: [OWNER], allowOwnerLockout: true });
    assert.ok(!(await emails()).includes(OWNER.email));
  });
});
