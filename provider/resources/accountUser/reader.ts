import type { WpEngineClient } from "../../client/client";
import type { AccountUser, User } from "../../client/schemas";
import { SNAPSHOT_MS, Snapshots } from "../snapshots";

/** How long a settled account snapshot serves further reads (see {@link SNAPSHOT_MS}). */
export const SNAPSHOT_TTL_MS = SNAPSHOT_MS;

/**
 * Reads account users for one provider process. Concurrent reads of one account (a refresh reads
 * every user at once) are served by ONE `GET /accounts/{id}/account_users` list call instead of one
 * GET per user; any write to the account invalidates its snapshot. It also remembers who the API
 * credentials belong to (`GET /user`, asked at most once per process). State lives in the provider
 * instance, never at module level.
 */
export class AccountUserReader {
  private readonly snapshots: Snapshots<AccountUser[]>;
  private me?: Promise<User>;
  private readonly adoptionViews: Snapshots<AccountUser[]>;

  constructor(
    private readonly client: () => WpEngineClient,
    now: () => number = Date.now,
  ) {
    const list = (accountId: string) => this.client().listAccountUsers(accountId);
    this.snapshots = new Snapshots(list, now);
    // Only a hint (see seenInAccount), so it serves the whole process: a create of 1,000 users that
    // outlasts SNAPSHOT_MS must not list each account again (measured: 3 extra lists at N = 1,000).
    this.adoptionViews = new Snapshots(list, now, Number.POSITIVE_INFINITY);
  }

  /** The users of an account, from a snapshot at most {@link SNAPSHOT_TTL_MS} old or in flight. */
  usersOf(accountId: string): Promise<AccountUser[]> {
    return this.snapshots.get(accountId);
  }

  /** One user of an account, or undefined when the account no longer has it. */
  async user(accountId: string, userId: string): Promise<AccountUser | undefined> {
    const users = await this.usersOf(accountId);
    return users.find((u) => u.user_id.toLowerCase() === userId.toLowerCase());
  }

  /**
   * Whether a user of this email was in the account when this process first looked, from ONE list
   * per account shared by every create that may adopt (an AccountTeam inviting 100 people sends one
   * list, not 100). Only a hint, so writes do not forget it: a hit is re-read fresh before anything is
   * taken over, and a miss is proven by the POST itself (the API refuses an email the account already
   * has; the caller then looks again, fresh).
   */
  async seenInAccount(accountId: string, email: string): Promise<boolean> {
    const wanted = email.trim().toLowerCase();
    return (await this.adoptionViews.get(accountId)).some((u) => u.email.trim().toLowerCase() === wanted);
  }

  /** Forgets the account's snapshot: called after every write to it. */
  invalidate(accountId: string): void {
    this.snapshots.forget(accountId);
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
