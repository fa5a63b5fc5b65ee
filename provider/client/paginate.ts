/**
 * Paged lists (`/accounts`, `/sites`, `/installs`): `limit`/`offset`, answering
 * `{previous, next, count, results}` (only `results` is relied on: the contract requires none of them).
 * A list is either complete or an error; a silently partial list would make a resource look deleted.
 *
 * A busy account changes while it is read. Offset paging then shifts items across page boundaries: a
 * removal before the current offset skips an item, an insertion repeats one, and one of each keeps
 * `count` unchanged. So every page after the first is requested one item early: its first item must be
 * the previous page's last. A mismatch, a changed `count`, a repeated id or a total that does not match
 * `count` means the list moved; the walk starts over (at most {@link MAX_WALKS} walks) and only a list
 * that keeps changing fails. With the overlap every item that exists for the whole walk is read exactly
 * once, at no extra request for lists that span pages of 100 (225 items still take 3 requests).
 *
 * `next` links are followed for their path and offset only; the caller's filters (e.g. `account_id`)
 * are kept on every page, since the contract's example links carry just `limit` and `offset`.
 */
import type { z } from "zod";
import { PaginationError } from "./errors";
import { describePath, type Requester } from "./http";
import { pageSchema } from "./schemas";
import { parseResponse } from "./validate";

/** The largest page the API serves. */
export const PAGE_SIZE = 100;

/** How many times a list is walked before a list that keeps changing fails. */
export const MAX_WALKS = 3;

/** Options of {@link paginate}. */
export interface PaginateOptions {
  /** The client operation named in errors, e.g. `listSites`. */
  operation?: string;
  /** Items per page (1..100, default 100). */
  pageSize?: number;
  /** Walks before giving up on a list that keeps changing (default {@link MAX_WALKS}). */
  maxWalks?: number;
}

type Query = Record<string, string | number>;

/** Paging parameters: everything else in a query is a filter. */
const PAGING_KEYS = new Set(["limit", "offset"]);

/** Why a walk has to start over (the list changed under it). */
class ListMoved extends Error {}

function idOf(item: unknown): string | undefined {
  const id = typeof item === "object" && item !== null ? (item as { id?: unknown }).id : undefined;
  return typeof id === "string" ? id.toLowerCase() : undefined;
}

/**
 * Iterates every item of a paged list, following each page's `next` link. Items are yielded once
 * the walk is known to be consistent.
 *
 * @param http - Sends the requests (the client's {@link HttpClient}).
 * @param path - The list path relative to the base URL, e.g. `/sites`.
 * @param itemSchema - Validates (and types) each item.
 * @param query - Extra query parameters (filters), e.g. `{account_id}`; kept on every page.
 * @throws PaginationError when the list keeps changing, or on a `next` link to another origin, path
 * or filter, or one that loops; any error of the HTTP layer for a failed page; ResponseValidationError
 * for a malformed page.
 */
export async function* paginate<T>(
  http: Requester,
  path: string,
  itemSchema: z.ZodType<T>,
  query: Query = {},
  options: PaginateOptions = {},
): AsyncGenerator<T, void, undefined> {
  const maxWalks = options.maxWalks ?? MAX_WALKS;
  let why = "";
  for (let walk = 1; walk <= maxWalks; walk++) {
    try {
      const items = await walkOnce(http, path, itemSchema, query, options);
      yield* items;
      return;
    } catch (err) {
      if (!(err instanceof ListMoved)) throw err;
      why = err.message;
    }
  }
  throw new PaginationError(
    path,
    `the list kept changing while it was read (${maxWalks} attempts, last: ${why}); try again when the account is quieter`,
  );
}

