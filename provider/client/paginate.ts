/**
 * Paged lists (`/accounts`, `/sites`, `/installs`): `limit`/`offset`, answering
 * `{previous, next, count, results}`. A list is either complete or an error: the iterator fails
 * loudly when a page fails (after the HTTP layer's retries), when `count` changes between pages,
 * or when the number of items read does not match `count` at the end. A silently partial list
 * would make a resource look deleted.
 */
import type { z } from "zod";
import { PaginationError } from "./errors";
import { describePath, type Requester } from "./http";
import { pageSchema } from "./schemas";
import { parseResponse } from "./validate";

/** The largest page the API serves. */
export const PAGE_SIZE = 100;

/** Options of {@link paginate}. */
export interface PaginateOptions {
  /** The client operation named in errors, e.g. `listSites`. */
  operation?: string;
  /** Items per page (1..100, default 100). */
  pageSize?: number;
}

type Query = Record<string, string | number>;

/**
 * Iterates every item of a paged list, following each page's `next` link.
 *
 * @param http - Sends the requests (the client's {@link HttpClient}).
 * @param path - The list path relative to the base URL, e.g. `/sites`.
 * @param itemSchema - Validates (and types) each item.
 * @param query - Extra query parameters, e.g. `{account_id}`.
 * @throws PaginationError on an inconsistent list or a `next` link to another origin or path;
 * any error of the HTTP layer for a failed page; ResponseValidationError for a malformed page.
 */
export async function* paginate<T>(
  http: Requester,
  path: string,
  itemSchema: z.ZodType<T>,
  query: Query = {},
  options: PaginateOptions = {},
): AsyncGenerator<T, void, undefined> {
  const operation = options.operation ?? `GET ${path}`;
  const schema = pageSchema(itemSchema);
  let next: { path: string; query: Query } | undefined = {
    path,
    query: { ...query, limit: options.pageSize ?? PAGE_SIZE, offset: 0 },
  };
  let expected: number | undefined;
  let read = 0;
  const visited = new Set<string>();

  while (next !== undefined) {
    const shown = describePath(next.path, next.query);
    if (visited.has(shown)) {
      throw new PaginationError(path, `the API's next link points back to a page already read (${shown})`);
    }
    visited.add(shown);
    const response = await http.request({ method: "GET", path: next.path, query: next.query, operation });
    const page = parseResponse(schema, response.body, operation, { method: "GET", path: shown });

    if (expected === undefined) {
      expected = page.count;
    } else if (page.count !== expected) {
      throw new PaginationError(
        path,
        `the total count changed from ${expected} to ${page.count} between pages (the list changed while it was read); try again`,
      );
    }
    if (read + page.results.length > expected) {
      throw new PaginationError(
        path,
        `the API reported ${expected} items but returned more (${read + page.results.length} so far)`,
      );
    }
    for (const item of page.results) {
      read++;
      yield item;
    }

    if (page.next) {
      if (page.results.length === 0) {
        throw new PaginationError(path, `an empty page (${shown}) has a next link; refusing to loop`);
      }
      next = followNext(http.baseUrl, path, page.next);
    } else {
      next = undefined;
    }
  }

  if (read !== expected) {
    throw new PaginationError(path, `the API reported ${expected} items but returned ${read}`);
  }
}

/**
 * Turns a `next` link into a request. It must point to the same origin and list path as the base
 * URL: following a link elsewhere would send the credentials there.
 */
export function followNext(baseUrl: URL, listPath: string, link: string): { path: string; query: Query } {
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
  return { path: listPath, query: Object.fromEntries(url.searchParams) };
}

/** Reads an async iterable to the end; a failing page rejects, so a partial list is never returned. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
