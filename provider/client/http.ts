/**
 * The HTTP layer: the one place that knows about authentication, retries, rate limits, the
 * concurrency cap, error mapping and request logging. Everything above it (pagination, the
 * client's operations) deals in validated bodies and {@link WpEngineError}s.
 *
 * got is used with its own retry disabled and `throwHttpErrors: false`, so that every status and
 * every retry decision is ours, and its error objects (which carry the request options, and so
 * the `Authorization` header) never leave this module: only safe fields are copied out.
 */
import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { performance } from "node:perf_hooks";
import type { ExtendOptions, Got } from "got";
import type { ClientConfig } from "./config";
import {
  AmbiguousWriteError,
  ApiConnectionError,
  ApiTimeoutError,
  errorFromResponse,
  ResponseValidationError,
  type WpEngineError,
} from "./errors";
import { processLimiter, type Semaphore } from "./limiter";
import { basicAuthSecrets, basicAuthToken, redactKnownSecrets, registerSecrets } from "./redact";
import {
  type AttemptOutcome,
  decideRetry,
  NOT_SENT_CODES,
  NOT_SENT_TIMEOUT_EVENTS,
  parseRetryAfter,
  type RetryOptions,
  resolveRetryOptions,
  retryDelay,
} from "./retry";
import { USER_AGENT } from "./version";

/** got's module: loaded on the first request (see {@link loadGot}). */
type GotModule = typeof import("got");

/**
 * Loads got when the first request is sent. Loading it costs about 200 ms of CPU (measured in
 * docs/benchmarks.md), which every Pulumi command would pay in the provider and program processes
 * even when it sends nothing (a no-op preview): so it is paid only by commands that send a request.
 * Node's module cache makes every later call free.
 */
function loadGot(): GotModule {
  // Why `require`: a static import would load got with this module; Node 22+ can require got (ESM).
  return require("got") as GotModule;
}

/** The methods the client uses. */
export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";

/** One attempt, as reported to {@link HttpClientOptions.onRequest}. Never includes headers. */
export interface RequestEvent {
  method: HttpMethod;
  /** Path relative to the base URL, with its query. */
  path: string;
  /** The response status, when there was a response. */
  status?: number;
  /** 1 for the first attempt, 2 for the first retry, ... */
  attempt: number;
  durationMs: number;
  /** Why the attempt failed without a response (network error, timeout); credential-free. */
  error?: string;
}

/** A logging hook; exceptions it throws are ignored. */
export type RequestHook = (event: RequestEvent) => void;

/** Options of the HTTP layer (and of the client). */
export interface HttpClientOptions {
  /** Per-attempt timeout in ms (default 30 s). */
  timeoutMs?: number;
  /** Retry settings; see {@link RetryOptions}. */
  retry?: Partial<RetryOptions>;
  /** Called after every attempt. */
  onRequest?: RequestHook;
  /** Sets the process-wide cap on concurrent requests (see `limiter.ts`). */
  maxConcurrency?: number;
}

/** Default per-attempt timeout. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** A request as the client describes it. */
export interface RequestSpec {
  method: HttpMethod;
  /** Path relative to the base URL, starting with `/`, every parameter already encoded. */
  path: string;
  query?: Readonly<Record<string, string | number>> | undefined;
  /** JSON body. */
  body?: unknown;
  /** The client operation, e.g. `getAccountUser`, named in validation errors. */
  operation: string;
  /** Non-2xx statuses to return instead of throwing (e.g. 404 for DELETE). */
  acceptStatuses?: readonly number[];
  /** Appended to the {@link AmbiguousWriteError} of a POST whose outcome is unknown. */
  ambiguousHint?: string;
}

/** A successful (or accepted) response. */
export interface HttpResponse {
  status: number;
  /** Parsed JSON, or `undefined` for an empty body. */
  body: unknown;
  /** The `x-request-id` header. */
  requestId: string | undefined;
}

/** The interface pagination needs; lets tests substitute a fake. */
export interface Requester {
  /** The API base URL (no trailing slash). */
  readonly baseUrl: URL;
  request(spec: RequestSpec): Promise<HttpResponse>;
}