async function walkOnce<T>(
  http: Requester,
  path: string,
  itemSchema: z.ZodType<T>,
  query: Query,
  options: PaginateOptions,
): Promise<T[]> {
  const operation = options.operation ?? `GET ${path}`;
  const schema = pageSchema(itemSchema);
  const filters = Object.fromEntries(Object.entries(query).filter(([k]) => !PAGING_KEYS.has(k)));
  let next: { path: string; query: Query } | undefined = {
    path,
    query: { ...query, limit: options.pageSize ?? PAGE_SIZE, offset: 0 },
  };
  let expected: number | undefined;
  let overlap: string | undefined;
  const out: T[] = [];
  const seen = new Set<string>();
  const visited = new Set<string>();

  while (next !== undefined) {
    const shown = describePath(next.path, next.query);
    if (visited.has(shown)) {
      throw new PaginationError(path, `the API's next link points back to a page already read (${shown})`);
    }
    visited.add(shown);
    const response = await http.request({ method: "GET", path: next.path, query: next.query, operation });
    const page = parseResponse(schema, response.body, operation, { method: "GET", path: shown });

    if (page.count !== undefined && page.count !== null) {
      if (expected === undefined) expected = page.count;
      else if (page.count !== expected) {
        throw new ListMoved(`the total count changed from ${expected} to ${page.count} between pages`);
      }
    }
    let results = page.results;
    if (overlap !== undefined) {
      const first = idOf(results[0]);
      if (first !== overlap) {
        throw new ListMoved(
          `the items shifted between pages (${shown} does not start where the last page ended)`,
        );
      }
      results = results.slice(1);
    }
    for (const item of results) {
      const id = idOf(item);
      if (id !== undefined) {
        if (seen.has(id)) throw new ListMoved(`item ${id} appeared twice`);
        seen.add(id);
      }
      out.push(item);
    }
    if (expected !== undefined && out.length > expected) {
      throw new ListMoved(`the API reported ${expected} items but returned more (${out.length} so far)`);
    }

    if (page.next) {
      if (results.length === 0) {
        throw new PaginationError(path, `an empty page (${shown}) has a next link; refusing to loop`);
      }
      const link = followNext(http.baseUrl, path, page.next, filters);
      const last = idOf(page.results[page.results.length - 1]);
      const offset = Number(link.query.offset);
      const limit = Number(link.query.limit);
      // Ask one item early, so the page must start with the one this page ended with.
      if (last !== undefined && Number.isInteger(offset) && offset > 0 && limit >= 2) {
        link.query.offset = String(offset - 1);
        overlap = last;
      } else {
        overlap = undefined;
      }
      next = link;
    } else {
      next = undefined;
    }
  }

  if (expected !== undefined && out.length !== expected) {
    throw new ListMoved(`the API reported ${expected} items but returned ${out.length}`);
  }
  return out;
}

/**
 * Turns a `next` link into a request. It must point to the same origin and list path as the base
 * URL: following a link elsewhere would send the credentials there. The caller's `filters` are put
 * back when the link dropped them; a link that changes one is refused.
 */
export function followNext(
  baseUrl: URL,
  listPath: string,
  link: string,
  filters: Readonly<Query> = {},
): { path: string; query: Query } {
  let url: URL;
  try {
    url = new URL(link, `${baseUrl.href.replace(/\/$/, "")}/`);
  } catch {
    throw new PaginationError(listPath, `the API's next link is not a URL: ${JSON.stringify(link)}`);
  }
  if (url.origin !== baseUrl.origin) {
    throw new PaginationError(
      listPath,
      `refusing to follow the API's next link to another origin (${url.origin}, expected ${baseUrl.origin}): the credentials would be sent there`,
    );
  }
  const basePath = baseUrl.pathname.replace(/\/$/, "");
  if (url.pathname !== `${basePath}${listPath}`) {
    throw new PaginationError(
      listPath,
      `refusing to follow the API's next link to another path (${url.pathname}, expected ${basePath}${listPath})`,
    );
  }
  const query: Query = Object.fromEntries(url.searchParams);
  for (const [key, value] of Object.entries(filters)) {
    const given = query[key];
    if (given !== undefined && String(given) !== String(value)) {
      throw new PaginationError(
        listPath,
        `the API's next link changes the ${key} filter (${String(given)}, asked for ${String(value)}); refusing to mix lists`,
      );
    }
    query[key] = value;
  }
  return { path: listPath, query };
}

/** Reads an async iterable to the end; a failing page rejects, so a partial list is never returned. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
