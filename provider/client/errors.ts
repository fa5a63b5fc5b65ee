/**
 * One error hierarchy for everything the client throws. Every error is built from safe fields
 * only: the client never attaches got's errors, options or request objects (they hold the
 * `Authorization` header), and every message and string field is scrubbed of registered
 * credentials when the error is created, so neither `message`, `stack`, `toJSON()` nor
 * `util.inspect` can show them.
 */
import { STATUS_CODES } from "node:http";
import { redactKnownSecrets } from "./redact";
import { ApiErrorBodySchema, type FieldError } from "./schemas";

export type { FieldError } from "./schemas";

/** Sets a class's `name` on its prototype, so that it is in the stack header and not enumerable. */
function setName(cls: { prototype: Error }, name: string): void {
  Object.defineProperty(cls.prototype, "name", { value: name, writable: true, configurable: true });
}

/** Base class of every error the client throws. */
export class WpEngineError extends Error {
  /**
   * @param message - Human-readable message; credentials are scrubbed from it.
   * @param cause - Another client error (never a third-party error object, which may hold credentials).
   */
  constructor(message: string, cause?: WpEngineError) {
    super(redactKnownSecrets(message), cause === undefined ? undefined : { cause });
  }

  /** A plain, credential-free view for logs and `JSON.stringify`. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) {
      if (value !== undefined) out[key] = value;
    }
    if (this.cause instanceof WpEngineError) out.cause = this.cause.toJSON();
    return out;
  }
}
setName(WpEngineError, "WpEngineError");

/** The client is misconfigured (missing credentials, unusable API URL). */
export class ConfigurationError extends WpEngineError {}
setName(ConfigurationError, "ConfigurationError");

/** An argument is invalid (e.g. a path parameter that is not a UUID); nothing was sent. */
export class InvalidArgumentError extends WpEngineError {
  /** The offending parameter, e.g. `accountId`. */
  readonly parameter: string;

  constructor(parameter: string, message: string) {
    super(message);
    this.parameter = parameter;
  }
}
setName(InvalidArgumentError, "InvalidArgumentError");

/** Where a failed request went; shared by the request-level errors. */
export interface RequestTarget {
  /** HTTP method, e.g. `GET`. */
  method: string;
  /** Path relative to the API base URL, with its query, e.g. `/sites?limit=100&offset=0`. */
  path: string;
  /** How many attempts were made (retries included). */
  attempts?: number | undefined;
}

function attemptsSuffix(attempts: number | undefined): string {
  return attempts !== undefined && attempts > 1 ? ` (after ${attempts} attempts)` : "";
}

/** The API could not be reached or the connection broke (`code` is e.g. `ECONNREFUSED`, `ECONNRESET`). */
export class ApiConnectionError extends WpEngineError {
  /** HTTP method of the failed request. */
  readonly method: string;
  /** Path (with query) of the failed request, relative to the base URL. */
  readonly path: string;
  /** The system error code, e.g. `ECONNREFUSED`, `ECONNRESET`, `ENOTFOUND`. */
  readonly code: string;

  constructor(target: RequestTarget & { code: string; detail: string }) {
    super(
      `${target.method} ${target.path} failed: could not reach the WP Engine API (${target.code}: ${target.detail})${attemptsSuffix(target.attempts)}`,
    );
    this.method = target.method;
    this.path = redactKnownSecrets(target.path);
    this.code = target.code;
  }
}
setName(ApiConnectionError, "ApiConnectionError");

/** The API did not answer in time. */
export class ApiTimeoutError extends WpEngineError {
  /** HTTP method of the failed request. */
  readonly method: string;
  /** Path (with query) of the failed request, relative to the base URL. */
  readonly path: string;
  /** The per-request timeout that expired. */
  readonly timeoutMs: number;

