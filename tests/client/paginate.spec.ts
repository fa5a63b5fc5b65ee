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
import { followNext, MAX_WALKS, paginate } from "../../provider/client/paginate";
import { caught, clientFor, control, countOf, fault, requestLog, useEmulator } from "./helpers";

const ITEM = z.object({ id: z.string() });
const BASE = new URL("https://api.example.com/v1");

/** A fake API that answers each request with `answer(spec, n)` (n from 1) and records the requests. */
function recordingApi(
  answer: (spec: RequestSpec, n: number) => unknown,
): Requester & { requests: RequestSpec[] } {
  const requests: RequestSpec[] = [];
  return {
    baseUrl: BASE,
    requests,
    async request(spec: RequestSpec): Promise<HttpResponse> {
      requests.push(spec);
      return { status: 200, body: answer(spec, requests.length), requestId: undefined };
    },
  };
}

/** A fake API answering canned pages in order. */
function fakeApi(pages: unknown[]): Requester & { requests: RequestSpec[] } {
  return recordingApi((_spec, n) => {
    const body = pages[n - 1];
    if (body === undefined) throw new Error(`unexpected request ${n}`);
    return body;
  });
}

const items = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ id: `item-${from + i}` }));
const next = (offset: number) => `https://api.example.com/v1/things?limit=2&offset=${offset}`;

/**
 * A fake API serving a live list: each request answers the slice at its offset of the list as it is
 * at that moment, with `count` and a `next` link like the emulator's (without filters). `before` can
 * change the list before request N (1-based), as a busy account would between pages.
 */
function liveApi(
  list: { id: string }[],
  before: Record<number, (list: { id: string }[]) => void> = {},
  shape: { count?: boolean } = {},
): Requester & { requests: RequestSpec[] } {
  return recordingApi((spec, n) => {
    before[n]?.(list);
    const limit = Number(spec.query?.limit ?? 100);
    const offset = Number(spec.query?.offset ?? 0);
    const more = offset + limit < list.length;
    return {
      next: more ? `https://api.example.com/v1/things?limit=${limit}&offset=${offset + limit}` : null,
      results: list.slice(offset, offset + limit),
      ...(shape.count === false ? {} : { count: list.length }),
    };
  });
}

const ids = (list: { id: string }[]) => list.map((i) => i.id);

