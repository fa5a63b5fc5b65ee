/**
 * Offset pagination exactly as the contract documents it: `limit` 0..100 (default 100), `offset` >= 0,
 * answers `{previous, next, count, results}` with absolute `next`/`previous` URLs or null.
 */
import { invalid } from "./http";
import type { EmulatorProfile } from "./profile";

/** A validated page request. */
export interface PageRequest {
  limit: number;
  offset: number;
}

/** A page answer, before results are rendered. */
export interface Page<T> {
  previous: string | null;
  next: string | null;
  count: number;
  results: T[];
}

/** An optional integer query parameter within bounds; anything else is a 400 naming it. */
export function integerParam(
  query: URLSearchParams,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const values = query.getAll(name);
  if (values.length === 0) return fallback;
  const raw = values[0] ?? "";
  const bounds = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `from ${min} to ${max}`;
  if (values.length > 1 || !/^\d+$/.test(raw)) {
    throw invalid("Pagination", name, "invalid", `${name} must be an integer ${bounds}.`);
  }
  const value = Number(raw);
  if (value < min || value > max)
    throw invalid("Pagination", name, "out_of_range", `${name} must be an integer ${bounds}.`);
  return value;
}

/** Reads `limit` and `offset`; anything but a plain in-range integer is a 400. */
export function pageRequest(query: URLSearchParams): PageRequest {
  return {
    limit: integerParam(query, "limit", 100, 0, 100),
    offset: integerParam(query, "offset", 0, 0, Number.MAX_SAFE_INTEGER),
  };
}

/**
 * Slices `items` and builds the links. `previous` is null at offset 0 and otherwise points at
 * `max(0, offset - limit)`; `next` is null when the page reaches the end, and also when `limit` is 0
 * (a zero-sized page cannot advance, so a link would loop forever).
 */
export function paginate<T>(items: T[], page: PageRequest, link: (offset: number) => string): Page<T> {
  const { limit, offset } = page;
  const results = items.slice(offset, offset + limit);
  const next = limit > 0 && offset + limit < items.length ? link(offset + limit) : null;
  const previous = offset > 0 ? link(Math.max(0, offset - limit)) : null;
  return { previous, next, count: items.length, results };
}

/**
 * A link builder for a list at `origin + pathname`, keeping the `account_id` filter (the minimal
 * profile drops it, as the contract's example links carry only `limit` and `offset`). The origin comes
 * from the request's Host header, so links work behind whatever address the client used.
 */
export function linkBuilder(
  origin: string,
  pathname: string,
  limit: number,
  accountId?: string,
  profile: EmulatorProfile = "default",
): (offset: number) => string {
  return (offset) => {
    const params = new URLSearchParams({ limit: String(limit), offset: String(offset) });
    if (accountId !== undefined && profile !== "minimal") params.set("account_id", accountId);
    return `${origin}${pathname}?${params.toString()}`;
  };
}

/**
 * The answer body of a page. The minimal profile leaves out what the contract does not require
 * (`previous`, `count`, and `next` on the last page): only `results`, and `next` while there is one.
 */
export function pageBody<T>(
  page: Page<T>,
  profile: EmulatorProfile,
  render: (item: T) => unknown,
): Record<string, unknown> {
  const results = page.results.map(render);
  if (profile === "minimal") return page.next === null ? { results } : { next: page.next, results };
  return { previous: page.previous, next: page.next, count: page.count, results };
}
