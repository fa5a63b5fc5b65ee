/**
 * When to retry and how long to wait. Pure functions and injectable options, so the policy is
 * unit-tested without a server and tests run with tiny delays.
 *
 * The policy differs by method. GET, PATCH (same body) and DELETE are idempotent: repeating them
 * is harmless, so they are retried on 408, 429, 5xx, network errors and timeouts. A POST creates
 * something; it is repeated only when the server certainly did not process it (429, 503, or a
 * connection that never got established). Any other POST failure is "ambiguous": the caller
 * must find out what happened before repeating it.
 */

/** Retry settings. All are injectable; tests shrink the delays and replace `sleep`/`random`. */
export interface RetryOptions {
  /** Retries after the first attempt (default 5). */
  maxRetries: number;
  /** First backoff ceiling; doubles per retry (default 500 ms). */
  baseDelayMs: number;
  /**
   * Cap on one backoff delay (default 10 s). A `Retry-After` is not capped by it: the client waits
   * as long as the API asks while that fits in `budgetMs`, and otherwise stops and says so.
   */
  maxDelayMs: number;
  /** Cap on the time from the first attempt to the start of the last (default 60 s). */
  budgetMs: number;
  /** Waits `ms` milliseconds. */
  sleep: (ms: number) => Promise<void>;
  /** Returns a number in [0, 1): the jitter source. */
  random: () => number;
  /** Current time in ms (for budgets and HTTP-date `Retry-After`). */
  now: () => number;
}

/** The production defaults. */
export const DEFAULT_RETRY_OPTIONS: Readonly<RetryOptions> = Object.freeze({
  maxRetries: 5,
  baseDelayMs: 500,
  maxDelayMs: 10_000,
  budgetMs: 60_000,
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
  now: Date.now,
});

/** Fills unspecified options with {@link DEFAULT_RETRY_OPTIONS}. */
export function resolveRetryOptions(options: Partial<RetryOptions> = {}): RetryOptions {
  const resolved: RetryOptions = { ...DEFAULT_RETRY_OPTIONS };
  for (const [key, value] of Object.entries(options) as [keyof RetryOptions, never][]) {
    if (value !== undefined) resolved[key] = value;
  }
  return resolved;
}

/**
 * Parses a `Retry-After` header: delay-seconds or an HTTP date.
 *
 * @returns The delay in ms (never negative), or `undefined` when absent or unparseable.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // An HTTP date always names a day and month; this keeps Date.parse from reading "-3" as a year.
  if (!/[a-z]/i.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/**
 * The wait before retry number `retryIndex` (0 for the first retry). Every wait is jittered, so
 * requests that failed together (a process's concurrent refresh reads) do not retry in lockstep.
 *
 * - With `Retry-After`: what the server asked plus up to a tenth of it (at least `baseDelayMs`) at
 *   random; never less than asked. Not capped here: the caller checks it against its budget.
 * - Rate limited (`rateLimited`: a 429 or 503) without a usable `Retry-After` (absent or nonsense):
 *   "equal jitter", between half and all of min(maxDelayMs, baseDelayMs * 2^retryIndex), so the
 *   client backs off instead of retrying at once.
 * - Otherwise: full jitter, anywhere in [0, min(maxDelayMs, baseDelayMs * 2^retryIndex)).
 */
export function retryDelay(
  retryIndex: number,
  options: Pick<RetryOptions, "baseDelayMs" | "maxDelayMs" | "random">,
  retryAfterMs?: number,
  rateLimited = false,
): number {
  if (retryAfterMs !== undefined) {
    const asked = Math.max(0, retryAfterMs);
    return asked + Math.floor(options.random() * Math.max(options.baseDelayMs, asked / 10));
  }
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retryIndex);
  if (rateLimited) return Math.floor(ceiling / 2 + options.random() * (ceiling / 2));
  return Math.floor(options.random() * ceiling);
}

/** What one attempt ended with. */
export type AttemptOutcome =
  /** The server answered with a non-success status. */
  | { kind: "status"; status: number }
  /** A network error; `sent` is false only when the request certainly never left. */
  | { kind: "network"; code: string; sent: boolean }
  /** The timeout expired; `sent` is false when it expired while still connecting. */
  | { kind: "timeout"; sent: boolean };

/**
 * - `retry`: repeating is safe and may help.
 * - `fail`: a definitive failure; repeating will not help (or the caller must decide).
 * - `ambiguous`: a write that may have been processed; repeating could duplicate it.
 */
export type RetryDecision = "retry" | "fail" | "ambiguous";

/** Error codes that mean the connection was never established, so nothing was sent. */
export const NOT_SENT_CODES: ReadonlySet<string> = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"]);

/** got's timeout phases that end before the request is written. */
export const NOT_SENT_TIMEOUT_EVENTS: ReadonlySet<string> = new Set(["lookup", "connect", "secureConnect"]);

/** Whether repeating `method` is harmless. PATCH (always sent with the same body) and DELETE count. */
export function isIdempotent(method: string): boolean {
  return method !== "POST";
}

/** Decides what to do after a failed attempt. */
export function decideRetry(method: string, outcome: AttemptOutcome): RetryDecision {
  if (isIdempotent(method)) {
    if (outcome.kind !== "status") return "retry";
    const s = outcome.status;
    return s === 408 || s === 429 || s >= 500 ? "retry" : "fail";
  }
  if (outcome.kind === "status") {
    const s = outcome.status;
    // 429 and 503 mean the request was turned away, not processed.
    if (s === 429 || s === 503) return "retry";
    return s >= 500 ? "ambiguous" : "fail";
  }
  return outcome.sent ? "ambiguous" : "retry";
}