  constructor(target: RequestTarget & { timeoutMs: number }) {
    super(
      `${target.method} ${target.path} failed: the WP Engine API did not answer within ${target.timeoutMs} ms${attemptsSuffix(target.attempts)}`,
    );
    this.method = target.method;
    this.path = redactKnownSecrets(target.path);
    this.timeoutMs = target.timeoutMs;
  }
}
setName(ApiTimeoutError, "ApiTimeoutError");

/** A response did not have the documented shape; `issues` name each failing field path. */
export class ResponseValidationError extends WpEngineError {
  /** The client operation, e.g. `getAccountUser`. */
  readonly operation: string;
  /** One entry per failing field, e.g. `account_user.email: Required`. */
  readonly issues: readonly string[];

  constructor(operation: string, issues: readonly string[], target?: RequestTarget) {
    const where = target === undefined ? "" : ` (${target.method} ${target.path})`;
    super(
      `${operation}${where}: the WP Engine API answered with an unexpected response: ${issues.join("; ")}`,
    );
    this.operation = operation;
    this.issues = issues.map(redactKnownSecrets);
  }
}
setName(ResponseValidationError, "ResponseValidationError");

/** A paged list was inconsistent (count changed, items missing, foreign `next` link). */
export class PaginationError extends WpEngineError {
  /** The list path, e.g. `/sites`. */
  readonly path: string;

  constructor(path: string, message: string) {
    super(`Listing ${path} failed: ${message}`);
    this.path = redactKnownSecrets(path);
  }
}
setName(PaginationError, "PaginationError");

/**
 * A write whose outcome is unknown: the request may or may not have been processed (e.g. the
 * connection dropped after sending, or a 500/502/504). `cause` holds the underlying error.
 */
export class AmbiguousWriteError extends WpEngineError {
  /** HTTP method of the write (normally POST). */
  readonly method: string;
  /** Path of the write, relative to the base URL. */
  readonly path: string;

  /**
   * @param hint - What the caller can do about it (operation-specific).
   */
  constructor(target: RequestTarget, cause: WpEngineError, hint?: string) {
    super(
      `${target.method} ${target.path}: the outcome of this write is unknown, the request may or may not have been processed (${cause.message}).${hint === undefined ? "" : ` ${hint}`}`,
      cause,
    );
    this.method = target.method;
    this.path = redactKnownSecrets(target.path);
  }
}
setName(AmbiguousWriteError, "AmbiguousWriteError");

/** What {@link AlreadyExistsError} found: the object that was there before the create. */
export interface ExistingObject {
  /** What kind of object it is, in words: `install`, `domain`, `SSH key`. */
  kind: string;
  /** What identifies it, as the create was asked for it: an install or domain name, a key fingerprint. */
  identifier: string;
  /** Where it is, in words: `account <id>`, `install <id>`, `the SSH keys of ...`. */
  scope: string;
  /** Its WP Engine id; undefined when the list did not say (the contract requires no SSH key field). */
  existingId: string | undefined;
  /** The fix besides reading or removing it, e.g. `choose another name` (the default). */
  alternative?: string | undefined;
  /** The lookup that reads it without managing it, e.g. `getInstall({ name })`. */
  lookup: string;
  /** The id the `import` resource option takes for it, when it differs from `existingId` (e.g. `<installId>/<domainId>`). */
  importId?: string | undefined;
}

/**
 * A create was refused before anything was sent, because the object it would make already exists
 * (made in the User Portal, or by another stack). It is never taken over: a resource that recorded
 * it would delete it on `pulumi destroy`. `fix` says what to do, for callers that phrase their own
 * message.
 */
export class AlreadyExistsError extends WpEngineError {
  /** What kind of object exists, e.g. `install`. */
  readonly kind: string;
  /** What identifies it, e.g. the install name. */
  readonly identifier: string;
  /** Where it is, e.g. `account <id>`. */
  readonly scope: string;
  /** Its WP Engine id, when the API said. */
  readonly existingId: string | undefined;
  /** What to do about it, as one clause without a final stop. */
  readonly fix: string;

