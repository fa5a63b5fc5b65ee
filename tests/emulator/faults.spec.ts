import assert from "node:assert/strict";
import { SEED_IDS } from "../../emulator";
import { FaultSet, FaultSpecError, mulberry32, parseFaultSpec } from "../../emulator/faults";
import { obj, objs, usersPath, useTestEmulator } from "./client";

describe("emulator fault set", () => {
  it("fires a count fault on the first N matching requests only", () => {
    const faults = new FaultSet();
    faults.add({ path: "^/v1/sites$", status: 503, count: 2 });
    const fired = [1, 2, 3, 4].map(() => faults.pick("GET", "/v1/sites") !== undefined);
    assert.deepEqual(fired, [true, true, false, false]);
    assert.equal(faults.pick("GET", "/v1/installs"), undefined);
  });

  it("fires an every fault on every Nth matching request", () => {
    const faults = new FaultSet();
    faults.add({ path: "sites", status: 429, every: 3 });
    const fired = [1, 2, 3, 4, 5, 6].map(() => faults.pick("GET", "/v1/sites") !== undefined);
    assert.deepEqual(fired, [false, false, true, false, false, true]);
  });

  it("matches the method case-insensitively and only that method", () => {
    const faults = new FaultSet();
    faults.add({ method: "post", path: "backups", status: 500 });
    assert.equal(faults.pick("GET", "/v1/installs/x/backups"), undefined);
    assert.ok(faults.pick("POST", "/v1/installs/x/backups"));
  });

  it("repeats probabilistic faults exactly for the same seed", () => {
    const run = (seed: number) => {
      const faults = new FaultSet();
      faults.add({ path: ".", status: 503, probability: 0.5, seed });
      return Array.from({ length: 32 }, () => faults.pick("GET", "/v1/x") !== undefined);
    };
    assert.deepEqual(run(7), run(7));
    assert.notDeepEqual(run(7), run(8));
    const hits = run(7).filter(Boolean).length;
    assert.ok(hits > 4 && hits < 28, `about half should fire, got ${hits}`);
    assert.equal(mulberry32(1)(), mulberry32(1)());
  });

  it("refuses invalid fault specs", () => {
    const bad: unknown[] = [
      {},
      { path: "(" },
      { path: "x" },
      { path: "x", status: 99 },
      { path: "x", status: 500, reset: true },
      { path: "x", status: 500, count: 0 },
      { path: "x", status: 500, probability: 2 },
      { path: "x", latencyMs: -1 },
      null,
    ];
    for (const spec of bad) assert.throws(() => parseFaultSpec(spec), FaultSpecError, JSON.stringify(spec));
  });
});

describe("emulator faults over HTTP", () => {
  const t = useTestEmulator();

  it("answers the injected status with Retry-After and body, then recovers after count", async () => {
    const added = await t.client.control("POST", "/faults", {
      path: "^/v1/sites$",
      status: 429,
      retryAfter: 2,
      body: { message: "slow down" },
      count: 1,
    });
    assert.equal(added.status, 201);
    assert.match(String(obj(added.body).id), /./);
    const first = await t.client.api("GET", "/sites");
    assert.equal(first.status, 429);
    assert.equal(first.headers.get("retry-after"), "2");
    assert.deepEqual(first.body, { message: "slow down" });
    assert.equal((await t.client.api("GET", "/sites")).status, 200);
  });

  it("answers a status fault without processing the request", async () => {
    await t.client.control("POST", "/faults", {
      method: "POST",
      path: "account_users$",
      status: 503,
      body: null,
    });
    const res = await t.client.api("POST", usersPath(SEED_IDS.mainAccountId), {
      json: {
        user: {
          account_id: SEED_IDS.mainAccountId,
          first_name: "A",
          last_name: "B",
          email: "ab@example.com",
          roles: "full",
        },
      },
    });
    assert.equal(res.status, 503);
    assert.equal(res.text, "");
    assert.equal(t.emulator.store.listAccountUsers(SEED_IDS.mainAccountId).length, 3);
  });

  it("fails every second request with an every fault", async () => {
    await t.client.control("POST", "/faults", { path: "^/v1/accounts$", status: 500, every: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await t.client.api("GET", "/accounts")).status);
    assert.deepEqual(statuses, [200, 500, 200, 500]);
  });

  it("drops the connection without answering for a reset fault", async () => {
    await t.client.control("POST", "/faults", { path: "^/v1/user$", reset: true, count: 1 });
    await assert.rejects(t.client.api("GET", "/user"));
    assert.equal((await t.client.api("GET", "/user")).status, 200);
  });

  it("processes then drops the connection for an afterProcessing fault (the ambiguous create)", async () => {
    await t.client.control("POST", "/faults", {
      method: "POST",
      path: "/account_users$",
      afterProcessing: true,
      count: 1,
    });
    const body = {
      user: {
        account_id: SEED_IDS.mainAccountId,
        first_name: "Amb",
        last_name: "Iguous",
        email: "ambiguous@example.com",
        roles: "full",
      },
    };
    await assert.rejects(t.client.api("POST", usersPath(SEED_IDS.mainAccountId), { json: body }));
    const list = objs(obj((await t.client.api("GET", usersPath(SEED_IDS.mainAccountId))).body).results);
    assert.ok(
      list.some((u) => u.email === "ambiguous@example.com"),
      "the user was created",
    );
    const retry = await t.client.api("POST", usersPath(SEED_IDS.mainAccountId), { json: body });
    assert.equal(retry.status, 400, "a blind retry hits the duplicate-email rule");
  });

  it("delays the answer for a latency fault", async () => {
    await t.client.control("POST", "/faults", { path: "^/v1/status$", latencyMs: 200, count: 1 });
    const started = Date.now();
    assert.equal((await t.client.api("GET", "/status")).status, 200);
    assert.ok(Date.now() - started >= 190);
  });

  it("logs faulted requests with what the fault did, and lists and clears faults", async () => {
    await t.client.control("POST", "/faults", { path: "^/v1/sites$", status: 503, count: 1 });
    await t.client.control("POST", "/faults", { path: "^/v1/user$", reset: true, count: 1 });
    await t.client.api("GET", "/sites");
    await t.client.api("GET", "/user").catch(() => undefined);
    await t.client.api("GET", "/sites");
    const log = objs(obj((await t.client.control("GET", "/requests")).body).requests);
    assert.deepEqual(
      log.map((r) => [r.route, r.status, r.faulted]),
      [
        ["GET /sites", 503, "status 503"],
        ["GET /user", 0, "reset"],
        ["GET /sites", 200, undefined],
      ],
    );
    const listed = objs(obj((await t.client.control("GET", "/faults")).body).faults);
    assert.equal(listed.length, 2);
    assert.equal(listed[0]?.fired, 1);
    assert.equal((await t.client.control("DELETE", "/faults")).status, 204);
    assert.equal(objs(obj((await t.client.control("GET", "/faults")).body).faults).length, 0);
  });

  it("answers 400 to an invalid fault", async () => {
    assert.equal((await t.client.control("POST", "/faults", { path: "(" })).status, 400);
    assert.equal((await t.client.control("POST", "/faults", { path: "x" })).status, 400);
  });
});
