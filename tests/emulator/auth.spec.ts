import assert from "node:assert/strict";
import { isAuthorized, type RunningEmulator } from "../../emulator";
import { basic, obj, startTestEmulator, type TestClient } from "./client";

describe("emulator authentication", () => {
  let emulator: RunningEmulator;
  let client: TestClient;
  before(async () => {
    ({ emulator, client } = await startTestEmulator());
  });
  after(() => emulator.close());

  it("answers 401 {message} without credentials", async () => {
    const res = await client.api("GET", "/sites", { auth: false });
    assert.equal(res.status, 401);
    assert.equal(typeof obj(res.body).message, "string");
  });

  it("answers 401 for a wrong password and for a wrong user id", async () => {
    assert.equal(
      (await client.api("GET", "/user", { auth: { user: "test-user", password: "nope" } })).status,
      401,
    );
    assert.equal(
      (await client.api("GET", "/user", { auth: { user: "someone", password: "test-password" } })).status,
      401,
    );
    assert.equal(
      (await client.api("GET", "/user", { headers: { authorization: "Bearer abc" }, auth: false })).status,
      401,
    );
  });

  it("serves GET /status without credentials", async () => {
    const res = await client.api("GET", "/status", { auth: false });
    assert.equal(res.status, 200);
    assert.equal(obj(res.body).success, true);
  });

  it("answers GET /user with the person behind the credentials", async () => {
    const res = await client.api("GET", "/user");
    assert.equal(res.status, 200);
    assert.equal(obj(res.body).email, "owner@example.com");
  });

  it("sends a unique x-request-id on every answer, errors included", async () => {
    const ids = new Set<string>();
    for (const path of ["/status", "/sites", "/nope"]) {
      const res = await client.api("GET", path, { auth: false });
      const id = res.headers.get("x-request-id");
      assert.ok(id, path);
      ids.add(id);
    }
    assert.equal(ids.size, 3);
  });

  it("checks credentials with a parser that accepts only exact basic credentials", () => {
    const creds = { apiUserId: "u", apiPassword: "p:with:colons" };
    assert.equal(isAuthorized(basic("u", "p:with:colons"), creds), true);
    assert.equal(isAuthorized(basic("u", "p:with:colon"), creds), false);
    assert.equal(isAuthorized(basic("U", "p:with:colons"), creds), false);
    assert.equal(isAuthorized(undefined, creds), false);
    assert.equal(isAuthorized("Basic !!!", creds), false);
  });
});
