/**
 * The client's paging helper, loaded on first use. Why: the client modules pull in zod and the HTTP
 * stack (about 100 modules, some 70 ms of loading in every program run, measured with
 * `npm run bench:profile`), which a program that only declares resources never needs.
 */
import type * as paginate from "../provider/client/paginate";

/** {@link paginate.collect}, loaded when first called. */
export function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  return (require("../provider/client/paginate") as typeof paginate).collect(items);
}
