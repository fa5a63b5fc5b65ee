import { accessRank } from "./compare";

/**
 * The lockout guard: a plan must not remove or demote the account's last owner, or the person behind
 * the API credentials (who would lose the access the pipeline runs with), unless the program says so
 * with `allowOwnerLockout: true`.
 */
export function lockoutRisk(olds: Record<string, unknown>): string | undefined {
  if (olds.lastOwner === true) return "the last owner of the account";
  if (olds.isApiUser === true) return "the user behind the API credentials";
  return undefined;
}

/** Whether the role change lowers the user's access (for the last owner: any change away from owner). */
export function isDemotion(olds: Record<string, unknown>, news: Record<string, unknown>): boolean {
  if (olds.lastOwner === true && accessRank(olds.roles) === 3) return accessRank(news.roles) !== 3;
  return accessRank(news.roles) < accessRank(olds.roles);
}

/** The refusal message, naming the action (with the user), why, and the override. */
export function lockoutMessage(action: string, who: string): string {
  return (
    `wpengine:AccountUser refuses to ${action}: this is ${who}. ` +
    "Doing so could lock the account (or this pipeline) out of WP Engine. Add another owner first, or set " +
    "`allowOwnerLockout: true` on this AccountUser (and run `pulumi up` once) if you really mean it."
  );
}
