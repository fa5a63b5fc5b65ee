import type * as pulumi from "@pulumi/pulumi";
import { isEmailTakenError, type WpEngineClient } from "../../client/client";
import { NotFoundError } from "../../client/errors";
import { isPartial, type Role } from "../../client/roles";
import type { AccountUser } from "../../client/schemas";
import { runCheck } from "../check";
import { providerError } from "../errors";
import { roleOf, sameSet, sameValue } from "./compare";
import { isDemotion, lockoutMessage, lockoutRisk } from "./lockout";
import { type AccountUserOutputs, inputsOf, toOutputs } from "./outputs";
import { AccountUserReader } from "./reader";
import { type AccountUserInputs, accountUserInputs } from "./schema";

/** Inputs that the API cannot change in place: a change replaces the user (delete first: emails are unique). */
const REPLACE_KEYS = ["accountId", "email", "firstName", "lastName"] as const;

/** Options of an {@link AccountUserProvider}. */
export interface AccountUserProviderOptions {
  /**
   * Adopt an existing user with the same email on create, for every AccountUser (stack config
   * `wpengine:adoptExisting`): the recovery after an interrupted `pulumi up` that invited users the
   * state never recorded.
   */
  adoptExisting?: boolean;
}

/**
 * The engine-side implementation of `wpengine:AccountUser`: a WP Engine account user (team member)
 * with roles and, for partial roles, the installs they may access. Names and email are immutable in
 * the API, so changing them replaces the user; roles and installs are patched in place.
 */
export class AccountUserProvider implements pulumi.dynamic.ResourceProvider {
  private readonly reader: AccountUserReader;

  constructor(
    private readonly client: () => WpEngineClient,
    private readonly options: AccountUserProviderOptions = {},
  ) {
    this.reader = new AccountUserReader(client);
  }

