/**
 * The team the benchmark manages, generated from a size: the same rule as the bench program
 * (tests/e2e/programs/bench/index.js), so the baseline script sends exactly the bodies Pulumi sends.
 */

/** The role every generated user starts with. */
export const BASE_ROLE = "full";

/** The role the first `changed` users get in the role-change step. */
export const CHANGED_ROLE = "full,billing";

/** One generated account user. */
export interface BenchUser {
  /** Pulumi resource name, e.g. `user-007`. */
  name: string;
  accountId: string;
  email: string;
  firstName: string;
  lastName: string;
  roles: string;
}

/**
 * The users of a bench stack of size `n`, spread round robin over `accountIds`; the first
 * `changed` of them have {@link CHANGED_ROLE}.
 */
export function benchUsers(n: number, accountIds: readonly string[], changed = 0): BenchUser[] {
  if (accountIds.length === 0) throw new Error("benchUsers needs at least one account id");
  return Array.from({ length: n }, (_, i) => {
    const id = String(i).padStart(3, "0");
    return {
      name: `user-${id}`,
      accountId: accountIds[i % accountIds.length] as string,
      email: `bench.user.${id}@example.com`,
      firstName: "Bench",
      lastName: `User ${id}`,
      roles: i < changed ? CHANGED_ROLE : BASE_ROLE,
    };
  });
}

/** How many users the role-change step changes: 10% of the team, at least one. */
export function changedCount(n: number): number {
  return Math.max(1, Math.round(n / 10));
}
