import assert from "node:assert/strict";
import { z } from "zod";
import { defaultSeed, SEED_COUNTS, SEED_IDS } from "../../emulator";
import {
  collect,
  InternalServerError,
  PaginationError,
  ResponseValidationError,
} from "../../provider/client";
import type { HttpResponse, Requester, RequestSpec } from "../../provider/client/http";
import { followNext, paginate } from "../../provider/client/paginate";
import { caught, clientFor, countOf, fault, requestLog, useEmulator } from "./helpers";

const ITEM = z.object({ id: z.string() });
const BASE = new URL("https://api.example.com/v1");

/** A fake API answering canned pages in order and recording the requests. */
function fakeApi(pages: unknown[]): Requester & { requests: RequestSpec[] } {
  const requests: RequestSpec[] = [];
  return {
    baseUrl: BASE,
    requests,
    async request(spec: RequestSpec): Promise<HttpResponse> {
      requests.push(spec);
      const body = pages[requests.length - 1];
      if (body === undefined) throw new Error(`unexpected request ${requests.length}`);
      return { status: 200, body, requestId: undefined };
    },
  };
}

const items = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ id: `item-${from + i}` }));
const next = (offset: number) => `https://api.example.com/v1/things?limit=2&offset=${offset}`;

describe("pagination", () => {
  describe("against a fake API", () => {
    it("follows next links and yields every item once", async () => {
      const api = fakeApi([
        { previous: null, next: next(2), count: 5, results: items(0, 2) },
        { previous: next(0), next: next(4), count: 5, results: items(2, 2) },
        { previous: next(2), next: null, count: 5, results: items(4, 1) },
      ]);
      const got = await collect(paginate(api, "/things", ITEM, { account_id: "a" }, { pageSize: 2 }));
      assert.deepEqual(
        got.map((i) => i.id),
        ["item-0", "item-1", "item-2", "item-3", "item-4"],
      );
      assert.deepEqual(api.requests[0]?.query, { account_id: "a", limit: 2, offset: 0 });
      assert.deepEqual(api.requests[1]?.query, { limit: "2", offset: "2" });
    });

    it("fails loudly when count changes between pages", async () => {
      const api = fakeApi([
        { next: next(2), count: 5, results: items(0, 2) },
        { next: next(4), count: 4, results: items(2, 2) },
      ]);
      const err = await caught(() => collect(paginate(api, "/things", ITEM)));
      assert.ok(err instanceof PaginationError);
      assert.match(err.message, /count changed from 5 to 4/);
    });

    it("fails loudly when fewer items arrive than count promised", async () => {
      const api = fakeApi([{ next: null, count: 3, results: items(0, 2) }]);
      const err = await caught(() => collect(paginate(api, "/things", ITEM)));
      assert.ok(err instanceof PaginationError);
      assert.match(err.message, /reported 3 items but returned 2/);
    });

    it("fails loudly when more items arrive than count promised", async () => {
      const api = fakeApi([
        { next: next(2), count: 3, results: items(0, 2) },
        { next: null, count: 3, results: items(2, 2) },
      ]);
      await assert.rejects(collect(paginate(api, "/things", ITEM)), /reported 3 items but returned more/);
    });

    it("refuses a next link to another origin without requesting it", async () => {
      const api = fakeApi([
        { next: "https://evil.example.net/v1/things?offset=2", count: 4, results: items(0, 2) },
      ]);
      const err = await caught(() => collect(paginate(api, "/things", ITEM)));
      assert.ok(err instanceof PaginationError);
      assert.match(err.message, /another origin \(https:\/\/evil\.example\.net/);
      assert.equal(api.requests.length, 1);
    });

    it("refuses a next link to another path and one that loops", async () => {
      assert.throws(
        () => followNext(BASE, "/things", "https://api.example.com/v1/other?offset=2"),
        /another path/,
      );
      assert.throws(
        () => followNext(BASE, "/things", "https://api.example.com/things?offset=2"),
        /another path/,
      );
      const looping = fakeApi([
        { next: next(0).replace("limit=2", "limit=100"), count: 4, results: items(0, 2) },
        { next: null, count: 4, results: items(2, 2) },
      ]);
      await assert.rejects(collect(paginate(looping, "/things", ITEM)), /points back to a page already read/);
    });

    it("refuses an empty page that still has a next link", async () => {
      const api = fakeApi([{ next: next(0).replace("offset=0", "offset=9"), count: 4, results: [] }]);
      await assert.rejects(collect(paginate(api, "/things", ITEM)), /empty page/);
    });

    it("names the operation and the failing item of a malformed page", async () => {
      const api = fakeApi([{ next: null, count: 1, results: [{ name: "no id" }] }]);
      const err = await caught(() =>
        collect(paginate(api, "/things", ITEM, {}, { operation: "listThings" })),
      );
      assert.ok(err instanceof ResponseValidationError);
      assert.equal(err.operation, "listThings");
      assert.deepEqual(err.issues, ["results[0].id: Required"]);
    });
  });

  describe("against the emulator", () => {
    const ctx = useEmulator();

    it("reads all 225 sites in exactly 3 requests", async () => {
      const sites = await collect(clientFor(ctx.emu).listSites());
      assert.equal(sites.length, SEED_COUNTS.visibleSites);
      assert.equal(new Set(sites.map((s) => s.id)).size, 225);
      assert.ok(sites.some((s) => s.id === SEED_IDS.torqueSiteId));
      assert.equal(await countOf(ctx.emu, "GET /sites"), 3);
      const queries = (await requestLog(ctx.emu)).requests.map((r) => r.query);
      assert.deepEqual(queries, ["limit=100&offset=0", "limit=100&offset=100", "limit=100&offset=200"]);
    });

    it("reads all 225 installs in exactly 3 requests", async () => {
      const installs = await collect(clientFor(ctx.emu).listInstalls());
      assert.equal(installs.length, SEED_COUNTS.visibleInstalls);
      assert.equal(await countOf(ctx.emu, "GET /installs"), 3);
    });

    it("keeps the account filter across pages", async () => {
      const sites = await collect(clientFor(ctx.emu).listSites({ accountId: SEED_IDS.mainAccountId }));
      assert.equal(sites.length, SEED_COUNTS.mainSites);
      assert.ok(sites.every((s) => s.account.id === SEED_IDS.mainAccountId));
      const queries = (await requestLog(ctx.emu)).requests.map((r) => r.query);
      assert.equal(queries.length, 2);
      assert.ok(
        queries.every((q) => q.includes(`account_id=${SEED_IDS.mainAccountId}`)),
        queries.join(" | "),
      );
    });

    it("fails the whole list when a later page keeps failing after retries", async () => {
      // The first request passes (the latency fault takes it); every later one answers 500.
      await fault(ctx.emu, { path: "^/v1/sites$", latencyMs: 1, count: 1 });
      await fault(ctx.emu, { path: "^/v1/sites$", status: 500 });
      const err = await caught(() => collect(clientFor(ctx.emu, { retry: { maxRetries: 2 } }).listSites()));
      assert.ok(err instanceof InternalServerError);
      assert.match(err.message, /offset=100/);
      assert.equal(await countOf(ctx.emu, "GET /sites"), 1 + 3);
    });

    it("recovers a page that fails once", async () => {
      await fault(ctx.emu, { path: "^/v1/sites$", every: 2, count: 1, status: 503 });
      const sites = await collect(clientFor(ctx.emu).listSites());
      assert.equal(sites.length, 225);
      assert.equal(await countOf(ctx.emu, "GET /sites"), 4);
    });

    it("fails loudly when a site disappears while the list is read", async () => {
      const seed = defaultSeed();
      const withInstalls = new Set(seed.installs.map((i) => i.site_id));
      const victim = seed.sites.find(
        (s) => s.account_id === SEED_IDS.mainAccountId && !withInstalls.has(s.id),
      );
      assert.ok(victim);
      const iterator = clientFor(ctx.emu).listSites()[Symbol.asyncIterator]();
      await iterator.next(); // page 1 is read
      ctx.emu.store.load({ ...seed, sites: seed.sites.filter((s) => s.id !== victim.id) });
      const err = await caught(async () => {
        for (let r = await iterator.next(); !r.done; r = await iterator.next()) {
          // drain
        }
      });
      assert.ok(err instanceof PaginationError);
      assert.match(err.message, /count changed from 225 to 224/);
    });
  });
});