type AttemptResult =
  | { ok: true; response: HttpResponse }
  | {
      ok: false;
      /** `final` when the failure is definitive whatever the method (e.g. a 2xx that is not JSON). */
      outcome: AttemptOutcome | "final";
      retryAfterMs?: number | undefined;
      /**
       * Built lazily so that the message can say how many attempts were made, and whether the retry
       * budget (with this much left) ended a wait the API asked for.
       */
      error: (attempts: number, retryBudgetLeftMs?: number) => WpEngineError;
    };

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function parseBody(text: string): { json: true; value: unknown } | { json: false; value: string } {
  if (text.trim() === "") return { json: true, value: undefined };
  try {
    return { json: true, value: JSON.parse(text) };
  } catch {
    return { json: false, value: text };
  }
}

function toSearchParams(query: Readonly<Record<string, string | number>>): URLSearchParams {
  return new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]));
}

/** Path plus query string, as shown in errors and events. */
export function describePath(path: string, query?: Readonly<Record<string, string | number>>): string {
  if (query === undefined) return path;
  const qs = toSearchParams(query).toString();
  return qs === "" ? path : `${path}?${qs}`;
}

/** Sends requests to the WP Engine API. One got instance per client. */
export class HttpClient implements Requester {
  /** The API base URL. */
  readonly baseUrl: URL;
  /** Resolved retry settings (also used by operations that recover from ambiguous writes). */
  readonly retry: RetryOptions;
  /** Per-attempt timeout. */
  readonly timeoutMs: number;
  readonly #gotOptions: ExtendOptions;
  #gotInstance: Got | undefined;
  readonly #onRequest: RequestHook | undefined;
  readonly #limiter: Semaphore;
  /*
   * POSTs never reuse a kept-alive connection. A reused socket that the server closed a moment
   * earlier fails with ECONNRESET although nothing was processed, and for a POST that failure is
   * indistinguishable from a lost answer, so it would surface as an ambiguous write.
   */
  readonly #freshConnections = {
    http: new HttpAgent({ keepAlive: false }),
    https: new HttpsAgent({ keepAlive: false }),
  };

  constructor(config: ClientConfig, options: HttpClientOptions = {}) {
    this.baseUrl = new URL(config.apiUrl);
    this.retry = resolveRetryOptions(options.retry);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#onRequest = options.onRequest;
    this.#limiter = processLimiter();
    if (options.maxConcurrency !== undefined) this.#limiter.setLimit(options.maxConcurrency);
    registerSecrets(basicAuthSecrets(config.apiUserId, config.apiPassword));
    this.#gotOptions = {
      prefixUrl: config.apiUrl,
      headers: {
        // Built here rather than with got's username/password options, which would put the
        // credentials into the request URL and from there into got's error messages.
        authorization: `Basic ${basicAuthToken(config.apiUserId, config.apiPassword)}`,
        "user-agent": USER_AGENT,
        accept: "application/json",
      },
      timeout: { request: this.timeoutMs },
      retry: { limit: 0 },
      throwHttpErrors: false,
      // Redirects would be a surprise from this API; following one could carry the credentials
      // somewhere else. Report it instead.
      followRedirect: false,
      responseType: "text",
    };
  }

  /** The got instance, built on the first request (see {@link loadGot}). */
  get #got(): Got {
    this.#gotInstance ??= loadGot().default.extend(this.#gotOptions);
    return this.#gotInstance;
  }

  /**
   * Sends a request with retries (see `retry.ts`) and returns the response of a 2xx or accepted
   * status.
   *
   * @throws ApiError (by status), ApiConnectionError, ApiTimeoutError, ResponseValidationError
   * (a 2xx body that is not JSON), or AmbiguousWriteError (a POST whose outcome is unknown).
   */
  async request(spec: RequestSpec): Promise<HttpResponse> {
    const shown = describePath(spec.path, spec.query);
    const started = this.retry.now();
    for (let attempt = 1; ; attempt++) {
      const result = await this.#attempt(spec, shown, attempt);
      if (result.ok) return result.response;
      const decision = result.outcome === "final" ? "fail" : decideRetry(spec.method, result.outcome);
      if (decision === "ambiguous") {
        throw new AmbiguousWriteError(
          { method: spec.method, path: shown, attempts: attempt },
          result.error(attempt),
          spec.ambiguousHint,
        );
      }
      if (decision === "retry" && attempt <= this.retry.maxRetries) {
        const outcome = result.outcome;
        const rateLimited =
          outcome !== "final" &&
          outcome.kind === "status" &&
          (outcome.status === 429 || outcome.status === 503);
        const delay = retryDelay(attempt - 1, this.retry, result.retryAfterMs, rateLimited);
        const left = this.retry.budgetMs - (this.retry.now() - started);
        if (delay <= left) {
          await this.retry.sleep(delay);
          continue;
        }
        // The API asked for a longer wait than the budget has left: say so rather than retry early.
        if (result.retryAfterMs !== undefined) throw result.error(attempt, Math.max(0, left));
      }
      throw result.error(attempt);
    }
  }

  async #attempt(spec: RequestSpec, shown: string, attempt: number): Promise<AttemptResult> {
    const { method } = spec;
    const release = await this.#limiter.acquire();
    const t0 = performance.now();
    let result: AttemptResult;
    let status: number | undefined;
    try {
      const response = await this.#got(spec.path.replace(/^\//, ""), {
        method,
        searchParams: spec.query === undefined ? undefined : toSearchParams(spec.query),
        json: spec.body,
        ...(method === "POST" ? { agent: this.#freshConnections } : {}),
      });
      status = response.statusCode;
      result = this.#fromResponse(spec, shown, status, response.body, response.headers);
    } catch (err) {
      result = this.#fromError(spec, shown, err);
    } finally {
      release();
    }
    this.#report({
      method,
      path: shown,
      attempt,
      durationMs: Math.round(performance.now() - t0),
      ...(status === undefined ? {} : { status }),
      ...(status === undefined && !result.ok ? { error: result.error(attempt).message } : {}),
    });
    return result;
  }

  #fromResponse(
    spec: RequestSpec,
    shown: string,
    status: number,
    text: string,
    headers: Record<string, string | string[] | undefined>,
  ): AttemptResult {
    const requestId = headerValue(headers["x-request-id"]);
    const body = parseBody(text);
    if ((status >= 200 && status < 300) || spec.acceptStatuses?.includes(status)) {
      if (!body.json && status >= 200 && status < 300) {
        const error = new ResponseValidationError(spec.operation, ["(body): the response is not JSON"], {
          method: spec.method,
          path: shown,
        });
        // Definitive: the request was processed, repeating it would not change the answer.
        return { ok: false, outcome: "final", error: () => error };
      }
      return { ok: true, response: { status, body: body.json ? body.value : undefined, requestId } };
    }
    const retryAfterMs =
      status === 429 || status === 503
        ? parseRetryAfter(headerValue(headers["retry-after"]), this.retry.now())
        : undefined;
    return {
      ok: false,
      outcome: { kind: "status", status },
      retryAfterMs,
      error: (attempts, retryBudgetLeftMs) =>
        errorFromResponse({
          status,
          method: spec.method,
          path: shown,
          attempts,
          body: body.value,
          requestId,
          retryAfterMs,
          retryBudgetLeftMs,
        }),
    };
  }

  #fromError(spec: RequestSpec, shown: string, err: unknown): AttemptResult {
    const target = { method: spec.method, path: shown };
    const { RequestError, TimeoutError } = loadGot();
    if (err instanceof TimeoutError) {
      // Nothing left the process if the timeout hit while connecting or before the request was
      // fully handed to the OS ('finish' sets timings.upload), so the server cannot have
      // processed it.
      const sent = !NOT_SENT_TIMEOUT_EVENTS.has(err.event) && err.timings?.upload !== undefined;
      return {
        ok: false,
        outcome: { kind: "timeout", sent },
        error: (attempts) => new ApiTimeoutError({ ...target, attempts, timeoutMs: this.timeoutMs }),
      };
    }
    // Copy only the code and message text; the error object itself holds the request options.
    const code = err instanceof RequestError && typeof err.code === "string" ? err.code : "EUNKNOWN";
    const detail = redactKnownSecrets(err instanceof Error ? err.message : String(err));
    return {
      ok: false,
      outcome: { kind: "network", code, sent: !NOT_SENT_CODES.has(code) },
      error: (attempts) => new ApiConnectionError({ ...target, attempts, code, detail }),
    };
  }

  #report(event: RequestEvent): void {
    if (this.#onRequest === undefined) return;
    try {
      this.#onRequest(event);
    } catch {
      // A logging hook must never change the outcome of a request.
    }
  }
}
