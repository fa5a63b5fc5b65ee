import assert from "node:assert/strict";
import { defaultSeed, isLoopbackAddress, SEED_IDS } from "../../emulator";
import { obj, objs, startTestEmulator, usersPath, useTestEmulator } from "./client";

const NEW_USER = {
  user: {
    account_id: SEED_IDS.mainAccountId,
    first_name: "Nora",
    last_name: "New",
    email: "nora@example.com",
    roles: "full",
  },
};

describe("emulator control plane", () => {
  const t = useTestEmulator();

  it("resets to the starting seed and clears faults and the request log", async () => {
    await t.client.api("POST", usersPath(SEED_IDS.mainAccountId), { json: NEW_USER });
    await t.client.control("POST", "/faults", { path: "^/v1/nothing$", status: 500 });
    assert.equal((await t.client.control("POST", "/reset")).status, 200);
    const state = obj((await t.client.control("GET", "/state")).body);
    assert.equal(
      objs(state.accountUsers).some((u) => u.email === "nora@example.com"),
      false,
    );
    assert.equal(objs(obj((await t.client.control("GET", "/faults")).body).faults).length, 0);
    assert.equal(objs(obj((await t.client.control("GET", "/requests")).body).requests).length, 0);
  });

  it("dumps the whole store as JSON", async () => {
    const state = obj((await t.client.control("GET", "/state")).body);
    for (const key of ["apiUser", "accounts", "sites", "installs", "accountUsers", "backups"])
      assert.ok(key in state, key);
    assert.equal(objs(state.sites).length, defaultSeed().sites.length);
    assert.equal(objs(state.accounts).length, 3);
  });

  it("replaces state with a posted seed, and refuses an invalid one", async () => {
    const seed = defaultSeed();
    seed.sites = seed.sites.slice(0, 5);
    const keep = new Set(seed.sites.map((s) => s.id));
    seed.installs = seed.installs.filter((i) => i.site_id !== null && keep.has(i.site_id));
    const kept = new Set(seed.installs.map((i) => i.id));
    seed.accountUsers = seed.accountUsers.map((u) => ({
      ...u,
      install_ids: u.install_ids.filter((id) => kept.has(id)),
    }));
    seed.backups = seed.backups.filter((b) => kept.has(b.install_id));
    assert.equal((await t.client.control("POST", "/seed", seed)).status, 200);
    assert.equal(obj((await t.client.api("GET", "/sites")).body).count, 5);
    assert.equal((await t.client.control("POST", "/seed", { accounts: "nope" })).status, 400);
    assert.equal((await t.client.control("POST", "/seed", undefined)).status, 400);
    assert.equal(obj((await t.client.api("GET", "/sites")).body).count, 5, "a refused seed changes nothing");
    await t.client.control("POST", "/reset");
    assert.equal(
      obj((await t.client.api("GET", "/sites")).body).count,
      225,
      "reset returns to the starting seed",
    );
  });

  it("logs API requests with their swagger route and counts them, but not control calls", async () => {
    await t.client.api("GET", "/sites");
    await t.client.api("GET", `/sites/${SEED_IDS.torqueSiteId}`);
    await t.client.api("GET", `/sites/${SEED_IDS.hiddenSiteId}`);
    await t.client.api("POST", usersPath(SEED_IDS.mainAccountId), { json: NEW_USER });
    await t.client.api("GET", "/nowhere");
    const view = obj((await t.client.control("GET", "/requests")).body);
    const requests = objs(view.requests);
    assert.deepEqual(
      requests.map((r) => [r.method, r.route, r.status]),
      [
        ["GET", "GET /sites", 200],
        ["GET", "GET /sites/{site_id}", 200],
        ["GET", "GET /sites/{site_id}", 403],
        ["POST", "POST /accounts/{account_id}/account_users", 201],
        ["GET", "GET (unmatched)", 404],
      ],
    );
    assert.equal(requests[1]?.path, `/v1/sites/${SEED_IDS.torqueSiteId}`);
    assert.ok(!Number.isNaN(Date.parse(String(requests[0]?.at))));
    assert.deepEqual(view.counts, {
      "GET /sites": 1,
      "GET /sites/{site_id}": 2,
      "POST /accounts/{account_id}/account_users": 1,
      "GET (unmatched)": 1,
    });
    assert.equal((await t.client.control("DELETE", "/requests")).status, 204);
    assert.deepEqual(obj((await t.client.control("GET", "/requests")).body), { requests: [], counts: {} });
  });

  it("changes latency at run time for API requests only", async () => {
    assert.equal((await t.client.control("POST", "/config", { latencyMs: 250 })).status, 200);
    const started = Date.now();
    await t.client.api("GET", "/status");
    // A lower bound only: however busy the machine, the answer cannot come before the delay.
    assert.ok(Date.now() - started >= 240, "API answers are delayed");
    assert.equal(obj((await t.client.control("GET", "/config")).body).latencyMs, 250);

    // Order, not speed: with API answers held for 5 s, a control call made after an API request
    // is answered while that request is still waiting.
    assert.equal((await t.client.control("POST", "/config", { latencyMs: 5000 })).status, 200);
    // A fault that changes nothing (no extra delay) but counts arrivals: it tells when the API
    // request has reached the emulator, before the control call is made.
    await t.client.control("POST", "/faults", { path: "^/v1/status$", latencyMs: 0 });
    const arrived = () => (t.emulator.store.faults.list()[0]?.matched ?? 0) > 0;
    const abort = new AbortController();
    let apiAnswered = false;
    const pending = fetch(`${t.emulator.baseUrl}/status`, { signal: abort.signal }).then(
      () => {
        apiAnswered = true;
      },
      () => undefined,
    );
    while (!arrived()) await new Promise((r) => setTimeout(r, 5));
    assert.equal((await t.client.control("GET", "/state")).status, 200);
    assert.equal(apiAnswered, false, "the control answer came while the API request was still held");
    abort.abort();
    await pending;
  });

  it("refuses invalid config", async () => {
    assert.equal((await t.client.control("POST", "/config", { latencyMs: -5 })).status, 400);
    assert.equal(
      (await t.client.control("POST", "/config", { backupSchedule: { mode: "never" } })).status,
      400,
    );
    assert.equal((await t.client.control("POST", "/config", { nope: 1 })).status, 400);
  });

  it("simulates the portal: accepting an invite and toggling MFA", async () => {
    const path = `/accounts/${SEED_IDS.mainAccountId}/users/${SEED_IDS.partialUserId}`;
    const accepted = await t.client.control("POST", `${path}/accept-invite`);
    assert.equal(accepted.status, 200);
    assert.equal(obj(accepted.body).invite_accepted, true);
    assert.equal(obj((await t.client.control("POST", `${path}/mfa`)).body).mfa_enabled, true);
    assert.equal(obj((await t.client.control("POST", `${path}/mfa`)).body).mfa_enabled, false);
    assert.equal(
      obj((await t.client.control("POST", `${path}/mfa`, { enabled: true })).body).mfa_enabled,
      true,
    );
    const read = obj(
      (await t.client.api("GET", usersPath(SEED_IDS.mainAccountId, SEED_IDS.partialUserId))).body,
    );
    assert.equal(read.invite_accepted, true);
    assert.equal(read.mfa_enabled, true);
    assert.equal(
      (await t.client.control("POST", `/accounts/${SEED_IDS.mainAccountId}/users/nope/mfa`)).status,
      404,
    );
  });

  it("answers 404 for unknown control endpoints and 400 for malformed JSON", async () => {
    assert.equal((await t.client.control("GET", "/nope")).status, 404);
    const res = await fetch(`${t.emulator.controlUrl}/faults`, { method: "POST", body: "{" });
    assert.equal(res.status, 400);
  });

  it("accepts only loopback clients", () => {
    for (const a of ["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"])
      assert.equal(isLoopbackAddress(a), true, a);
    for (const a of ["10.0.0.1", "192.168.1.10", "::ffff:10.0.0.1", "fe80::1", "", undefined, "1270.0.0.1"]) {
      assert.equal(isLoopbackAddress(a), false, String(a));
    }
  });

  it("keeps two emulators' state apart", async () => {
    const { emulator: other, client: otherClient } = await startTestEmulator();
    try {
      await t.client.api("POST", usersPath(SEED_IDS.mainAccountId), { json: NEW_USER });
      const list = objs(obj((await otherClient.api("GET", usersPath(SEED_IDS.mainAccountId))).body).results);
      assert.equal(list.length, 3);
      await otherClient.control("POST", "/faults", { path: ".", status: 500 });
      assert.equal((await t.client.api("GET", "/status")).status, 200);
    } finally {
      await other.close();
    }
  });
});
