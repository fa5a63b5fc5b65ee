/**
 * The client's modules, loaded on first use by the lookups and usage reads. Why: they pull in zod and
 * the HTTP stack (about 100 modules; `require("pulumi-wpengine")` took 77 ms with them and 4 ms
 * without, timed after `@pulumi/pulumi` was loaded), which a program that only declares resources
 * never needs. tests/sdk/lazyLoad.spec.ts keeps it so.
 */
import type * as client from "../provider/client/client";
import type * as config from "../provider/client/config";
import type * as paginate from "../provider/client/paginate";

/** `provider/client/client` and `provider/client/config`, loaded when first asked for. */
export function clientModules(): { client: typeof client; config: typeof config } {
  return {
    client: require("../provider/client/client") as typeof client,
    config: require("../provider/client/config") as typeof config,
  };
}

/** {@link paginate.collect}, loaded when first called. */
export function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  return (require("../provider/client/paginate") as typeof paginate).collect(items);
}