  /** Validates and normalises inputs (no API calls). */
  async check(
    _olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.CheckResult> {
    return runCheck(accountUserInputs, news);
  }

  /**
   * Compares roles and installs as sets and emails case-insensitively (no API calls). Refuses, so
   * that `pulumi preview` fails, a plan that demotes or replaces the last owner or the API's own user.
   */
  async diff(
    _id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.DiffResult> {
    const replaces = REPLACE_KEYS.filter((k) => !sameValue(k, olds[k], news[k]));
    const updates: string[] = [];
    if (roleOf(olds.roles) !== roleOf(news.roles)) updates.push("roles");
    if (!sameSet(olds.installIds, news.installIds)) updates.push("installIds");
    if ((olds.allowOwnerLockout === true) !== (news.allowOwnerLockout === true))
      updates.push("allowOwnerLockout");
    const risk = lockoutRisk(olds);
    if (risk && news.allowOwnerLockout !== true) {
      if (replaces.length)
        throw new Error(
          lockoutMessage(`replace ${String(olds.email)} (${replaces.join(", ")} changed)`, risk),
        );
      if (updates.includes("roles") && isDemotion(olds, news)) {
        throw new Error(lockoutMessage(`demote ${String(olds.email)} to "${roleOf(news.roles)}"`, risk));
      }
    }
    return {
      changes: replaces.length > 0 || updates.length > 0,
      replaces,
      deleteBeforeReplace: replaces.length > 0,
    };
  }

  /** Invites the user with one POST; with `adopt` an existing user of that email is taken over instead. */
  async create(news: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
    const inputs = accountUserInputs.parse(news);
    const api = this.client();
    try {
      if (inputs.adopt || this.options.adoptExisting) {
        const existing = await api.findAccountUserByEmail(inputs.accountId, inputs.email);
        if (existing) {
          const user = await this.converge(existing, inputs);
          const isApiUser = await this.reader.isApiUser(user.email);
          return { id: user.user_id, outs: toOutputs(user, { ...inputs, isApiUser }) };
        }
      }
      const user = await api.createAccountUser(inputs.accountId, {
        firstName: inputs.firstName,
        lastName: inputs.lastName,
        email: inputs.email,
        roles: inputs.roles,
        ...(isPartial(inputs.roles) && inputs.installIds ? { installIds: inputs.installIds } : {}),
        adopt: inputs.adopt === true || this.options.adoptExisting === true,
      });
      return { id: user.user_id, outs: toOutputs(user, inputs) };
    } catch (err) {
      if (isEmailTakenError(err)) {
        throw new Error(
          `wpengine:AccountUser create of ${inputs.email} failed: a user with this email already exists in account ${inputs.accountId}. ` +
            "To manage that user with Pulumi, set `adopt: true` on this AccountUser (its roles and installs will be set to the declared ones); " +
            "otherwise remove the user in the WP Engine portal or drop it from the program.",
        );
      }
      throw providerError("AccountUser", "create", inputs.email, err);
    } finally {
      this.reader.invalidate(inputs.accountId);
    }
  }

  /**
   * Reads the user back from a per-account snapshot (one list call serves every user of the account
   * during a refresh); a user that no longer exists leaves the state (blank id).
   */
  async read(id: string, props: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult> {
    const accountId = String(props.accountId ?? "");
    let user: AccountUser | undefined;
    let isApiUser: boolean;
    try {
      user = await this.reader.user(accountId, id);
      if (!user) return { id: "" };
      // Known from an earlier refresh while the email is the same: no GET /user, so a steady-state
      // refresh costs one request per account.
      isApiUser =
        typeof props.isApiUser === "boolean" && sameValue("email", props.email, user.email)
          ? props.isApiUser
          : await this.reader.isApiUser(user.email);
    } catch (err) {
      // The account itself is gone, and with it the user.
      if (err instanceof NotFoundError) return { id: "" };
      throw providerError("AccountUser", "read", String(props.email ?? id), err);
    }
    const outs = toOutputs(user, {
      adopt: props.adopt === true,
      allowOwnerLockout: props.allowOwnerLockout === true,
      isApiUser,
      installIds: Array.isArray(props.installIds) ? props.installIds.map(String) : undefined,
    });
    return { id: user.user_id, props: { ...outs }, inputs: inputsOf(outs) };
  }

  /** Patches roles and installs in place (only when they changed) and returns the complete outputs. */
  async update(
    id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.UpdateResult> {
    const inputs = accountUserInputs.parse(news);
    const flags = {
      adopt: inputs.adopt,
      allowOwnerLockout: inputs.allowOwnerLockout,
      isApiUser: typeof olds.isApiUser === "boolean" ? olds.isApiUser : null,
      installIds: patchOf(inputs).installIds,
    };
    if (roleOf(olds.roles) === inputs.roles && sameSet(olds.installIds, inputs.installIds)) {
      const { __provider: _, ...previous } = olds;
      return {
        outs: {
          ...(previous as unknown as AccountUserOutputs),
          adopt: flags.adopt === true,
          allowOwnerLockout: flags.allowOwnerLockout === true,
        },
      };
    }
    try {
      const user = await this.client().updateAccountUser(inputs.accountId, id, patchOf(inputs));
      return { outs: toOutputs(user, flags) };
    } catch (err) {
      throw providerError("AccountUser", "update", String(olds.email ?? inputs.email), err);
    } finally {
      this.reader.invalidate(inputs.accountId);
    }
  }

  /**
   * Removes the user from the account; one that is already gone counts as removed. The last owner
   * and the API's own user are refused (checked against fresh data) unless `allowOwnerLockout` was
   * set: Pulumi's preview never asks a provider about deletions, so this is the earliest safe place.
   */
  async delete(id: string, props: Record<string, unknown>): Promise<void> {
    const accountId = String(props.accountId ?? "");
    const email = String(props.email ?? id);
    try {
      if (lockoutRisk(props) && props.allowOwnerLockout !== true) {
        const fresh = await this.reader.user(accountId, id);
        const risk =
          fresh &&
          lockoutRisk({
            lastOwner: fresh.last_owner === true,
            isApiUser: await this.reader.isApiUser(fresh.email),
          });
        if (risk) throw new Error(lockoutMessage(`remove ${email}`, risk));
      }
      await this.client().deleteAccountUser(accountId, id);
    } catch (err) {
      if (err instanceof Error && err.message.startsWith("wpengine:AccountUser refuses")) throw err;
      throw providerError("AccountUser", "delete", email, err);
    } finally {
      this.reader.invalidate(accountId);
    }
  }

  /** Patches an adopted user to the declared roles and installs when they differ. */
  private async converge(user: AccountUser, inputs: AccountUserInputs): Promise<AccountUser> {
    // Not `inputs`: installs the answer does not report must count as unknown here, and be patched.
    const current = toOutputs(user, {});
    if (current.roles === inputs.roles && sameSet(current.installIds, inputs.installIds)) return user;
    return this.client().updateAccountUser(inputs.accountId, user.user_id, patchOf(inputs));
  }
}

function patchOf(inputs: AccountUserInputs): { roles: Role; installIds?: string[] } {
  return isPartial(inputs.roles)
    ? { roles: inputs.roles, installIds: inputs.installIds ?? [] }
    : { roles: inputs.roles };
}

export { type AccountUserOutputs, toOutputs } from "./outputs";
