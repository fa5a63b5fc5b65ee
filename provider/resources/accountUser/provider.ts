import type * as pulumi from "@pulumi/pulumi";
import type { WpEngineClient } from "../../client/client";
import { BadRequestError, NotFoundError } from "../../client/errors";
import { isPartial, type Role, tryParseRole } from "../../client/roles";
import type { AccountUser } from "../../client/schemas";
import { runCheck } from "../check";
import { providerError } from "../errors";
import { type AccountUserInputs, accountUserInputs } from "./schema";

/** The complete output state of an AccountUser: its inputs as the API has them, plus read-only facts. */
export interface AccountUserOutputs {
  accountId: string;
  email: string;
  firstName: string;
  lastName: string;
  roles: Role;
  installIds: string[];
  adopt: boolean;
  allowOwnerLockout: boolean;
  userId: string;
  inviteAccepted: boolean;
  mfaEnabled: boolean;
  phone: string | null;
  lastOwner: boolean;
  installs: { id: string; name: string }[];
}

/** Inputs that the API cannot change in place: a change replaces the user (delete first: emails are unique). */
const REPLACE_KEYS = ["accountId", "email", "firstName", "lastName"] as const;

/**
 * The engine-side implementation of `wpengine:AccountUser`: a WP Engine account user (team member)
 * with roles and, for partial roles, the installs they may access. Names and email are immutable in
 * the API, so changing them replaces the user; roles and installs are patched in place.
 */
export class AccountUserProvider implements pulumi.dynamic.ResourceProvider {
  constructor(private readonly client: () => WpEngineClient) {}