describe("pagination", () => {
  describe("against a fake API", () => {
    it("follows next links, asking each later page one item early, and yields every item once", async () => {
      const api = liveApi(items(0, 5));
      const got = await collect(paginate(api, "/things", ITEM, {}, { pageSize: 2 }));
      assert.deepEqual(ids(got), ids(items(0, 5)));
      assert.deepEqual(
        api.requests.map((r) => r.query?.offset),
        [0, "1", "2", "3"],
      );
    });

    it("keeps the caller's filters on every page when the next links drop them", async () => {
      const api = fakeApi([
        { next: next(2), count: 3, results: items(0, 2) },
        { next: null, count: 3, results: items(1, 2) },
      ]);
      const got = await collect(paginate(api, "/things", ITEM, { account_id: "a" }, { pageSize: 2 }));
      assert.deepEqual(ids(got), ids(items(0, 3)));
      assert.deepEqual(api.requests[0]?.query, { account_id: "a", limit: 2, offset: 0 });
      assert.deepEqual(api.requests[1]?.query, { account_id: "a", limit: "2", offset: "1" });
    });

    it("refuses a next link that changes a filter", () => {
      assert.throws(
        () => followNext(BASE, "/things", `${next(2)}&account_id=b`, { account_id: "a" }),
        /changes the account_id filter/,
      );
    });

    it("reads a list whose pages leave out count, previous and next on the last page", async () => {
      const api = liveApi(items(0, 5), {}, { count: false });
      const got = await collect(paginate(api, "/things", ITEM, {}, { pageSize: 2 }));
      assert.deepEqual(ids(got), ids(items(0, 5)));
    });

    it("starts over when an item is added and another removed between pages (same count), and reads every item", async () => {
      const list = items(0, 6);
      // After page 1 (item-0, item-1): item-0 leaves, item-9 arrives. count stays 6, everything shifts.
      const api = liveApi(list, {
        2: (l) => {
          l.splice(0, 1);
          l.push({ id: "item-9" });
        },
      });
      const got = await collect(paginate(api, "/things", ITEM, {}, { pageSize: 2 }));
      assert.deepEqual(ids(got), ["item-1", "item-2", "item-3", "item-4", "item-5", "item-9"]);
      assert.equal(api.requests.filter((r) => r.query?.offset === 0).length, 2, "the walk started over once");
    });

    it("starts over when count changes between pages, and succeeds once the list settles", async () => {
      const api = liveApi(items(0, 5), { 2: (l) => void l.splice(3, 1) });
      const got = await collect(paginate(api, "/things", ITEM, {}, { pageSize: 2 }));
      assert.deepEqual(ids(got), ["item-0", "item-1", "item-2", "item-4"]);
    });

    it(`fails loudly, naming the cause, only when the list keeps changing for ${MAX_WALKS} walks`, async () => {
      let n = 100;
      const grow = (l: { id: string }[]) => void l.unshift({ id: `item-${n++}` });
      const api = liveApi(items(0, 5), { 2: grow, 5: grow, 8: grow, 11: grow });
      const err = await caught(() => collect(paginate(api, "/things", ITEM, {}, { pageSize: 2 })));
      assert.ok(err instanceof PaginationError);
      assert.match(
        err.message,
        /kept changing while it was read \(3 attempts, last: .*count changed from 7 to 8/,
      );
    });

    it("fails loudly when fewer items arrive than count promised, every time", async () => {
      const api = fakeApi(
        Array.from({ length: MAX_WALKS }, () => ({ next: null, count: 3, results: items(0, 2) })),
      );
      const err = await caught(() => collect(paginate(api, "/things", ITEM)));
      assert.ok(err instanceof PaginationError);
      assert.match(err.message, /reported 3 items but returned 2/);
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
      // Later pages are asked one item early, to see whether the list shifted.
      assert.deepEqual(queries, ["limit=100&offset=0", "limit=100&offset=99", "limit=100&offset=198"]);
    });

    it("reads all 225 installs in exactly 3 requests", async () => {
      const installs = await collect(clientFor(ctx.emu).listInstalls());
      assert.equal(installs.length, SEED_COUNTS.visibleInstalls);
      assert.equal(await countOf(ctx.emu, "GET /installs"), 3);
    });

    it("keeps the account filter on every page when the API's next links drop it (minimal profile)", async () => {
      await control(ctx.emu, "POST", "/config", { profile: "minimal" });
      const sites = await collect(clientFor(ctx.emu).listSites({ accountId: SEED_IDS.mainAccountId }));
      assert.equal(sites.length, SEED_COUNTS.mainSites);
      assert.ok(
        sites.every((s) => s.account.id === SEED_IDS.mainAccountId),
        "the filter's account fills in",
      );
      const queries = (await requestLog(ctx.emu)).requests.map((r) => r.query);
      assert.ok(
        queries.every((q) => q.includes(`account_id=${SEED_IDS.mainAccountId}`)),
        queries.join(" | "),
      );
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
      assert.match(err.message, /offset=99/);
      assert.equal(await countOf(ctx.emu, "GET /sites"), 1 + 3);
    });

    it("recovers a page that fails once", async () => {
      await fault(ctx.emu, { path: "^/v1/sites$", every: 2, count: 1, status: 503 });
      const sites = await collect(clientFor(ctx.emu).listSites());
      assert.equal(sites.length, 225);
      assert.equal(await countOf(ctx.emu, "GET /sites"), 4);
    });

    it("starts over when a site disappears while the list is read, and lists the rest", async () => {
      const seed = defaultSeed();
      const withInstalls = new Set(seed.installs.map((i) => i.site_id));
      const victim = seed.sites.find(
        (s) => s.account_id === SEED_IDS.mainAccountId && !withInstalls.has(s.id),
      );
      assert.ok(victim);
      let pages = 0;
      const client = clientFor(ctx.emu, {
        onRequest: () => {
          // Right after page 1, someone removes a site in the portal.
          if (++pages === 1)
            ctx.emu.store.load({ ...seed, sites: seed.sites.filter((s) => s.id !== victim.id) });
        },
      });
      const sites = await collect(client.listSites());
      assert.equal(sites.length, 224);
      assert.ok(!sites.some((s) => s.id === victim.id));
      assert.equal(new Set(sites.map((s) => s.id)).size, 224);
    });
  });
});
