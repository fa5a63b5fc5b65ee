import assert from "node:assert/strict";
import { type RunningEmulator, SEED_IDS } from "../../emulator";
import { paginate } from "../../emulator/pagination";
import { basic, obj, objs, rawRequest, startTestEmulator, type TestClient } from "./client";

describe("emulator pagination", () => {
  let emulator: RunningEmulator;
  let client: TestClient;
  before(async () => {
    ({ emulator, client } = await startTestEmulator());
  });
  after(() => emulator.close());

  for (const list of ["/sites", "/installs"]) {
    it(`walks all 225 ${list.slice(1)} in exactly 3 requests by following next`, async () => {
      let url: string | null = `${emulator.baseUrl}${list}?limit=100`;
      const ids = new Set<unknown>();
      let requests = 0;
      while (url !== null) {
        const res = await client.api("GET", url);
        assert.equal(res.status, 200);
        requests += 1;
        const body = obj(res.body);
        assert.equal(body.count, 225);
        for (const item of objs(body.results)) ids.add(item.id);
        url = body.next === null ? null : String(body.next);
        assert.ok(requests <= 3, "must not need more than 3 requests");
      }
      assert.equal(requests, 3);
      assert.equal(ids.size, 225);
    });
  }

  it("defaults to limit 100 and offset 0, with previous null on the first page", async () => {
    const body = obj((await client.api("GET", "/sites")).body);
    assert.equal(objs(body.results).length, 100);
    assert.equal(body.previous, null);
    assert.equal(body.next, `${emulator.baseUrl}/sites?limit=100&offset=100`);
  });

  it("answers next null on the last page and an absolute previous URL", async () => {
    const body = obj((await client.api("GET", "/installs?limit=100&offset=200")).body);
    assert.equal(objs(body.results).length, 25);
    assert.equal(body.next, null);
    assert.equal(body.previous, `${emulator.baseUrl}/installs?limit=100&offset=100`);
  });

  it("builds next and previous from the request's Host header", async () => {
    const res = await rawRequest(emulator.origin, "GET", "/v1/sites?limit=10&offset=10", {
      host: "api.example.test:8443",
      authorization: basic(emulator.apiUserId, emulator.apiPassword),
    });
    const body = obj(JSON.parse(res.text));
    assert.equal(body.next, "http://api.example.test:8443/v1/sites?limit=10&offset=20");
    assert.equal(body.previous, "http://api.example.test:8443/v1/sites?limit=10&offset=0");
  });

  for (const bad of ["-1", "101", "1.5", "abc", "", "1e2", "10&limit=20"]) {
    it(`refuses limit=${bad} with 400`, async () => {
      const res = await client.api("GET", `/sites?limit=${bad}`);
      assert.equal(res.status, 400);
      assert.equal(objs(obj(res.body).errors)[0]?.field, "limit");
    });
  }

  for (const bad of ["-1", "x", "0.5"]) {
    it(`refuses offset=${bad} with 400`, async () => {
      assert.equal((await client.api("GET", `/installs?offset=${bad}`)).status, 400);
    });
  }

  it("accepts limit 0 and 100 at the bounds; limit 0 answers no results and no next", async () => {
    const zero = obj((await client.api("GET", "/sites?limit=0")).body);
    assert.deepEqual(zero.results, []);
    assert.equal(zero.count, 225);
    assert.equal(zero.next, null);
    assert.equal(objs(obj((await client.api("GET", "/sites?limit=100")).body).results).length, 100);
  });

  it("answers an empty page past the end", async () => {
    const body = obj((await client.api("GET", "/sites?offset=1000")).body);
    assert.deepEqual(body.results, []);
    assert.equal(body.next, null);
    assert.equal(body.previous, `${emulator.baseUrl}/sites?limit=100&offset=900`);
  });

  it("filters by account_id and keeps the filter in the links", async () => {
    const body = obj((await client.api("GET", `/sites?account_id=${SEED_IDS.mainAccountId}&limit=100`)).body);
    assert.equal(body.count, 150);
    for (const site of objs(body.results)) assert.equal(obj(site.account).id, SEED_IDS.mainAccountId);
    assert.equal(
      body.next,
      `${emulator.baseUrl}/sites?limit=100&offset=100&account_id=${SEED_IDS.mainAccountId}`,
    );
    const second = obj((await client.api("GET", `/installs?account_id=${SEED_IDS.secondAccountId}`)).body);
    assert.equal(second.count, 75);
  });

  it("refuses an account_id filter that is not a UUID or not usable with 400", async () => {
    assert.equal((await client.api("GET", "/sites?account_id=nope")).status, 400);
    assert.equal((await client.api("GET", `/installs?account_id=${SEED_IDS.hiddenAccountId}`)).status, 400);
  });

  it("pages accounts too: only the two visible accounts", async () => {
    const body = obj((await client.api("GET", "/accounts?limit=1")).body);
    assert.equal(body.count, 2);
    assert.equal(body.next, `${emulator.baseUrl}/accounts?limit=1&offset=1`);
  });

  it("computes previous as max(0, offset - limit)", () => {
    const page = paginate([1, 2, 3, 4, 5], { limit: 3, offset: 1 }, (o) => `o=${o}`);
    assert.deepEqual(page, { previous: "o=0", next: "o=4", count: 5, results: [2, 3, 4] });
  });
});