  /** Validates and normalises inputs (no API calls). */
  async check(
    _olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.CheckResult> {
    return runCheck(accountUserInputs, news);
  }

  /** Compares roles and installs as sets and emails case-insensitively (no API calls). */
  async diff(
    _id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.DiffResult> {
    const replaces = REPLACE_KEYS.filter((k) => !sameValue(k, olds[k], news[k]));
    const updates: string[] = [];
    if (roleOf(olds.roles) !== roleOf(news.roles)) updates.push("roles");
    if (!sameSet(olds.installIds, news.installIds)) updates.push("installIds");
    return {
      changes: replaces.length > 0 || updates.length > 0,
      replaces,
      deleteBeforeReplace: replaces.length > 0,
    };
  }

  /** Invites the user with one POST; with `adopt: true` an existing user of that email is taken over instead. */
  async create(news: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
    const inputs = accountUserInputs.parse(news);
    const api = this.client();
    try {
      if (inputs.adopt) {
        const existing = await api.findAccountUserByEmail(inputs.accountId, inputs.email);
        if (existing) {
          const user = await this.converge(existing, inputs);
          return { id: user.user_id, outs: toOutputs(user, inputs) };
        }
      }
      const user = await api.createAccountUser(inputs.accountId, {
        firstName: inputs.firstName,
        lastName: inputs.lastName,
        email: inputs.email,
        roles: inputs.roles,
        ...(isPartial(inputs.roles) && inputs.installIds ? { installIds: inputs.installIds } : {}),
      });
      return { id: user.user_id, outs: toOutputs(user, inputs) };
    } catch (err) {
      if (err instanceof BadRequestError && isDuplicateEmail(err)) {
        throw new Error(
          `wpengine:AccountUser create of ${inputs.email} failed: a user with this email already exists in account ${inputs.accountId}. ` +
            "To manage that user with Pulumi, set `adopt: true` on this AccountUser (its roles and installs will be set to the declared ones); " +
            "otherwise remove the user in the WP Engine portal or drop it from the program.",
        );
      }
      throw providerError("AccountUser", "create", inputs.email, err);
    }
  }

  /** Reads the user back; a user that no longer exists leaves the state (blank id). */
  async read(id: string, props: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult> {
    const accountId = String(props.accountId ?? "");
    let user: AccountUser;
    try {
      user = await this.client().getAccountUser(accountId, id);
    } catch (err) {
      if (err instanceof NotFoundError) return { id: "" };
      throw providerError("AccountUser", "read", String(props.email ?? id), err);
    }
    const carried = {
      adopt: props.adopt === true,
      allowOwnerLockout: props.allowOwnerLockout === true,
    };
    const outs = toOutputs(user, carried);
    return { id: user.user_id, props: { ...outs }, inputs: inputsOf(outs) };
  }

  /** Patches roles and installs in place and returns the complete outputs. */
  async update(
    id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.UpdateResult> {
    const inputs = accountUserInputs.parse(news);
    try {
      const user = await this.client().updateAccountUser(inputs.accountId, id, patchOf(inputs));
      return { outs: toOutputs(user, inputs) };
    } catch (err) {
      throw providerError("AccountUser", "update", String(olds.email ?? inputs.email), err);
    }
  }

  /** Removes the user from the account; one that is already gone counts as removed. */
  async delete(id: string, props: Record<string, unknown>): Promise<void> {
    try {
      await this.client().deleteAccountUser(String(props.accountId ?? ""), id);
    } catch (err) {
      if (err instanceof NotFoundError) return;
      throw providerError("AccountUser", "delete", String(props.email ?? id), err);
    }
  }

  /** Patches an adopted user to the declared roles and installs when they differ. */
  private async converge(user: AccountUser, inputs: AccountUserInputs): Promise<AccountUser> {
    const current = toOutputs(user, inputs);
    if (current.roles === inputs.roles && sameSet(current.installIds, inputs.installIds)) return user;
    return this.client().updateAccountUser(inputs.accountId, user.user_id, patchOf(inputs));
  }
}

function patchOf(inputs: AccountUserInputs): { roles: Role; installIds?: string[] } {
  return isPartial(inputs.roles)
    ? { roles: inputs.roles, installIds: inputs.installIds ?? [] }
    : { roles: inputs.roles };
}

/** Maps an API user to the resource's outputs; `carried` supplies the provider-only flags. */
export function toOutputs(
  user: AccountUser,
  carried: { adopt?: boolean | undefined; allowOwnerLockout?: boolean | undefined },
): AccountUserOutputs {
  const installs = (user.installs ?? []).map((i) => ({ id: i.id, name: i.name }));
  return {
    accountId: user.account_id,
    email: user.email,
    firstName: user.first_name,
    lastName: user.last_name,
    roles: user.roles,
    installIds: installs.map((i) => i.id.toLowerCase()).sort(),
    adopt: carried.adopt === true,
    allowOwnerLockout: carried.allowOwnerLockout === true,
    userId: user.user_id,
    inviteAccepted: user.invite_accepted,
    mfaEnabled: user.mfa_enabled,
    phone: user.phone ?? null,
    lastOwner: user.last_owner === true,
    installs,
  };
}

/** The inputs that describe the user as the API has it now: what refresh compares the program against. */
function inputsOf(outs: AccountUserOutputs): Record<string, unknown> {
  return {
    accountId: outs.accountId,
    email: outs.email,
    firstName: outs.firstName,
    lastName: outs.lastName,
    roles: outs.roles,
    ...(outs.installIds.length ? { installIds: outs.installIds } : {}),
    ...(outs.adopt ? { adopt: true } : {}),
    ...(outs.allowOwnerLockout ? { allowOwnerLockout: true } : {}),
  };
}

function isDuplicateEmail(err: BadRequestError): boolean {
  const texts = [err.apiMessage ?? "", ...err.fieldErrors.map((f) => `${f.field} ${f.code} ${f.message}`)];
  return texts.some((t) => /email/i.test(t) && /(already|exists|taken|duplicate|in use)/i.test(t));
}

function roleOf(value: unknown): string {
  return typeof value === "string" ? (tryParseRole(value) ?? value) : String(value);
}

function sameValue(key: string, a: unknown, b: unknown): boolean {
  if (typeof a === "string" && typeof b === "string") {
    return key === "email" || key === "accountId"
      ? a.trim().toLowerCase() === b.trim().toLowerCase()
      : a.trim() === b.trim();
  }
  return a === b;
}

function sameSet(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) =>
    Array.isArray(v)
      ? [...new Set(v.map((x) => String(x).toLowerCase()))].sort().join(",")
      : v === undefined || v === null
        ? ""
        : String(v);
  return norm(a) === norm(b);
}
