import type { AccountUser } from "../../client/schemas";

/**
 * An unmanaged user the lockout guard keeps, and why: the guard answers one per user it refuses to
 * remove, and nothing for users that are safe to remove.
 */
export interface Refusal {
  /** The refused user's email, as WP Engine stores it. */
  email: string;
  /**
   * Why removing the user would lock the account out, worded to follow "it is", e.g. `the last owner
   * of the account` or `the user behind the API credentials` (joined with "and" when both apply).
   */
  reason: string;
}

/**
 * The lockout guard of unmanaged-user removal, on a fresh read of the account: never the user behind
 * the API credentials (the pipeline would lose its own access), never an owner whose removal would
 * leave the account without an owner (`last_owner`, or every remaining owner is in the same batch).
 * Pure, so the same rule serves the plan (program time) and the write (`up`).
 *
 * @param account - every user of the account, as the API lists them now.
 * @param removeIds - the user ids the batch would remove.
 * @param apiUserEmail - the email of `GET /user` (compared case-insensitively).
 */
export function lockoutRefusals(
  account: readonly Pick<AccountUser, "user_id" | "email" | "roles" | "last_owner">[],
  removeIds: ReadonlySet<string>,
  apiUserEmail: string | undefined,
): Refusal[] {
  const me = apiUserEmail?.trim().toLowerCase();
  const isOwner = (u: { roles: string }) => u.roles === "owner";
  const ownersLeft = account.filter((u) => isOwner(u) && !removeIds.has(u.user_id)).length;
  const refusals: Refusal[] = [];
  for (const u of account) {
    if (!removeIds.has(u.user_id)) continue;
    const reasons: string[] = [];
    if (me && u.email.trim().toLowerCase() === me) reasons.push("the user behind the API credentials");
    if (isOwner(u) && (u.last_owner === true || ownersLeft === 0)) {
      reasons.push(
        u.last_owner === true ? "the last owner of the account" : "an owner, and no owner would remain",
      );
    }
    if (reasons.length) refusals.push({ email: u.email, reason: reasons.join(" and ") });
  }
  return refusals;
}
