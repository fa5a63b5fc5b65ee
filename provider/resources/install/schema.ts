import { z } from "zod";
import { deletionProtection, EXAMPLE_ACCOUNT_ID, importId, wpeId } from "../fields";

const EXAMPLE_SITE_ID = "28c78b6d-c2da-4f09-85f5-1ad588089b2d";

/** Inputs of an `Install`, validated and normalised by `check`. */
export const installInputs = z.object({
  accountId: wpeId("account", EXAMPLE_ACCOUNT_ID),
  name: z
    .string({ error: "name must be a string" })
    .trim()
    // WP Engine's install names are lower case (they are host names): "TorqueMag" is "torquemag".
    .toLowerCase()
    .refine((v) => /^[a-z][a-z0-9]{2,13}$/.test(v), {
      error: (issue) =>
        `name ${JSON.stringify(issue.input)} is not an install name WP Engine accepts: 3 to 14 lowercase letters and digits, ` +
        'starting with a letter (it becomes <name>.wpengine.com), e.g. "torquemagpr123". Names are unique across all of WP Engine.',
    }),
  siteId: wpeId("site", EXAMPLE_SITE_ID).optional(),
  environment: z
    .enum(["production", "staging", "development"], {
      error: (issue) =>
        `environment ${JSON.stringify(issue.input)} is not one WP Engine knows; use "production", "staging" or "development".`,
    })
    .optional(),
  deletionProtection: deletionProtection.default(true),
  importId: importId.optional(),
});

/** Validated Install inputs. */
export type InstallInputs = z.infer<typeof installInputs>;
