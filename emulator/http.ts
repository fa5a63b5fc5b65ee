/**
 * Small HTTP helpers on top of `node:http`: replies as values (so a fault can swallow a reply after the
 * request was processed), bounded body reading, path splitting, basic-auth parsing and error bodies in
 * the contract's shapes.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { STATUS_CODES } from "node:http";
import { type FailureKind, type Operation, statusFor } from "./operations";

/** A response to be written. `body` undefined means no body (e.g. 204); strings are sent as text. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One entry of a 400 body's `errors` array, as the contract's ResourceError defines it. */
export interface ResourceError {
  resource: string;
  field: string;
  type: string;
  code: string;
  message: string;
}

/**
 * A failure raised by the store or a route. The kind decides the status (through the operation's
 * documented statuses); resource and field feed the `errors` entry when the answer is a 400.
 */
export class ApiFailure extends Error {
  override readonly name = "ApiFailure";
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly resource: string,
    readonly field: string,
    readonly errors: ResourceError[] = [],
  ) {
    super(message);
  }
}

/** Shorthand for a 400-kind failure with one ResourceError. */
export function invalid(
  resource: string,
  field: string,
  code: string,
  message: string,
  type = "invalid_value",
) {
  return new ApiFailure("invalid", message, resource, field, [{ resource, field, type, code, message }]);
}

/** A JSON reply. */
export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return headers ? { status, body, headers } : { status, body };
}

/** A `{message}` error reply; the contract's error bodies all carry at least `message`. */
export function message(status: number, text: string, headers?: Record<string, string>): Reply {
  return json(status, { message: text }, headers);
}

const GENERIC: Record<number, string> = {
  401: "Authentication required",
  403: "You don't have permission to perform that action",
  404: "Not Found",
};

/** Maps a failure onto the operation's documented statuses and the matching error body. */
export function failureReply(operation: Operation, failure: ApiFailure): Reply {
  const status = statusFor(operation, failure.kind);
  if (status === 400) {
    const type = failure.kind === "forbidden" ? "access_error" : "invalid_value";
    const code = failure.kind === "invalid" ? "invalid" : failure.kind;
    const errors =
      failure.errors.length > 0
        ? failure.errors
        : [{ resource: failure.resource, field: failure.field, type, code, message: failure.message }];
    return json(400, { message: failure.message, errors });
  }
  // Why generic text for 403/404: answers must not reveal whether a hidden thing exists.
  const natural =
    (failure.kind === "not_found" && status === 404) || (failure.kind === "forbidden" && status === 403);
  return message(status, natural ? failure.message : (GENERIC[status] ?? STATUS_CODES[status] ?? "Error"));
}

/** Outcome of reading a request body. */
export type BodyResult = { ok: true; data: Buffer } | { ok: false; reason: "too_large" | "aborted" };

/**
 * Reads a request body, keeping at most `limit` bytes. A larger body is drained (up to `drainCap`
 * bytes) so the client still gets a clean answer; past that the socket is destroyed, because a client
 * that keeps sending is not going to read an answer anyway.
 */
export function readBody(req: IncomingMessage, limit: number, drainCap: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: BodyResult) => {
      if (!settled) {
        settled = true;
        resolve(result);
      }
    };
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > drainCap) {
        req.socket.destroy();
        settle({ ok: false, reason: "too_large" });
      }
    });
    req.on("end", () =>
      settle(size > limit ? { ok: false, reason: "too_large" } : { ok: true, data: Buffer.concat(chunks) }),
    );
    req.on("error", () => settle({ ok: false, reason: "aborted" }));
    req.on("close", () => settle({ ok: false, reason: "aborted" }));
  });
}

/** Parses a JSON body; `undefined` for an empty body, a failure for malformed JSON. */
export function parseJsonBody(data: Buffer, resource: string): unknown {
  const text = data.toString("utf8");
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalid(resource, "body", "malformed_json", "The request body is not valid JSON.");
  }
}

/** Splits a request target into decoded path segments and query; `null` when a segment cannot be decoded. */
export function splitTarget(
  target: string,
): { pathname: string; segments: string[]; query: URLSearchParams } | null {
  const q = target.indexOf("?");
  const pathname = q === -1 ? target : target.slice(0, q);
  const query = new URLSearchParams(q === -1 ? "" : target.slice(q + 1));
  const segments: string[] = [];
  for (const raw of pathname.split("/").slice(1)) {
    try {
      segments.push(decodeURIComponent(raw));
    } catch {
      return null;
    }
  }
  return { pathname, segments, query };
}

/** Matches decoded segments against a template like `/installs/{install_id}`; answers path params or null. */
export function matchTemplate(template: string, segments: string[]): Record<string, string> | null {
  const parts = template.split("/").slice(1);
  if (parts.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? "";
    const segment = segments[i] ?? "";
    if (part.startsWith("{") && part.endsWith("}")) params[part.slice(1, -1)] = segment;
    else if (part !== segment) return null;
  }
  return params;
}

/** Credentials from a `Basic` Authorization header, or null when absent or malformed. */
export function parseBasicAuth(header: string | undefined): { user: string; password: string } | null {
  if (!header) return null;
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon === -1) return null;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * Compares two secrets in constant time. Both sides are hashed first so their lengths match, since
 * `timingSafeEqual` would otherwise leak the length (and throw) on different sizes.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const ha = createHash("sha256").update(a).digest();
  const hb = createHash("sha256").update(b).digest();
  return timingSafeEqual(ha, hb);
}

/** Writes a reply. JSON bodies get `application/json`; an undefined body writes none. */
export function writeReply(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  if (reply.body === undefined || reply.status === 204 || reply.status === 304) {
    res.statusCode = reply.status;
    res.end();
    return;
  }
  const isText = typeof reply.body === "string";
  const payload = isText ? String(reply.body) : JSON.stringify(reply.body);
  res.statusCode = reply.status;
  res.setHeader("content-type", isText ? "text/plain; charset=utf-8" : "application/json; charset=utf-8");
  res.setHeader("content-length", Buffer.byteLength(payload));
  res.end(payload);
}

/** True for an RFC 4122-shaped UUID (any version), case-insensitive. */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** True for an address that is plausibly an email: one `@`, no spaces, a dot in the domain. */
export function isEmail(value: unknown): value is string {
  return typeof value === "string" && value.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

/**
 * The minimal profile's error bodies: valid by the contract but worded differently from the default
 * profile's, so a client cannot lean on our wording. A 400 keeps each entry's resource and field, says
 * "not unique" as `invalid_value`/`not_unique` instead of `value_unavailable`/`taken`, and rewords every
 * message; other statuses answer a terse `{message}`.
 */
export function minimalErrorReply(reply: Reply): Reply {
  if (reply.status < 400 || typeof reply.body !== "object" || reply.body === null) return reply;
  const body = reply.body as { errors?: ResourceError[] };
  if (reply.status === 400 && Array.isArray(body.errors)) {
    const errors = body.errors.map((e) =>
      e.code === "taken"
        ? {
            ...e,
            type: "invalid_value",
            code: "not_unique",
            message: "is used by another user of this account",
          }
        : { ...e, message: "is not acceptable" },
    );
    return { ...reply, body: { message: "Validation failed", errors } };
  }
  return { ...reply, body: { message: `Request failed (${reply.status})` } };
}
