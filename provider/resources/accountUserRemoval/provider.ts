import type * as pulumi from "@pulumi/pulumi";
import type { WpEngineClient } from "../../client/client";
import { UpdateLedger } from "../accountUser/ledger";
import { runCheck } from "../check";
import { providerError } from "../errors";
import { containsUnknown } from "../unknown";
import { lockoutRefusals } from "./guard";
import { type AccountUserRemovalInputs, accountUserRemovalInputs, type RemovalTarget } from "./schema";

/** The output state of an `AccountUserRemoval`: its inputs plus what the last write removed. */
export interface AccountUserRemovalOutputs extends Record<string, unknown> {
  accountId: string;
  users: RemovalTarget[];
  allowOwnerLockout: boolean;
  /** Emails the last `up` removed (or found already gone), sorted. */
  removed: string[];
}

/**
 * The engine side of `wpengine:AccountUserRemoval`: removes the account users an `AccountTeam` found
 * in the account but not declared, when `removeUnmanaged` is on. It exists so that a removal is a step
 * of the plan, visible in `pulumi preview`, and only written at `up`: `check` and `diff` make no API
 * call. Before deleting anything it re-reads the account and applies the lockout guard; a refusal
 * fails the step before any user is removed.
 */
export class AccountUserRemovalProvider implements pulumi.dynamic.ResourceProvider {
  constructor(
    private readonly client: () => WpEngineClient,
    private readonly ledger: UpdateLedger = new UpdateLedger(),
  ) {}

  /** Validates the inputs (no API calls). */
  async check(
    _olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.CheckResult> {
    return runCheck(accountUserRemovalInputs, news);
  }

  /**
   * The list is read fresh at program time, so any entry is a user that exists now and must go: a
   * non-empty list is a change, an empty one is not (after a removal the next run is a no-op). A list
   * not known yet (preview of a value computed elsewhere) is a possible change: it may remove people.
   */
  async diff(
    _id: string,
    _olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.DiffResult> {
    if (containsUnknown(news.users) || containsUnknown(news.accountId)) return { changes: true };
    const users = Array.isArray(news.users) ? news.users : [];
    return { changes: users.length > 0 };
  }

  /** Removes the listed users (a no-op for an empty list). */
  async create(news: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
    const inputs = accountUserRemovalInputs.parse(news);
    return { id: `${inputs.accountId}/unmanaged`, outs: await this.remove(inputs) };
  }

  /** Removes the listed users. */
  async update(
    _id: string,
    _olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.UpdateResult> {
    return { outs: await this.remove(accountUserRemovalInputs.parse(news)) };
  }

  /** Nothing to read back: the resource records a past action, so refresh keeps it as it is. */
  async read(id: string, props: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult> {
    return { id, props };
  }

  /** Forgetting a removal restores nobody: deleting the resource makes no API call. */
  async delete(): Promise<void> {}

  private async remove(inputs: AccountUserRemovalInputs): Promise<AccountUserRemovalOutputs> {
    const base = {
      accountId: inputs.accountId,
      users: inputs.users,
      allowOwnerLockout: inputs.allowOwnerLockout === true,
    };
    if (inputs.users.length === 0) return { ...base, removed: [] };
    const api = this.client();
    const subject = `${inputs.users.length} unmanaged user(s) of account ${inputs.accountId}`;
    try {
      const [account, me] = await Promise.all([api.listAccountUsers(inputs.accountId), api.getCurrentUser()]);
      const ids = new Set(inputs.users.map((u) => u.userId));
      // A user that an AccountUser of this update created or adopted is managed now: never removed.
      const present = account.filter(
        (u) => ids.has(u.user_id) && !this.ledger.isClaimed(inputs.accountId, u.user_id),
      );
      if (!inputs.allowOwnerLockout) {
        const refusals = lockoutRefusals(account, ids, me.email);
        if (refusals.length) {
          throw new Error(
            `refused to remove ${refusals.map((r) => `${r.email} (${r.reason})`).join(", ")}. ` +
              "Nothing was removed: removing them could lock the account (or this pipeline) out of WP Engine. " +
              "Declare them in the AccountTeam, add another owner first, or set `allowOwnerLockout: true` on the AccountTeam if you really mean it.",
          );
        }
      }
      for (const u of present) await api.deleteAccountUser(inputs.accountId, u.user_id);
      const removed = inputs.users
        .filter((u) => !this.ledger.isClaimed(inputs.accountId, u.userId))
        .map((u) => u.email)
        .sort();
      return { ...base, removed };
    } catch (err) {
      throw providerError("AccountUserRemoval", "remove", subject, err);
    }
  }
}
