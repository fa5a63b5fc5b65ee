/**
 * The log of API requests an emulator answered, so tests can assert on retries, request counts per
 * route and faults. Control-plane calls are never logged.
 */

/** One logged API request. */
export interface LoggedRequest {
  method: string;
  /** Request path without the query, e.g. `/v1/sites`. */
  path: string;
  /** The query string without `?` (empty when none). */
  query: string;
  /** Swagger route, e.g. `"GET /sites/{site_id}"`, or `"<METHOD> (unmatched)"`. */
  route: string;
  /** Status answered; 0 when the connection was dropped without an answer. */
  status: number;
  /** Set when a fault acted on the request: `"status 503"`, `"reset"`, `"afterProcessing"`, `"latency 50ms"`. */
  faulted?: string;
  /** ISO time the request arrived. */
  at: string;
  /** The `x-request-id` answered (or that would have been answered). */
  requestId: string;
}

/** What `GET /__emulator/requests` answers. */
export interface RequestLogView {
  requests: LoggedRequest[];
  counts: Record<string, number>;
}

/** Keeps logged requests in arrival order, bounded so a long-running emulator does not grow forever. */
export class RequestLog {
  private entries: LoggedRequest[] = [];
  private counts: Record<string, number> = {};

  constructor(private readonly limit = 10_000) {}

  /** Records one request. Counts keep growing even when old entries are dropped. */
  add(entry: LoggedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.shift();
    this.counts[entry.route] = (this.counts[entry.route] ?? 0) + 1;
  }

  /** A copy of the log and per-route counts. */
  view(): RequestLogView {
    return { requests: this.entries.map((e) => ({ ...e })), counts: { ...this.counts } };
  }

  /** Forgets every request. */
  clear(): void {
    this.entries = [];
    this.counts = {};
  }
}
