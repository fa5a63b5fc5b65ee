import { z } from "zod";
import { deletionProtection, EXAMPLE_ACCOUNT_ID, importId, wpeId } from "../fields";

const EXAMPLE_SITE_ID = "28c78b6d-c2da-4f09-85f5-1ad588089b2d";

/** Inputs of a `Site`, validated and normalised by `check`. */
export const siteInputs = z.object({
  accountId: wpeId("account", EXAMPLE_ACCOUNT_ID),
  name: z
    .string({ error: "name must be a string" })
    .trim()
    .min(1, { error: "name must not be empty; WP Engine shows it as the site's name in the User Portal" })
    .max(255, { error: "name is longer than 255 characters; use a shorter site name" }),
  adoptSiteId: wpeId("site", EXAMPLE_SITE_ID).optional(),
  deletionProtection: deletionProtection.default(true),
  importId: importId.optional(),
});

/** Validated Site inputs. */
export type SiteInputs = z.infer<typeof siteInputs>;
