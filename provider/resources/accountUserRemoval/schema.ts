import { z } from "zod";
import { EXAMPLE_ACCOUNT_ID, email, wpeId } from "../fields";

/** One unmanaged user an `AccountUserRemoval` removes, as the program-time read found it. */
export const removalTarget = z.object({
  userId: z.string({ error: "userId must be the account user's id" }).min(1),
  email,
  roles: z.string({ error: "roles must be a string" }).optional(),
});

/**
 * The inputs of an `AccountUserRemoval`: the account and the users to remove. The list comes from a
 * fresh read at program time, so every entry exists when the plan is made; an empty list is a no-op.
 */
export const accountUserRemovalInputs = z.object({
  accountId: wpeId("account", EXAMPLE_ACCOUNT_ID),
  users: z
    .array(removalTarget, { error: "users must be a list of {userId, email}" })
    .transform((users) =>
      [...users].sort((a, b) => a.email.toLowerCase().localeCompare(b.email.toLowerCase())),
    ),
  allowOwnerLockout: z.boolean({ error: "allowOwnerLockout must be true or false" }).optional(),
});

/** Validated AccountUserRemoval inputs. */
export type AccountUserRemovalInputs = z.infer<typeof accountUserRemovalInputs>;

/** One user the removal was asked to remove. */
export type RemovalTarget = z.infer<typeof removalTarget>;
