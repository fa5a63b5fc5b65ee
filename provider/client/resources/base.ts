/** The base of every resource family: the client's one HTTP layer and the request shapes they share. */
import { PaginationError } from "../errors";
import type { HttpClient } from "../http";
import { parseResponse } from "../validate";

/** Result of a delete: `not_found` means it was already gone, which a destroy treats as success. */
export type DeleteResult = "deleted" | "not_found";

/**
 * One family of API routes (as openai-node's `APIResource`). Every family of a client gets the same
 * {@link HttpClient}, so that retries, the concurrency cap and request logging stay one per client.
 */
export abstract class ApiResource {
  /** The client's HTTP layer, shared by all its families. */
  protected readonly http: HttpClient;

  /** @param http - The HTTP layer of the client this family belongs to. */
  constructor(http: HttpClient) {
    this.http = http;
  }

  /** `GET`s `path` and validates the answer with `schema`. */
  protected async get<S extends import("zod").ZodType>(
    operation: string,
    path: string,
    schema: S,
    query?: Record<string, string | number>,
  ): Promise<import("zod").output<S>> {
    const response = await this.http.request({ method: "GET", path, operation, query });
    return parseResponse(schema, response.body, operation, { method: "GET", path });
  }

  /** `PATCH`es `path` with `body` and validates the answer with `schema`. */
  protected async patch<S extends import("zod").ZodType>(
    operation: string,
    path: string,
    body: unknown,
    schema: S,
  ): Promise<import("zod").output<S>> {
    const response = await this.http.request({ method: "PATCH", path, body, operation });
    return parseResponse(schema, response.body, operation, { method: "PATCH", path });
  }

  /** `DELETE`s `path`; a 404 is `not_found` (already gone) rather than an error. */
  protected async delete(operation: string, path: string): Promise<DeleteResult> {
    const response = await this.http.request({
      method: "DELETE",
      path,
      operation,
      acceptStatuses: [404],
    });
    return response.status === 404 ? "not_found" : "deleted";
  }

  /**
   * Follows `next_page_token` (sent back as `offset`) until a page has none. A token seen twice would
   * loop forever, so it fails the read instead.
   */
  protected async *tokenPages<T>(
    operation: string,
    path: string,
    query: Record<string, string | number>,
    page: (query: Record<string, string | number>) => Promise<{ items: T[]; next: string | null }>,
  ): AsyncGenerator<T, void, undefined> {
    const seen = new Set<string>();
    let token: string | null = null;
    do {
      const { items, next } = await page(token === null ? query : { ...query, offset: token });
      yield* items;
      token = next === "" ? null : next;
      if (token !== null && seen.has(token)) {
        throw new PaginationError(path, `${operation} answered the next_page_token "${token}" twice`);
      }
      if (token !== null) seen.add(token);
    } while (token !== null);
  }
}

/** Leaves out keys whose value is undefined (the API treats an absent field and null differently). */
export function defined<T extends Record<string, unknown>>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>;
}