  constructor(found: ExistingObject) {
    const alternative = found.alternative ?? "choose another name";
    // None of the fixes touches the existing object; adopting needs its id, which a list may omit.
    const importId = found.importId ?? found.existingId;
    const adopt =
      importId === undefined
        ? ""
        : `adopt it into this stack with the \`import\` resource option (\`{ import: "${importId}" }\`); or `;
    const fix = `${adopt}${alternative}; or leave it out of this program and read it with ${found.lookup}; or, if nobody needs it, remove it in the WP Engine User Portal`;
    super(
      `the ${found.kind} ${JSON.stringify(found.identifier)} already exists in ${found.scope} (id ${found.existingId ?? "not reported"}), ` +
        `so nothing was created: pulumi-wpengine never takes over what it did not create. Fix: ${fix}.`,
    );
    this.kind = found.kind;
    this.identifier = redactKnownSecrets(found.identifier);
    this.scope = redactKnownSecrets(found.scope);
    this.existingId = found.existingId;
    this.fix = redactKnownSecrets(fix);
  }
}
setName(AlreadyExistsError, "AlreadyExistsError");

/** What an API error response carried. */
export interface ApiErrorInit extends RequestTarget {
  /** HTTP status code. */
  status: number;
  /** The `x-request-id` response header, for WP Engine support. */
  requestId?: string | undefined;
  /** The `message` of the error body. */
  apiMessage?: string | undefined;
  /** The `documentation_url` of the error body. */
  documentationUrl?: string | undefined;
  /** The `errors` of the error body. */
  fieldErrors?: readonly FieldError[] | undefined;
  /** The `Retry-After` delay, when the response had one. */
  retryAfterMs?: number | undefined;
  /** Set when the client stopped because `Retry-After` asked for more than this much budget left. */
  retryBudgetLeftMs?: number | undefined;
}

function formatFieldError(e: FieldError): string {
  const where = [e.resource, e.field].filter((s) => s !== "").join(".");
  const what = [e.type, e.message || e.code].filter((s) => s !== "").join(": ");
  return where === "" ? what : `${where}: ${what}`;
}

/** The API answered with an error status. Subclasses by status: 400, 401, 403, 404, 429, 5xx. */
export class ApiError extends WpEngineError {
  /** HTTP status code. */
  readonly status: number;
  /** HTTP method of the failed request. */
  readonly method: string;
  /** Path (with query) of the failed request, relative to the base URL. */
  readonly path: string;
  /** The `x-request-id` response header, for WP Engine support. */
  readonly requestId: string | undefined;
  /** The `message` of the API's error body. */
  readonly apiMessage: string | undefined;
  /** The `documentation_url` of the API's error body. */
  readonly documentationUrl: string | undefined;
  /** The `errors` of the API's error body (empty when none). */
  readonly fieldErrors: readonly FieldError[];

