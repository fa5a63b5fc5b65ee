import { z } from "zod";
import { isPartial, ROLE_VALUES, type Role, tryParseRole } from "../../client/roles";
import { EXAMPLE_ACCOUNT_ID, EXAMPLE_INSTALL_ID, email, importId, personName, wpeId } from "../fields";

/** Roles as declared: any order, spacing or case of a valid role; normalised to the API's write form. */
const roles = z
  .string({ error: 'roles must be a string such as "partial,billing"' })
  .transform((text, ctx): Role => {
    const role = tryParseRole(text);
    if (!role) {
      ctx.addIssue({
        code: "custom",
        message: `${JSON.stringify(text)} is not a WP Engine role. Use one of: ${ROLE_VALUES.join(" | ")}.`,
      });
      return z.NEVER;
    }
    return role;
  });

/**
 * The inputs of an `AccountUser`, validated and normalised by `check`: roles in canonical form,
 * install ids de-duplicated and sorted (they are a set), names and email trimmed.
 */
export const accountUserInputs = z
  .object({
    accountId: wpeId("account", EXAMPLE_ACCOUNT_ID),
    email,
    firstName: personName("firstName"),
    lastName: personName("lastName"),
    roles,
    installIds: z
      .array(wpeId("install", EXAMPLE_INSTALL_ID), { error: "installIds must be a list of install ids" })
      .transform((ids) => [...new Set(ids.map((id) => id.toLowerCase()))].sort())
      .optional(),
    adopt: z.boolean({ error: "adopt must be true or false" }).optional(),
    allowOwnerLockout: z.boolean({ error: "allowOwnerLockout must be true or false" }).optional(),
    importId: importId.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.roles && v.installIds?.length && !isPartial(v.roles)) {
      ctx.addIssue({
        code: "custom",
        path: ["installIds"],
        message: `installIds only apply to partial roles, but roles is "${v.roles}" (which already grants every install). Remove installIds or use "partial"/"partial,billing".`,
      });
    }
  });

/** Validated AccountUser inputs. */
export type AccountUserInputs = z.infer<typeof accountUserInputs>;
