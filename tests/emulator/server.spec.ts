import assert from "node:assert/strict";
import { request } from "node:http";
import { DEFAULT_API_USER_ID, startEmulator } from "../../emulator";
import { obj, startTestEmulator } from "./client";

describe("emulator server lifecycle", () => {
  it("listens on a free port of 127.0.0.1 and reports its URLs", async () => {
    const emulator = await startEmulator({ quiet: true });
    try {
      assert.match(emulator.baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      assert.equal(emulator.baseUrl, `${emulator.origin}/v1`);
      assert.equal(emulator.controlUrl, `${emulator.origin}/__emulator`);
      assert.equal(emulator.apiUserId, DEFAULT_API_USER_ID);
      assert.ok(emulator.apiPassword.length >= 16, "a random password is generated");
    } finally {
      await emulator.close();
    }
  });

  it("generates a different password for each emulator when none is given", async () => {
    const a = await startEmulator({ quiet: true });
    const b = await startEmulator({ quiet: true });
    try {
      assert.notEqual(a.apiPassword, b.apiPassword);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("closes promptly even with an idle keep-alive connection open", async () => {
    const { emulator } = await startTestEmulator();
    const url = new URL(emulator.origin);
    await new Promise<void>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: "/v1/status",
          agent: false,
          headers: { connection: "keep-alive" },
        },
        (res) => {
          res.resume();
          res.on("end", resolve);
        },
      );
      req.on("error", reject);
      req.end();
    });
    // Node itself ends an idle keep-alive socket after the server's keepAliveTimeout (5 s by
    // default): a close that waited for idle sockets would resolve only then. The race is against
    // that behaviour, not a guess at how fast a busy machine closes a server.
    const outcome = await Promise.race([
      emulator.close().then(() => "closed"),
      new Promise((r) => setTimeout(r, 4500).unref()).then(() => "waited for the idle socket"),
    ]);
    assert.equal(outcome, "closed", "close must not wait for idle sockets");
    await assert.rejects(fetch(`${emulator.baseUrl}/status`));
  });

  it("closes while a delayed answer is pending", async () => {
    const { emulator } = await startTestEmulator({ latencyMs: 5000 });
    const pending = fetch(`${emulator.baseUrl}/status`).then(
      () => "answered",
      () => "dropped",
    );
    await new Promise((r) => setTimeout(r, 100));
    await emulator.close();
    // Dropped, not answered: close did not wait out the 5 s delay (had it waited, the answer would
    // have been written), which needs no clock.
    assert.equal(await pending, "dropped");
  });

  it("delays every API answer by latencyMs", async () => {
    const { emulator, client } = await startTestEmulator({ latencyMs: 150 });
    try {
      const started = Date.now();
      assert.equal((await client.api("GET", "/status")).status, 200);
      assert.ok(Date.now() - started >= 140);
    } finally {
      await emulator.close();
    }
  });

  it("sends x-request-id on control-plane answers too", async () => {
    const { emulator, client } = await startTestEmulator();
    try {
      const res = await client.control("GET", "/config");
      assert.ok(res.headers.get("x-request-id"));
      assert.equal(obj(res.body).latencyMs, 0);
    } finally {
      await emulator.close();
    }
  });
});
