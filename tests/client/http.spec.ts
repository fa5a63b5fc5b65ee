import assert from "node:assert/strict";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SEED_IDS } from "../../emulator";
import {
  ApiConnectionError,
  ApiError,
  ApiTimeoutError,
  BadRequestError,
  InternalServerError,
  RateLimitError,
  type RequestEvent,
  ResponseValidationError,
  USER_AGENT,
  WpEngineClient,
} from "../../provider/client";
import {
  API_PASSWORD,
  BASIC_TOKEN,
  caught,
  clientFor,
  countOf,
  FAST_RETRY,
  fault,
  requestLog,
  useEmulator,
} from "./helpers";

/** Records the delays the client asked for, without waiting. */
function recordingSleep(): { sleeps: number[]; sleep: (ms: number) => Promise<void> } {
  const sleeps: number[] = [];
  return { sleeps, sleep: async (ms) => void sleeps.push(ms) };
}

describe("http layer", () => {
  const ctx = useEmulator();

  describe("retries", () => {
    it("retries a GET on 429 with a nonsense Retry-After, backing off (equal jitter), never at once", async () => {
      await fault(ctx.emu, { path: "^/v1/user$", status: 429, retryAfter: "soon", count: 2 });
      const { sleeps, sleep } = recordingSleep();
      const client = clientFor(ctx.emu, {
        retry: { baseDelayMs: 100, maxDelayMs: 10_000, sleep, random: () => 0.5 },
      });
      const user = await client.getCurrentUser();
      assert.ok(user.email);
      assert.equal(await countOf(ctx.emu, "GET /user"), 3);
      assert.deepEqual(sleeps, [75, 150]);
    });

    it("waits what Retry-After says in seconds", async () => {
      await fault(ctx.emu, { path: "^/v1/user$", status: 429, retryAfter: "2", count: 1 });
      const { sleeps, sleep } = recordingSleep();
      await clientFor(ctx.emu, { retry: { maxDelayMs: 5000, sleep, random: () => 0 } }).getCurrentUser();
      assert.deepEqual(sleeps, [2000]);
      assert.equal(await countOf(ctx.emu, "GET /user"), 2);
    });

    it("waits until the HTTP date Retry-After names", async () => {
      const at = new Date(Date.now() + 3000).toUTCString();
      await fault(ctx.emu, { path: "^/v1/user$", status: 429, retryAfter: at, count: 1 });
      const { sleeps, sleep } = recordingSleep();
      await clientFor(ctx.emu, { retry: { maxDelayMs: 10_000, sleep, random: () => 0 } }).getCurrentUser();
      assert.equal(sleeps.length, 1);
      // HTTP dates have one-second resolution.
      assert.ok(sleeps[0]! > 1500 && sleeps[0]! <= 3000, `slept ${sleeps[0]} ms`);
    });

    it("honours a Retry-After of minutes when it fits in the retry budget", async () => {
      await fault(ctx.emu, { path: "^/v1/user$", status: 429, retryAfter: "120", count: 1 });
      const { sleeps, sleep } = recordingSleep();
      const client = clientFor(ctx.emu, { retry: { budgetMs: 300_000, sleep, random: () => 0 } });
      await client.getCurrentUser();
      assert.deepEqual(sleeps, [120_000]);
    });

    it("stops at once when Retry-After asks for more than the budget, and says the budget ended the wait", async () => {
      await fault(ctx.emu, { path: "^/v1/user$", status: 429, retryAfter: "180" });
      const { sleeps, sleep } = recordingSleep();
      const err = await caught(() =>
        clientFor(ctx.emu, { retry: { budgetMs: 60_000, sleep } }).getCurrentUser(),
      );
      assert.ok(err instanceof RateLimitError);
      assert.match(
        err.message,
        /asked to wait 180 s \(Retry-After\), more than the 60 s left of the client's retry budget.*run the command again in 180 s/,
      );
      assert.deepEqual(sleeps, []);
      assert.equal(await countOf(ctx.emu, "GET /user"), 1);
    });

    it("jitters the waits of concurrent requests told the same Retry-After, so they do not retry in lockstep", async () => {
      await fault(ctx.emu, { path: "^/v1/user$", status: 429, retryAfter: "1", count: 6 });
      const { sleeps, sleep } = recordingSleep();
      const client = clientFor(ctx.emu, { retry: { baseDelayMs: 100, sleep, random: Math.random } });
      await Promise.all(Array.from({ length: 6 }, () => client.getCurrentUser()));
      assert.equal(sleeps.length, 6);
      assert.ok(
        sleeps.every((ms) => ms >= 1000 && ms < 1100),
        sleeps.join(","),
      );
      assert.ok(new Set(sleeps).size > 1, `every wait was ${sleeps[0]} ms`);
    });

    it("retries a GET on 503", async () => {
      await fault(ctx.emu, { path: "^/v1/sites/", status: 503, count: 2 });
      const site = await clientFor(ctx.emu).getSite(SEED_IDS.torqueSiteId);
      assert.equal(site.name, "Torque Magazine");
      assert.equal(await countOf(ctx.emu, "GET /sites/{site_id}"), 3);
    });

    it("retries a GET on 500 and on a dropped connection", async () => {
      await fault(ctx.emu, { path: "^/v1/installs/", status: 500, count: 1 });
      await fault(ctx.emu, { path: "^/v1/installs/", reset: true, count: 1 });
      const install = await clientFor(ctx.emu).getInstall(SEED_IDS.torquemagInstallId);
      assert.equal(install.name, "torquemag");
      const statuses = (await requestLog(ctx.emu)).requests.map((r) => r.status);
      assert.deepEqual(statuses, [500, 0, 200]);
    });

    it("gives up after maxRetries with the last error, saying how many attempts were made", async () => {
      await fault(ctx.emu, { path: "^/v1/user$", status: 429, retryAfter: "1" });
      const { sleep } = recordingSleep();
      const err = await caught(() =>
        clientFor(ctx.emu, { retry: { maxRetries: 2, sleep } }).getCurrentUser(),
      );
      assert.ok(err instanceof RateLimitError);
      assert.equal(err.retryAfterMs, 1000);
      assert.match(err.message, /after 3 attempts/);
      assert.equal(await countOf(ctx.emu, "GET /user"), 3);
    });

    it("stops retrying when the next wait would exceed the budget", async () => {
      await fault(ctx.emu, { path: "^/v1/user$", status: 503, retryAfter: "4" });
      const sleeps: number[] = [];
      let now = 0;
      const client = clientFor(ctx.emu, {
        retry: {
          maxDelayMs: 10_000,
          budgetMs: 10_000,
          random: () => 0,
          now: () => now,
          sleep: async (ms) => {
            sleeps.push(ms);
            now += ms;
          },
        },
      });
      const err = await caught(() => client.getCurrentUser());
      assert.ok(err instanceof InternalServerError);
      // 4 s + 4 s fit in 10 s; a third 4 s wait would not, and the error says so.
      assert.deepEqual(sleeps, [4000, 4000]);
      assert.match(
        err.message,
        /asked to wait 4 s \(Retry-After\), more than the 2 s left of the client's retry budget/,
      );
      assert.equal(await countOf(ctx.emu, "GET /user"), 3);
    });

    it("does not retry a 400", async () => {
      await fault(ctx.emu, { path: "^/v1/user$", status: 400 });
      const err = await caught(() => clientFor(ctx.emu).getCurrentUser());
      assert.ok(err instanceof BadRequestError);
      assert.equal(await countOf(ctx.emu, "GET /user"), 1);
    });

    it("retries a timed-out GET and reports ApiTimeoutError when every attempt times out", async () => {
      await fault(ctx.emu, { path: "^/v1/user$", latencyMs: 400, count: 1 });
      const client = clientFor(ctx.emu, { timeoutMs: 100 });
      assert.ok((await client.getCurrentUser()).email);

      await fault(ctx.emu, { path: "^/v1/user$", latencyMs: 400 });
      const err = await caught(() =>
        clientFor(ctx.emu, { timeoutMs: 100, retry: { maxRetries: 1 } }).getCurrentUser(),
      );
      assert.ok(err instanceof ApiTimeoutError);
      assert.equal(err.timeoutMs, 100);
      assert.match(err.message, /did not answer within 100 ms \(after 2 attempts\)/);
    });

    it("retries a refused connection and then reports ApiConnectionError with its code", async () => {
      const port = await closedPort();
      const { sleeps, sleep } = recordingSleep();
      const client = new WpEngineClient(
        { apiUrl: `http://127.0.0.1:${port}/v1`, apiUserId: "u", apiPassword: API_PASSWORD },
        { retry: { ...FAST_RETRY, maxRetries: 2, sleep } },
      );
      const err = await caught(() => client.getCurrentUser());
      assert.ok(err instanceof ApiConnectionError);
      assert.equal(err.code, "ECONNREFUSED");
      assert.equal(sleeps.length, 2);
      assert.match(err.message, /^GET \/user failed: could not reach the WP Engine API \(ECONNREFUSED/);
    });
  });

  describe("requests", () => {
    let server: Server;
    let seen: { method: string; url: string; headers: IncomingHttpHeaders; port: number | undefined }[];
    let answer: { status: number; body: string; headers?: Record<string, string> };
    let baseUrl: string;

    before(async () => {
      server = createServer((req, res) => {
        seen.push({
          method: req.method ?? "",
          url: req.url ?? "",
          headers: req.headers,
          port: req.socket.remotePort,
        });
        res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
        res.end(answer.body);
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    });
    beforeEach(() => {
      seen = [];
      answer = { status: 200, body: JSON.stringify({ id: "u1", email: "e@example.com" }) };
    });
    after(async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    function client(options: ConstructorParameters<typeof WpEngineClient>[1] = {}): WpEngineClient {
      return new WpEngineClient(
        { apiUrl: baseUrl, apiUserId: "3c1f9a2e-7b4d-4e8a-9c6f-2d5e8b1a7f30", apiPassword: API_PASSWORD },
        { retry: FAST_RETRY, ...options },
      );
    }

    it("sends basic auth built by the client, the package user-agent and accepts JSON", async () => {
      await client().getCurrentUser();
      assert.equal(seen.length, 1);
      assert.equal(seen[0]?.url, "/v1/user");
      assert.equal(seen[0]?.headers.authorization, `Basic ${BASIC_TOKEN}`);
      assert.equal(seen[0]?.headers["user-agent"], USER_AGENT);
      assert.match(USER_AGENT, /^pulumi-wpengine\/\d+\.\d+\.\d+/);
      assert.match(String(seen[0]?.headers.accept), /application\/json/);
    });

    it("makes exactly one attempt when retries are off (got's own retry is disabled)", async () => {
      answer = { status: 500, body: JSON.stringify({ message: "boom" }) };
      const err = await caught(() => client({ retry: { ...FAST_RETRY, maxRetries: 0 } }).getCurrentUser());
      assert.ok(err instanceof InternalServerError);
      assert.equal(seen.length, 1);
    });

    it("reports a redirect as an error instead of following it with the credentials", async () => {
      answer = { status: 302, body: "", headers: { location: "http://127.0.0.2:1/elsewhere" } };
      const err = await caught(() => client().getCurrentUser());
      assert.ok(err instanceof ApiError);
      assert.equal(err.status, 302);
      assert.equal(seen.length, 1);
    });

    it("rejects a 2xx body that is not JSON, naming the operation", async () => {
      answer = { status: 200, body: "<html>maintenance</html>" };
      const err = await caught(() => client().getCurrentUser());
      assert.ok(err instanceof ResponseValidationError);
      assert.match(err.message, /^getCurrentUser \(GET \/user\): .*not JSON/);
      assert.equal(seen.length, 1);
    });

    it("reports every attempt to onRequest without headers, and survives a throwing hook", async () => {
      answer = { status: 503, body: "{}" };
      const events: RequestEvent[] = [];
      const err = await caught(() =>
        client({
          retry: { ...FAST_RETRY, maxRetries: 1 },
          onRequest: (e) => {
            events.push(e);
            throw new Error("hook bug");
          },
        }).getCurrentUser(),
      );
      assert.ok(err instanceof InternalServerError);
      assert.deepEqual(
        events.map((e) => [e.method, e.path, e.status, e.attempt]),
        [
          ["GET", "/user", 503, 1],
          ["GET", "/user", 503, 2],
        ],
      );
      for (const e of events) {
        assert.deepEqual(Object.keys(e).sort(), ["attempt", "durationMs", "method", "path", "status"]);
      }
    });

    it("sends each POST on a fresh connection, so a stale kept-alive socket cannot make it ambiguous", async () => {
      const c = client();
      await c.getCurrentUser();
      await c.getCurrentUser();
      answer = { status: 202, body: JSON.stringify({ id: "b1", status: "requested" }) };
      const backup = { description: "d", notificationEmails: ["a@b.co"] };
      await c.createBackup(SEED_IDS.torquemagInstallId, backup);
      await c.createBackup(SEED_IDS.torquemagInstallId, backup);
      const [get1, get2, post1, post2] = seen.map((r) => r.port);
      assert.equal(get1, get2, "GETs reuse the kept-alive connection");
      assert.notEqual(post1, post2);
      assert.notEqual(post1, get2);
    });

    it("puts the x-request-id header into errors", async () => {
      answer = {
        status: 404,
        body: JSON.stringify({ message: "Not Found" }),
        headers: { "x-request-id": "req-42" },
      };
      const err = await caught(() => client().getSite(SEED_IDS.torqueSiteId));
      assert.ok(err instanceof ApiError);
      assert.equal(err.requestId, "req-42");
      assert.match(err.message, /\[request id req-42\]$/);
    });
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
