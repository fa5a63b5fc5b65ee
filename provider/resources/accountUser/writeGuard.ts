import type { WpEngineClient } from "../../client/client";
import type { AccountUser } from "../../client/schemas";
import { accessRank } from "./compare";
import { lockoutMessage } from "./lockout";
import type { AccountUserReader } from "./reader";

/** What a guarded write does to the user: remove them, or set their role. */
export type GuardedChange = { kind: "remove" } | { kind: "roles"; roles: string };

/**
 * Why `change` would lock the account (or the pipeline) out, judged on the account as listed now:
 * removing or lowering the access of the user behind the API credentials, or taking the owner role
 * from the only owner. Undefined when the change is safe. Pure, so the provider suite tests it alone.
 */
export function lockoutRiskNow(
  account: readonly Pick<AccountUser, "user_id" | "email" | "roles">[],
  target: Pick<AccountUser, "user_id" | "email" | "roles">,
  change: GuardedChange,
  apiUserEmail: string,
): string | undefined {
  const reasons: string[] = [];
  if (losesOwner(target, change)) {
    const others = account.filter((u) => !same(u.user_id, target.user_id) && accessRank(u.roles) === 3);
    if (others.length === 0) reasons.push("the last owner of the account");
  }
  const losesAccess = change.kind === "remove" || accessRank(change.roles) < accessRank(target.roles);
  if (losesAccess && same(target.email, apiUserEmail)) reasons.push("the user behind the API credentials");
  return reasons.length ? reasons.join(" and ") : undefined;
}

function losesOwner(target: Pick<AccountUser, "roles">, change: GuardedChange): boolean {
  return accessRank(target.roles) === 3 && (change.kind === "remove" || accessRank(change.roles) !== 3);
}

function same(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * The lockout guard at write time. State flags (`lastOwner`, `isApiUser`) are only as fresh as the
 * last refresh, so every guarded write decides from the account as the API lists it now: one list
 * call per account, shared by every concurrent write of this process and kept current with the
 * process's own writes, plus `GET /user` once per process (so rotated credentials are seen). A write
 * that takes the owner role away is serialised per account and re-reads the account first, so of two
 * owners removed at once the second sees the first one gone.
 */
export class WriteGuard {
  private readonly views = new Map<string, Promise<AccountUser[]>>();
  private readonly ownerQueue = new Map<string, Promise<unknown>>();

  constructor(
    private readonly client: () => WpEngineClient,
    private readonly reader: AccountUserReader,
  ) {}

  /**
   * Runs `write` (the DELETE or PATCH of `userId`) unless the fresh account says it would lock the
   * account out; a refusal throws before any write. `write` answers the user as it is afterwards
   * (undefined when removed), which keeps the shared view current.
   */
  async run<T extends AccountUser | undefined>(
    accountId: string,
    userId: string,
    change: GuardedChange,
    describe: string,
    write: () => Promise<T>,
  ): Promise<T> {
    const [known, me] = await Promise.all([this.view(accountId), this.reader.apiUserEmail()]);
    let account = known;
    let target = account.find((u) => same(u.user_id, userId));
    // Not in the view (which may predate a change in the portal): read again before believing it gone.
    if (!target) {
      account = await this.view(accountId, true);
      target = account.find((u) => same(u.user_id, userId));
    }
    // Gone: the write itself answers (a DELETE of a missing user counts as removed).
    if (!target) return write();
    if (!losesOwner(target, change))
      return this.apply(accountId, userId, account, change, describe, me, write);
    return this.serialised(accountId, async () => {
      const fresh = await this.view(accountId, true);
      return this.apply(accountId, userId, fresh, change, describe, me, write);
    });
  }

  private async apply<T extends AccountUser | undefined>(
    accountId: string,
    userId: string,
    account: AccountUser[],
    change: GuardedChange,
    describe: string,
    me: string,
    write: () => Promise<T>,
  ): Promise<T> {
    const target = account.find((u) => same(u.user_id, userId));
    if (!target) return write();
    const risk = lockoutRiskNow(account, target, change, me);
    if (risk) throw new Error(lockoutMessage(describe, risk));
    const after = await write();
    // Applied to the view as it is now, not to `account`: concurrent writes each keep their own change.
    const key = accountId.toLowerCase();
    const current = (this.views.get(key) ?? Promise.resolve(account)).catch(() => account);
    this.views.set(
      key,
      current.then((users) => {
        const rest = users.filter((u) => !same(u.user_id, userId));
        return after ? [...rest, after] : rest;
      }),
    );
    return after;
  }

  /** The account as listed at write time; `reread` forces a new list call (owner changes). */
  private view(accountId: string, reread = false): Promise<AccountUser[]> {
    const key = accountId.toLowerCase();
    const known = this.views.get(key);
    if (known && !reread) return known;
    const listed = this.client().listAccountUsers(accountId);
    this.views.set(key, listed);
    listed.catch(() => {
      if (this.views.get(key) === listed) this.views.delete(key);
    });
    return listed;
  }

  /** Runs owner-role changes of one account one at a time, in arrival order. */
  private serialised<T>(accountId: string, fn: () => Promise<T>): Promise<T> {
    const key = accountId.toLowerCase();
    const previous = this.ownerQueue.get(key) ?? Promise.resolve();
    const next = previous.then(fn, fn);
    this.ownerQueue.set(
      key,
      next.catch(() => undefined),
    );
    return next;
  }
}
