/** What a route handler gets, and the helpers handlers share. */
import { ApiFailure, type Reply } from "../http";
import type { Operation } from "../operations";
import type { EmulatorStore } from "../store";

/** The request as a handler sees it: already authenticated and routed. */
export interface RouteContext {
  store: EmulatorStore;
  /** Decoded path parameters by template name. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON body (`undefined` when empty); throws a 400-kind failure for malformed JSON. */
  body(): unknown;
  /** `http://host:port` as the client addressed us, for absolute pagination links. */
  origin: string;
  /** The request path, e.g. `/v1/sites`. */
  pathname: string;
}

/** A route: one documented operation and its handler. Handlers answer replies or throw ApiFailure. */
export interface Route {
  operation: Operation;
  handle(ctx: RouteContext): Reply;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path parameter that must be a UUID; otherwise a malformed_id failure (400 or 404 per the contract). */
export function uuidParam(ctx: RouteContext, name: string, resource: string): string {
  const value = ctx.params[name] ?? "";
  if (!UUID.test(value)) {
    throw new ApiFailure("malformed_id", `${name} must be a UUID.`, resource, name);
  }
  return value.toLowerCase();
}

/** The optional `account_id` query filter of the list operations; must be a single UUID. */
export function accountFilter(ctx: RouteContext): string | undefined {
  const values = ctx.query.getAll("account_id");
  if (values.length === 0) return undefined;
  const value = values[0] ?? "";
  if (values.length > 1 || !UUID.test(value)) {
    throw new ApiFailure("invalid", "account_id must be a UUID.", "Account", "account_id");
  }
  return value.toLowerCase();
}
