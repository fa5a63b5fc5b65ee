/**
 * Dispatch of one API request (under `/v1`) to its route: route matching, basic auth, body size and
 * the mapping of failures to documented statuses. Pure with respect to the socket, so the server can
 * decide afterwards to answer, delay, or drop the answer (faults).
 */
import {
  ApiFailure,
  constantTimeEqual,
  failureReply,
  matchTemplate,
  message,
  minimalErrorReply,
  parseBasicAuth,
  parseJsonBody,
  type Reply,
} from "./http";
import { routeName } from "./operations";
import { ROUTES } from "./routes";
import type { EmulatorStore } from "./store";

/** The API base path, as the swagger's `basePath`. */
export const BASE_PATH = "/v1";

/** Credentials the emulator accepts. */
export interface Credentials {
  apiUserId: string;
  apiPassword: string;
}

/** An API request after the body was read. */
export interface ApiRequest {
  method: string;
  pathname: string;
  /** Decoded path segments, `/v1` included. */
  segments: string[];
  query: URLSearchParams;
  authorization: string | undefined;
  /** The body, or `"too_large"` when it exceeded the limit. */
  body: Buffer | "too_large";
  /** `http://host:port` as addressed by the client. */
  origin: string;
}

/** A reply with the route it was logged under. */
export interface ApiOutcome {
  reply: Reply;
  route: string;
  /** Set for unexpected errors (bugs), so the server can report them. */
  error?: unknown;
}

/** The largest API body accepted, in bytes. */
export const API_BODY_LIMIT = 1024 * 1024;

function unmatched(
  method: string,
  status: number,
  text: string,
  headers?: Record<string, string>,
): ApiOutcome {
  return { reply: message(status, text, headers), route: `${method} (unmatched)` };
}

/** True when the Authorization header carries the accepted credentials (compared in constant time). */
export function isAuthorized(header: string | undefined, credentials: Credentials): boolean {
  const given = parseBasicAuth(header);
  if (!given) return false;
  // Why both comparisons always run: an early exit would time-leak which half was wrong.
  const userOk = constantTimeEqual(given.user, credentials.apiUserId);
  const passwordOk = constantTimeEqual(given.password, credentials.apiPassword);
  return userOk && passwordOk;
}

function findRoute(method: string, segments: string[]) {
  if (segments[0] !== "v1") return { candidates: [], hit: undefined };
  const rest = segments.slice(1);
  const candidates = ROUTES.map((route) => ({
    route,
    params: matchTemplate(route.operation.template, rest),
  })).filter(
    (c): c is { route: (typeof ROUTES)[number]; params: Record<string, string> } => c.params !== null,
  );
  return { candidates, hit: candidates.find((c) => c.route.operation.method === method) };
}

/** The request-log route name of a request, without running it: `"GET /sites/{site_id}"` or `"GET (unmatched)"`. */
export function routeNameFor(method: string, segments: string[]): string {
  const { hit } = findRoute(method, segments);
  return hit ? routeName(hit.route.operation) : `${method} (unmatched)`;
}

/** Routes, authenticates and runs one API request. Never throws. */
export function dispatchApi(store: EmulatorStore, credentials: Credentials, request: ApiRequest): ApiOutcome {
  const outcome = dispatch(store, credentials, request);
  const reply = store.config.profile === "minimal" ? minimalErrorReply(outcome.reply) : outcome.reply;
  // Some operations document their errors without a body (e.g. `DELETE /ssh_keys/{id}`): answer them bare.
  const bodiless = findRoute(request.method, request.segments).hit?.route.operation.bodiless ?? [];
  if (!bodiless.includes(reply.status)) return { ...outcome, reply };
  const { body: _dropped, ...bare } = reply;
  return { ...outcome, reply: bare };
}

function dispatch(store: EmulatorStore, credentials: Credentials, request: ApiRequest): ApiOutcome {
  const { method, segments } = request;
  const { candidates, hit } = findRoute(method, segments);
  if (candidates.length === 0) return unmatched(method, 404, "Not Found");
  if (!hit) {
    const allow = candidates.map((c) => c.route.operation.method).join(", ");
    return unmatched(method, 405, "Method Not Allowed", { allow });
  }
  const { route, params } = hit;
  const operation = route.operation;
  const name = routeName(operation);
  if (operation.auth && !isAuthorized(request.authorization, credentials)) {
    const text = request.authorization ? "Bad Credentials" : "Authentication required";
    return { reply: message(401, text, { "www-authenticate": 'Basic realm="WP Engine API"' }), route: name };
  }
  if (request.body === "too_large") {
    return { reply: message(413, `The request body is larger than ${API_BODY_LIMIT} bytes.`), route: name };
  }
  const data = request.body;
  try {
    const reply = route.handle({
      store,
      params,
      query: request.query,
      body: () => parseJsonBody(data, operation.id),
      origin: request.origin,
      pathname: request.pathname,
    });
    return { reply, route: name };
  } catch (error) {
    if (error instanceof ApiFailure) return { reply: failureReply(operation, error), route: name };
    return {
      reply: message(500, "An unexpected error occurred, please try again in a few minutes"),
      route: name,
      error,
    };
  }
}
