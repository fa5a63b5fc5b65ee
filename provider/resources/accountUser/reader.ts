import type { WpEngineClient } from "../../client/client";
import type { AccountUser, User } from "../../client/schemas";

/** How long a settled account snapshot serves further reads (reads of one refresh arrive together). */
export const SNAPSHOT_TTL_MS = 2000;

/**
 * Reads account users for one provider process. Concurrent reads of one account (a refresh reads
 * every user at once) are served by ONE `GET /accounts/{id}/account_users` list call instead of one
 * GET per user; any write to the account invalidates its snapshot. It also remembers who the API
 * credentials belong to (`GET /user`, asked at most once per process). State lives in the provider
 * instance, never at module level.
 */
export class AccountUserReader {
  private readonly snapshots = new Map<string, { users: Promise<AccountUser[]>; settledAt?: number }>();
  private me?: Promise<User>;

  constructor(
    private readonly client: () => WpEngineClient,
    private readonly now: () => number = Date.now,
  ) {}

  /** The users of an account, from a snapshot at most {@link SNAPSHOT_TTL_MS} old or in flight. */
  usersOf(accountId: string): Promise<AccountUser[]> {
    const key = accountId.toLowerCase();
    const hit = this.snapshots.get(key);
    if (hit && (hit.settledAt === undefined || this.now() - hit.settledAt < SNAPSHOT_TTL_MS))
      return hit.users;
    const entry: { users: Promise<AccountUser[]>; settledAt?: number } = {
      users: this.client().listAccountUsers(accountId),
    };
    this.snapshots.set(key, entry);
    entry.users.then(
      () => {
        entry.settledAt = this.now();
      },
      () => {
        if (this.snapshots.get(key) === entry) this.snapshots.delete(key);
      },
    );
    return entry.users;
  }

  /** One user of an account, or undefined when the account no longer has it. */
  async user(accountId: string, userId: string): Promise<AccountUser | undefined> {
    const users = await this.usersOf(accountId);
    return users.find((u) => u.user_id.toLowerCase() === userId.toLowerCase());
  }

  /** Forgets the account's snapshot: called after every write to it. */
  invalidate(accountId: string): void {
    this.snapshots.delete(accountId.toLowerCase());
  }

  /**
   * The email of the person behind the API credentials (`GET /user`, asked at most once per process:
   * a process serves one update, with the credentials of that update).
   */
  async apiUserEmail(): Promise<string> {
    this.me ??= this.client().getCurrentUser();
    this.me.catch(() => {
      this.me = undefined;
    });
    return (await this.me).email.trim().toLowerCase();
  }

  /** Whether `email` belongs to the person behind the API credentials. */
  async isApiUser(email: string): Promise<boolean> {
    return (await this.apiUserEmail()) === email.trim().toLowerCase();
  }
}
