import assert from "node:assert/strict";
import { connect } from "node:net";
import { type RunningEmulator, SEED_IDS } from "../../emulator";
import { basic, obj, rawRequest, startTestEmulator, type TestClient, usersPath } from "./client";

describe("emulator robustness", () => {
  let emulator: RunningEmulator;
  let client: TestClient;
  let auth: Record<string, string>;
  before(async () => {
    ({ emulator, client } = await startTestEmulator());
    auth = { authorization: basic(emulator.apiUserId, emulator.apiPassword) };
  });
  after(() => emulator.close());
  afterEach(async () => {
    const alive = await client.api("GET", "/status", { auth: false });
    assert.equal(alive.status, 200, "the server is still alive");
  });

  it("answers 400 JSON to malformed JSON", async () => {
    const res = await client.api("POST", `/installs/${SEED_IDS.torquemagInstallId}/backups`, {
      raw: "{not json",
    });
    assert.equal(res.status, 400);
    assert.equal(typeof obj(res.body).message, "string");
  });

  it("answers 413 JSON to a 2 MiB body", async () => {
    const big = JSON.stringify({
      description: "x".repeat(2 * 1024 * 1024),
      notification_emails: ["a@example.com"],
    });
    const res = await client.api("POST", `/installs/${SEED_IDS.torquemagInstallId}/backups`, { raw: big });
    assert.equal(res.status, 413);
    assert.equal(typeof obj(res.body).message, "string");
  });

  const oddPaths: Array<[string, number]> = [
    ["/v1/accounts/..%2F..", 404],
    ["/v1/installs/%2F", 404],
    ["/v1/accounts/%2e%2e", 404],
    ["/v1/sites/%E0%A4%A", 400],
    ["/v1/../v1/sites", 404],
    [`/v1/${"a".repeat(5000)}`, 414],
    ["/v1/sites/", 404],
    ["/v2/sites", 404],
    ["/", 404],
  ];
  for (const [target, status] of oddPaths) {
    it(`answers ${status} to ${target.slice(0, 40)}`, async () => {
      const res = await rawRequest(emulator.origin, "GET", target, auth);
      assert.equal(res.status, status);
      assert.equal(typeof obj(JSON.parse(res.text)).message, "string");
    });
  }

  it("answers 405 with Allow to a method the path does not support", async () => {
    const res = await client.api("PUT", "/sites");
    assert.equal(res.status, 405);
    assert.equal(res.headers.get("allow"), "GET, POST");
    const one = await client.api("PUT", `/sites/${SEED_IDS.torqueSiteId}`);
    assert.equal(one.status, 405);
    assert.equal(one.headers.get("allow"), "GET, PATCH, DELETE");
  });

  it("answers 404 (not 500) to ids that are not UUIDs on operations without a documented 400", async () => {
    assert.equal((await client.api("GET", "/sites/not-a-uuid")).status, 404);
    assert.equal((await client.api("GET", "/installs/not-a-uuid")).status, 404);
    assert.equal((await client.api("GET", "/accounts/not-a-uuid")).status, 404);
    assert.equal((await client.api("GET", usersPath(SEED_IDS.mainAccountId, "nope"))).status, 404);
  });

  it("answers 400 to raw garbage on the socket and keeps serving", async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(new URL(emulator.origin).port), "127.0.0.1", () => {
        socket.write("THIS IS NOT HTTP\r\n\r\n");
      });
      let data = "";
      socket.on("data", (c) => {
        data += c.toString();
      });
      socket.on("end", () => resolve(data));
      socket.on("close", () => resolve(data));
      socket.on("error", reject);
    });
    assert.match(answer, /^HTTP\/1\.1 400/);
  });

  it("answers 500 JSON when a handler has a bug, and keeps serving", async () => {
    const store = emulator.store;
    const original = store.visibleAccounts.bind(store);
    store.visibleAccounts = () => {
      throw new Error("simulated bug");
    };
    try {
      const res = await client.api("GET", "/accounts");
      assert.equal(res.status, 500);
      assert.equal(typeof obj(res.body).message, "string");
    } finally {
      store.visibleAccounts = original;
    }
  });

  it("survives a client that disconnects while the answer is delayed", async () => {
    await client.control("POST", "/config", { latencyMs: 200 });
    try {
      const ctrl = new AbortController();
      const pending = fetch(`${emulator.baseUrl}/status`, { signal: ctrl.signal });
      setTimeout(() => ctrl.abort(), 50);
      await assert.rejects(pending);
      await new Promise((r) => setTimeout(r, 250));
    } finally {
      await client.control("POST", "/config", { latencyMs: 0 });
    }
  });
});
