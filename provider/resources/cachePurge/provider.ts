import { z } from "zod";
import type { WpEngineClient } from "../../client/client";
import { PURGE_TYPES } from "../../client/schemas";
import { ActionProvider } from "../action";
import { EXAMPLE_INSTALL_ID, triggers, wpeId } from "../fields";

/** Inputs of a `CachePurge`, validated and normalised by `check`. */
export const cachePurgeInputs = z.object({
  installId: wpeId("install", EXAMPLE_INSTALL_ID),
  cacheType: z
    .enum(PURGE_TYPES, {
      error: (issue) =>
        `cacheType ${JSON.stringify(issue.input)} is not a cache WP Engine can purge; use "all", "page", "object" or "cdn".`,
    })
    .optional(),
  triggers: triggers.optional(),
});

/** Validated CachePurge inputs. */
export type CachePurgeInputs = z.infer<typeof cachePurgeInputs>;

/**
 * The engine-side implementation of `wpengine:CachePurge`: purges an install's cache (all of it by
 * default) once, and again only when `triggers` (e.g. `{ gitSha }`) change; a new install id or cache
 * type is recorded without purging.
 */
export function cachePurgeProvider(client: () => WpEngineClient): ActionProvider<CachePurgeInputs> {
  return new ActionProvider<CachePurgeInputs>({
    type: "CachePurge",
    schema: cachePurgeInputs,
    subject: (props) => `the ${String(props.cacheType ?? "all")} cache of install ${String(props.installId)}`,
    perform: (inputs) => client().purgeCache(inputs.installId, inputs.cacheType ?? "all"),
  });
}