  /**
   * @param hint - Appended to the message; says how to fix the problem when that is known.
   */
  constructor(init: ApiErrorInit, hint?: string) {
    const fieldErrors = (init.fieldErrors ?? []).map((e) => ({
      resource: redactKnownSecrets(e.resource),
      field: redactKnownSecrets(e.field),
      type: redactKnownSecrets(e.type),
      code: redactKnownSecrets(e.code),
      message: redactKnownSecrets(e.message),
    }));
    const statusText = STATUS_CODES[init.status] ?? "Unknown Status";
    let message = `${init.method} ${init.path} failed: ${init.status} ${statusText}`;
    if (init.apiMessage) message += `: ${init.apiMessage}`;
    if (fieldErrors.length > 0) message += ` (${fieldErrors.map(formatFieldError).join("; ")})`;
    if (hint) message += `. ${hint}`;
    if (init.retryAfterMs !== undefined && init.retryBudgetLeftMs !== undefined) {
      const wait = Math.ceil(init.retryAfterMs / 1000);
      message +=
        `. The API asked to wait ${wait} s (Retry-After), more than the ${Math.round(init.retryBudgetLeftMs / 1000)} s left of the client's retry budget, ` +
        `so the client stopped waiting: run the command again in ${wait} s, or raise WPENGINE_RETRY_BUDGET_MS`;
    }
    message += attemptsSuffix(init.attempts);
    if (init.requestId) message += ` [request id ${init.requestId}]`;
    super(message);
    this.status = init.status;
    this.method = init.method;
    this.path = redactKnownSecrets(init.path);
    this.requestId = init.requestId;
    this.apiMessage = init.apiMessage === undefined ? undefined : redactKnownSecrets(init.apiMessage);
    this.documentationUrl = init.documentationUrl;
    this.fieldErrors = fieldErrors;
  }
}
setName(ApiError, "ApiError");

/** 400: the API rejected the request (see `apiMessage` and `fieldErrors`). */
export class BadRequestError extends ApiError {}
setName(BadRequestError, "BadRequestError");

/** 401: the credentials were rejected. The message says where to fix them. */
export class AuthenticationError extends ApiError {
  constructor(init: ApiErrorInit) {
    super(
      init,
      "Check the API credentials: the Pulumi config wpengine:apiUserId / wpengine:apiPassword " +
        "(`pulumi config set --secret wpengine:apiPassword ...`) or the environment variables " +
        "WPENGINE_API_USER_ID / WPENGINE_API_PASSWORD",
    );
  }
}
setName(AuthenticationError, "AuthenticationError");

/** 403: the credentials are valid but do not grant access to this resource. */
export class PermissionDeniedError extends ApiError {}
setName(PermissionDeniedError, "PermissionDeniedError");

/** 404: the resource does not exist (or is not visible to these credentials). */
export class NotFoundError extends ApiError {}
setName(NotFoundError, "NotFoundError");

/** 429: rate limited, after the client's own retries. */
export class RateLimitError extends ApiError {
  /** How long the API asked to wait (`Retry-After`), when it said. */
  readonly retryAfterMs: number | undefined;

  constructor(init: ApiErrorInit) {
    super(
      init,
      init.retryAfterMs === undefined
        ? "The API is rate limiting requests; try again later"
        : init.retryBudgetLeftMs !== undefined
          ? "The API is rate limiting requests"
          : `The API is rate limiting requests; it asked to wait ${Math.ceil(init.retryAfterMs / 1000)} s`,
    );
    this.retryAfterMs = init.retryAfterMs;
  }
}
setName(RateLimitError, "RateLimitError");

/** 5xx: the API failed. */
export class InternalServerError extends ApiError {}
setName(InternalServerError, "InternalServerError");

/** The raw material of an error response. */
export interface ErrorResponse extends RequestTarget {
  status: number;
  /** The parsed JSON body, or the raw text when it was not JSON, or undefined when empty. */
  body: unknown;
  requestId?: string | undefined;
  retryAfterMs?: number | undefined;
  /** Set when the retry budget ended a wait the API asked for (see {@link ApiErrorInit}). */
  retryBudgetLeftMs?: number | undefined;
}

/**
 * Builds the {@link ApiError} subclass for an error response. A body that does not match the
 * documented error shape is not an error in itself: the status alone still makes a useful error.
 */
export function errorFromResponse(response: ErrorResponse): ApiError {
  const parsed = ApiErrorBodySchema.safeParse(response.body);
  const init: ApiErrorInit = {
    status: response.status,
    method: response.method,
    path: response.path,
    attempts: response.attempts,
    requestId: response.requestId,
    retryAfterMs: response.retryAfterMs,
    retryBudgetLeftMs: response.retryBudgetLeftMs,
    apiMessage: parsed.success ? parsed.data.message : undefined,
    documentationUrl: parsed.success ? parsed.data.documentation_url : undefined,
    fieldErrors: parsed.success ? parsed.data.errors : [],
  };
  switch (response.status) {
    case 400:
      return new BadRequestError(init);
    case 401:
      return new AuthenticationError(init);
    case 403:
      return new PermissionDeniedError(init);
    case 404:
      return new NotFoundError(init);
    case 429:
      return new RateLimitError(init);
    default:
      return response.status >= 500 ? new InternalServerError(init) : new ApiError(init);
  }
}
