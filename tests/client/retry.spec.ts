import assert from "node:assert/strict";
import {
  type AttemptOutcome,
  DEFAULT_RETRY_OPTIONS,
  decideRetry,
  parseRetryAfter,
  resolveRetryOptions,
  retryDelay,
} from "../../provider/client/retry";

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);

describe("retry", () => {
  describe("parseRetryAfter", () => {
    it("reads delay-seconds", () => {
      assert.equal(parseRetryAfter("3", NOW), 3000);
      assert.equal(parseRetryAfter(" 0 ", NOW), 0);
      assert.equal(parseRetryAfter("1.5", NOW), 1500);
    });

    it("reads an HTTP date relative to now", () => {
      const inFive = new Date(NOW + 5000).toUTCString();
      assert.equal(parseRetryAfter(inFive, NOW), 5000);
    });

    it("treats a date in the past as no wait", () => {
      assert.equal(parseRetryAfter(new Date(NOW - 60_000).toUTCString(), NOW), 0);
    });

    it("ignores a missing or unparseable header", () => {
      assert.equal(parseRetryAfter(undefined, NOW), undefined);
      assert.equal(parseRetryAfter("", NOW), undefined);
      assert.equal(parseRetryAfter("soon", NOW), undefined);
      assert.equal(parseRetryAfter("-3", NOW), undefined);
    });
  });

  describe("retryDelay", () => {
    const opts = { baseDelayMs: 100, maxDelayMs: 1000 };

    it("uses full jitter: anywhere from 0 up to the exponential ceiling", () => {
      assert.equal(retryDelay(0, { ...opts, random: () => 0 }), 0);
      assert.equal(retryDelay(0, { ...opts, random: () => 0.5 }), 50);
      assert.equal(retryDelay(2, { ...opts, random: () => 0.5 }), 200);
      assert.equal(retryDelay(3, { ...opts, random: () => 0.999 }), 799);
    });

    it("caps the exponential ceiling at maxDelayMs", () => {
      assert.equal(retryDelay(10, { ...opts, random: () => 0.999 }), 999);
    });

    it("waits at least what Retry-After asks, plus jitter of up to a tenth of it (at least baseDelayMs)", () => {
      assert.equal(retryDelay(0, { ...opts, random: () => 0 }, 700), 700);
      assert.equal(retryDelay(0, { ...opts, random: () => 0.5 }, 700), 750);
      assert.equal(retryDelay(0, { ...opts, random: () => 0.5 }, 30_000), 31_500);
    });

    it("honours a long Retry-After instead of capping it at maxDelayMs (the budget decides)", () => {
      assert.equal(retryDelay(0, { ...opts, random: () => 0 }, 120_000), 120_000);
    });

    it("backs off when rate limited without a usable Retry-After: half to all of the ceiling, never at once", () => {
      assert.equal(retryDelay(0, { ...opts, random: () => 0 }, undefined, true), 50);
      assert.equal(retryDelay(2, { ...opts, random: () => 0.999 }, undefined, true), 399);
      assert.equal(retryDelay(10, { ...opts, random: () => 0 }, undefined, true), 500);
    });
  });

  describe("decideRetry", () => {
    const status = (s: number): AttemptOutcome => ({ kind: "status", status: s });
    const refused: AttemptOutcome = { kind: "network", code: "ECONNREFUSED", sent: false };
    const reset: AttemptOutcome = { kind: "network", code: "ECONNRESET", sent: true };
    const timeoutSent: AttemptOutcome = { kind: "timeout", sent: true };
    const timeoutConnecting: AttemptOutcome = { kind: "timeout", sent: false };

    it("retries idempotent requests on 408, 429, 5xx, network errors and timeouts", () => {
      const outcomes: AttemptOutcome[] = [
        ...[408, 429, 500, 502, 503, 504].map(status),
        refused,
        reset,
        timeoutSent,
        timeoutConnecting,
      ];
      for (const method of ["GET", "PATCH", "DELETE"]) {
        for (const outcome of outcomes) {
          const decision: string = decideRetry(method, outcome);
          assert.equal(decision, "retry", `${method} ${JSON.stringify(outcome)}`);
        }
      }
    });

    it("does not retry client errors", () => {
      for (const s of [400, 401, 403, 404, 409, 422]) {
        assert.equal(decideRetry("GET", status(s)), "fail");
        assert.equal(decideRetry("POST", status(s)), "fail");
      }
    });

    it("retries a POST only when the server certainly did not process it", () => {
      assert.equal(decideRetry("POST", status(429)), "retry");
      assert.equal(decideRetry("POST", status(503)), "retry");
      assert.equal(decideRetry("POST", refused), "retry");
      assert.equal(decideRetry("POST", { kind: "network", code: "ENOTFOUND", sent: false }), "retry");
      assert.equal(decideRetry("POST", timeoutConnecting), "retry");
    });

    it("calls any other POST failure ambiguous", () => {
      const outcomes: AttemptOutcome[] = [status(500), status(502), status(504), reset, timeoutSent];
      for (const outcome of outcomes) {
        const decision: string = decideRetry("POST", outcome);
        assert.equal(decision, "ambiguous", JSON.stringify(outcome));
      }
    });
  });

  it("fills unspecified options with the defaults (5 retries, 10 s per delay, 60 s budget)", () => {
    const sleep = async () => {};
    const options = resolveRetryOptions({ maxRetries: 2, sleep, budgetMs: undefined });
    assert.equal(options.maxRetries, 2);
    assert.equal(options.sleep, sleep);
    assert.equal(options.budgetMs, 60_000);
    assert.equal(DEFAULT_RETRY_OPTIONS.maxRetries, 5);
    assert.equal(DEFAULT_RETRY_OPTIONS.maxDelayMs, 10_000);
  });
});
