import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { SEED_IDS } from "../../emulator";
import { ConfigurationError } from "../../provider/client/errors";
import {
  DEFAULT_MAX_CONCURRENCY,
  maxConcurrencyFromEnv,
  processLimiter,
  Semaphore,
} from "../../provider/client/limiter";
import { clientFor, fault, useEmulator } from "./helpers";

describe("limiter", () => {
  it("never lets more than the limit run at once", async () => {
    const sem = new Semaphore(3);
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        sem.run(async () => {
          running++;
          peak = Math.max(peak, running);
          await sleep(2 + (i % 3));
          running--;
        }),
      ),
    );
    assert.equal(peak, 3);
    assert.equal(sem.active, 0);
  });

  it("admits waiters in arrival order", async () => {
    const sem = new Semaphore(1);
    const release = await sem.acquire();
    const order: number[] = [];
    const waiters = [1, 2, 3].map((n) => sem.run(async () => void order.push(n)));
    assert.equal(sem.waiting, 3);
    release();
    await Promise.all(waiters);
    assert.deepEqual(order, [1, 2, 3]);
  });

  it("admits waiters at once when the limit is raised", async () => {
    const sem = new Semaphore(1);
    await sem.acquire();
    let admitted = false;
    const waiter = sem.acquire().then(() => {
      admitted = true;
    });
    await sleep(1);
    assert.equal(admitted, false);
    sem.setLimit(2);
    await waiter;
    assert.equal(admitted, true);
  });

  it("ignores a second release of the same slot", async () => {
    const sem = new Semaphore(2);
    const release = await sem.acquire();
    await sem.acquire();
    release();
    release();
    assert.equal(sem.active, 1);
  });

  it("rejects a limit that is not a positive integer", () => {
    assert.throws(() => new Semaphore(0), ConfigurationError);
    assert.throws(() => new Semaphore(1.5), ConfigurationError);
  });

  it("reads WPENGINE_MAX_CONCURRENCY, defaulting to 8", () => {
    assert.equal(maxConcurrencyFromEnv({}), DEFAULT_MAX_CONCURRENCY);
    assert.equal(DEFAULT_MAX_CONCURRENCY, 8);
    assert.equal(maxConcurrencyFromEnv({ WPENGINE_MAX_CONCURRENCY: "3" }), 3);
    assert.throws(
      () => maxConcurrencyFromEnv({ WPENGINE_MAX_CONCURRENCY: "lots" }),
      (err: Error) => err instanceof ConfigurationError && err.message.includes("WPENGINE_MAX_CONCURRENCY"),
    );
  });

  describe("across clients in one process", () => {
    const ctx = useEmulator();
    let previous = DEFAULT_MAX_CONCURRENCY;
    beforeEach(() => {
      previous = processLimiter().limit;
    });
    afterEach(() => {
      processLimiter().setLimit(previous);
    });

    /**
     * Runs `requests` while sampling the process limiter on every timer tick, and answers the most
     * requests seen in flight at once and the most seen waiting. The emulator holds every answer for
     * 150 ms, so a sample lands while the requests overlap however busy the machine is; no assertion
     * depends on how long anything took.
     */
    async function peaks(requests: () => Promise<unknown>[]): Promise<{ active: number; waiting: number }> {
      const limiter = processLimiter();
      const seen = { active: 0, waiting: 0 };
      let done = false;
      const sampler = (async () => {
        while (!done) {
          seen.active = Math.max(seen.active, limiter.active);
          seen.waiting = Math.max(seen.waiting, limiter.waiting);
          await sleep(1);
        }
      })();
      try {
        await Promise.all(requests());
      } finally {
        done = true;
        await sampler;
      }
      return seen;
    }

    it("caps concurrent requests of all clients together", async () => {
      await fault(ctx.emu, { path: "^/v1/sites/", latencyMs: 150 });
      // Two clients, one shared process-wide limit of 2: four slow requests need two rounds.
      const a = clientFor(ctx.emu, { maxConcurrency: 2 });
      const b = clientFor(ctx.emu);
      const started = performance.now();
      const seen = await peaks(() => [a, a, b, b].map((c) => c.getSite(SEED_IDS.torqueSiteId)));
      const elapsed = performance.now() - started;
      assert.deepEqual(seen, { active: 2, waiting: 2 }, "two in flight, the other two queued");
      // A lower bound only: two rounds of 150 ms cannot finish sooner, however fast the machine.
      assert.ok(elapsed >= 290, `4 requests of 150 ms with 2 slots took only ${Math.round(elapsed)} ms`);
    });

    it("runs requests in parallel up to the limit", async () => {
      await fault(ctx.emu, { path: "^/v1/sites/", latencyMs: 150 });
      const client = clientFor(ctx.emu, { maxConcurrency: 4 });
      const seen = await peaks(() => [1, 2, 3, 4].map(() => client.getSite(SEED_IDS.torqueSiteId)));
      assert.deepEqual(seen, { active: 4, waiting: 0 }, "all four in flight at once, none queued");
    });
  });
});
