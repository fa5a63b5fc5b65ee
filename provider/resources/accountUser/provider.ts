import type * as pulumi from "@pulumi/pulumi";
import { isEmailTakenError, type WpEngineClient } from "../../client/client";
import { ApiError, BadRequestError, NotFoundError, PermissionDeniedError } from "../../client/errors";
import { isPartial, type Role } from "../../client/roles";
import type { AccountUser } from "../../client/schemas";
import { runCheck } from "../check";
import { providerError } from "../errors";
import { containsUnknown } from "../unknown";
import { accessRank, roleOf, sameSet, sameValue } from "./compare";
import { UpdateLedger } from "./ledger";
import { isDemotion, lockoutMessage, lockoutRisk } from "./lockout";
import { nameNotice, namesDiffer } from "./names";
import { type AccountUserOutputs, inputsOf, toOutputs } from "./outputs";
import { AccountUserReader } from "./reader";
import { type AccountUserInputs, accountUserInputs } from "./schema";
import { WriteGuard } from "./writeGuard";

/**
 * Inputs that name who the user is: a change replaces the user (delete first: emails are unique).
 * Names are not among them: they are invitation details, which the API cannot change and which
 * people edit themselves, so a difference is reported and never replaces anyone.
 */
const REPLACE_KEYS = ["accountId", "email"] as const;

/** Options of an {@link AccountUserProvider}. */
export interface AccountUserProviderOptions {
  /**
   * Adopt an existing user with the same email on create, for every AccountUser (stack config
   * `wpengine:adoptExisting`): the recovery after an interrupted `pulumi up` that invited users the
   * state never recorded.
   */
  adoptExisting?: boolean;
  /**
   * The users this update created or adopted. `createProvider` passes the one ledger of the process;
   * by default a provider has its own.
   */
  ledger?: UpdateLedger;
}

/**
 * The engine-side implementation of `wpengine:AccountUser`: a WP Engine account user (team member)
 * with roles and, for partial roles, the installs they may access. Names and email are immutable in
 * the API, so changing them replaces the user; roles and installs are patched in place.
 */
export class AccountUserProvider implements pulumi.dynamic.ResourceProvider {
  private readonly reader: AccountUserReader;
  private readonly guard: WriteGuard;
  private readonly ledger: UpdateLedger;

  constructor(
    private readonly client: () => WpEngineClient,
    private readonly options: AccountUserProviderOptions = {},
  ) {
    this.reader = new AccountUserReader(client);
    this.guard = new WriteGuard(client, this.reader);
    this.ledger = options.ledger ?? new UpdateLedger();
  }

  /** Validates and normalises inputs (no API calls). */
  async check(
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.CheckResult> {
    const checked = runCheck(accountUserInputs, news);
    const importing = checked.inputs.importId;
    // `{ import: "<accountId>/<userId>" }` of a new resource: read the user now, so that a preview
    // fails on an id that names nobody, or names someone with another email.
    if (checked.failures.length > 0 || Object.keys(olds).length > 0 || typeof importing !== "string")
      return checked;
    if (Object.values(checked.inputs).some(containsUnknown)) return checked;
    const found = await this.imported(importing, checked.inputs as AccountUserInputs).catch((err: unknown) =>
      err instanceof Error ? err : new Error(String(err)),
    );
    return found instanceof Error
      ? { inputs: news, failures: [{ property: "importId", reason: found.message }] }
      : checked;
  }

  /**
   * The user `{ import: "<accountId>/<userId>" }` names, read fresh; an Error when the id does not
   * fit, names nobody, or names a user of another account or email (the identity of a user).
   */
  private async imported(importing: string, inputs: AccountUserInputs): Promise<AccountUser> {
    const [accountId, userId, ...rest] = importing.split("/");
    if (accountId === undefined || userId === undefined || userId === "" || rest.length > 0)
      throw new Error(
        `an AccountUser is imported as "<accountId>/<userId>" (e.g. "${inputs.accountId}/<userId>"), not "${importing}". wpengine-drift or the portal lists the user ids.`,
      );
    if (accountId !== inputs.accountId)
      throw new Error(
        `{ import: "${importing}" } names a user of account ${accountId}, but the program declares accountId ${inputs.accountId}. Fix: declare that account, or import a user of this one.`,
      );
    const user = (await this.client().listAccountUsers(accountId)).find(
      (u) => u.user_id.toLowerCase() === userId,
    );
    if (user === undefined)
      throw new Error(
        `{ import: "${importing}" } names no user of account ${accountId}. Fix: give the id of an existing user, or drop the import option (or use adopt: true to adopt by email).`,
      );
    if (!sameValue("email", user.email, inputs.email))
      throw new Error(
        `the user ${userId} that { import: "${importing}" } names differs from the program in what identifies it (email: the program says ${JSON.stringify(inputs.email)}, WP Engine has ${JSON.stringify(user.email)}). ` +
          "Nothing was adopted or changed. Fix: declare the email WP Engine has, or import another id.",
      );
    return user;
  }

  /**
   * Compares roles and installs as sets and emails case-insensitively (no API calls); names never
   * count (a difference is reported on stderr). A value not yet known (preview of an output computed
   * elsewhere) is a possible change, never a refusal. Refuses, so that `pulumi preview` fails, a plan
   * that demotes or replaces the last owner or the API's own user as the last refresh recorded them;
   * the write itself checks again against a fresh read.
   */
  async diff(
    _id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.DiffResult> {
    const unknown = (k: string) => containsUnknown(news[k]);
    const replaces = REPLACE_KEYS.filter((k) => unknown(k) || !sameValue(k, olds[k], news[k]));
    const updates: string[] = [];
    if (unknown("roles") || roleOf(olds.roles) !== roleOf(news.roles)) updates.push("roles");
    if (unknown("installIds") || !sameSet(olds.installIds, news.installIds)) updates.push("installIds");
    if (
      unknown("allowOwnerLockout") ||
      (olds.allowOwnerLockout === true) !== (news.allowOwnerLockout === true)
    )
      updates.push("allowOwnerLockout");
    const decidable = !["accountId", "email", "roles", "allowOwnerLockout"].some(unknown);
    const risk = lockoutRisk(olds);
    if (risk && decidable && news.allowOwnerLockout !== true) {
      if (replaces.length)
        throw new Error(
          lockoutMessage(`replace ${String(olds.email)} (${replaces.join(", ")} changed)`, risk),
        );
      if (updates.includes("roles") && isDemotion(olds, news)) {
        throw new Error(lockoutMessage(`demote ${String(olds.email)} to "${roleOf(news.roles)}"`, risk));
      }
    }
    if (!unknown("firstName") && !unknown("lastName") && namesDiffer(olds, news))
      console.error(nameNotice(olds, news));
    return {
      changes: replaces.length > 0 || updates.length > 0,
      replaces,
      deleteBeforeReplace: replaces.length > 0,
    };
  }

  /**
   * Invites the user with one POST; with `adopt` an existing user of that email is taken over instead.
   * Who exists comes from one list per account shared by the update's creates (see
   * `AccountUserReader.seenInAccount`): a user seen there is re-read fresh before being taken over, and
   * a POST the API refuses is followed by a fresh look, so a person invited in the portal meanwhile is
   * still adopted rather than reported as a conflict.
   */
  async create(news: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
    const inputs = accountUserInputs.parse(news);
    const api = this.client();
    const adopt = inputs.adopt === true || this.options.adoptExisting === true;
    try {
      // Imported: the named user, read afresh, with the declared roles and installs set (no write when equal).
      if (typeof inputs.importId === "string")
        return await this.takeOver(await this.imported(inputs.importId, inputs), inputs);
      if (adopt && (await this.reader.seenInAccount(inputs.accountId, inputs.email))) {
        const existing = await api.findAccountUserByEmail(inputs.accountId, inputs.email);
        if (existing) return await this.takeOver(existing, inputs);
      }
      try {
        const user = await api.createAccountUser(inputs.accountId, {
          firstName: inputs.firstName,
          lastName: inputs.lastName,
          email: inputs.email,
          roles: inputs.roles,
          ...(isPartial(inputs.roles) && inputs.installIds ? { installIds: inputs.installIds } : {}),
          adopt,
        });
        // Not claimed in the ledger: a new user has a new id, which no other resource's state can hold.
        return { id: user.user_id, outs: toOutputs(user, inputs) };
      } catch (err) {
        if (adopt && err instanceof ApiError && (err.status === 400 || err.status === 409)) {
          const late = await api.findAccountUserByEmail(inputs.accountId, inputs.email);
          if (late) return await this.takeOver(late, inputs);
        }
        throw err;
      }
    } catch (err) {
      if (isRefusal(err)) throw err;
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

  /** Takes over an existing user (adopt): claims it for this update, then sets the declared access. */
  private async takeOver(
    existing: AccountUser,
    inputs: AccountUserInputs,
  ): Promise<pulumi.dynamic.CreateResult> {
    // Claimed before any write: a delete of the same person later in this update must not run.
    this.ledger.claim(inputs.accountId, existing.user_id, existing.email);
    const found = toOutputs(existing, {});
    if (namesDiffer(found, inputs)) console.error(nameNotice(found, inputs));
    const user = await this.converge(existing, inputs);
    const isApiUser = await this.reader.isApiUser(user.email);
    return { id: user.user_id, outs: toOutputs(user, { ...inputs, isApiUser }) };
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
      // A failed list of the whole account says nothing about this user: a blank id here would drop
      // every user of the account from the state while they keep their access.
      if (isAccountUnreadable(err))
        throw new Error(accountUnreadable(accountId, String(props.email ?? id), err));
      throw providerError("AccountUser", "read", String(props.email ?? id), err);
    }
    const outs = toOutputs(user, {
      adopt: props.adopt === true,
      allowOwnerLockout: props.allowOwnerLockout === true,
      isApiUser,
      installIds: Array.isArray(props.installIds) ? props.installIds.map(String) : undefined,
    });
    // The import id is kept as recorded: a refresh that dropped it would show as a change.
    const imported = typeof props.importId === "string" ? { importId: props.importId } : {};
    return { id: user.user_id, props: { ...outs, ...imported }, inputs: { ...inputsOf(outs), ...imported } };
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
      const user = await this.patch(inputs, id, String(olds.email ?? inputs.email));
      return { outs: toOutputs(user, flags) };
    } catch (err) {
      if (isRefusal(err)) throw err;
      throw providerError("AccountUser", "update", String(olds.email ?? inputs.email), err);
    } finally {
      this.reader.invalidate(inputs.accountId);
    }
  }

  /**
   * Removes the user from the account; one that is already gone counts as removed. A user that another
   * resource of this update created or adopted (a renamed resource, a member moved into an
   * `AccountTeam`) is not removed: this resource only leaves the state, and says so. The last owner
   * and the API's own user are refused, judged on a fresh read of the account at this moment, unless
   * `allowOwnerLockout` was set: Pulumi's preview never asks a provider about deletions, so this is
   * the earliest safe place.
   */
  async delete(id: string, props: Record<string, unknown>): Promise<void> {
    const accountId = String(props.accountId ?? "");
    const email = String(props.email ?? id);
    if (this.ledger.isClaimed(accountId, id)) {
      console.error(
        `warning: wpengine:AccountUser ${email} removed from the Pulumi state only: another resource of this ` +
          "update created or adopted the same user, so the user keeps their access (a renamed resource, or a " +
          "member moved into an AccountTeam).",
      );
      return;
    }
    try {
      const remove = async () => {
        await this.client().deleteAccountUser(accountId, id);
        return undefined;
      };
      if (props.allowOwnerLockout === true) await remove();
      else await this.guard.run(accountId, id, { kind: "remove" }, `remove ${email}`, remove);
    } catch (err) {
      if (isRefusal(err)) throw err;
      throw providerError("AccountUser", "delete", email, err);
    } finally {
      this.reader.invalidate(accountId);
    }
  }

  /**
   * PATCHes roles and installs; a role change that lowers access goes through the write-time
   * lockout guard (unless `allowOwnerLockout`), since the state's role may be stale.
   */
  private patch(inputs: AccountUserInputs, userId: string, email: string): Promise<AccountUser> {
    const write = () => this.client().updateAccountUser(inputs.accountId, userId, patchOf(inputs));
    if (inputs.allowOwnerLockout === true || accessRank(inputs.roles) === 3) return write();
    return this.guard.run(
      inputs.accountId,
      userId,
      { kind: "roles", roles: inputs.roles },
      `demote ${email} to "${inputs.roles}"`,
      write,
    );
  }

  /** Patches an adopted user to the declared roles and installs when they differ. */
  private async converge(user: AccountUser, inputs: AccountUserInputs): Promise<AccountUser> {
    // Not `inputs`: installs the answer does not report must count as unknown here, and be patched.
    const current = toOutputs(user, {});
    if (current.roles === inputs.roles && sameSet(current.installIds, inputs.installIds)) return user;
    return this.patch(inputs, user.user_id, user.email);
  }
}

/** Whether `err` is a lockout refusal, which reaches the user unwrapped. */
function isRefusal(err: unknown): boolean {
  return err instanceof Error && err.message.startsWith("wpengine:AccountUser refuses");
}

/**
 * Whether the API refused the account itself: 403 or 404, or the documented 400 whose field errors
 * concern the account (as WP Engine answers for an account the credentials cannot see).
 */
function isAccountUnreadable(err: unknown): err is ApiError {
  if (err instanceof NotFoundError || err instanceof PermissionDeniedError) return true;
  return (
    err instanceof BadRequestError &&
    err.fieldErrors.some((e) => e.resource.toLowerCase() === "account" || e.field === "account_id")
  );
}

/** The refresh failure for an account whose user list the API refuses (403) or does not know (404). */
function accountUnreadable(accountId: string, email: string, err: ApiError): string {
  return (
    `wpengine:AccountUser read of ${email} failed: the users of account ${accountId} cannot be listed ` +
    `(${err.message}). Refresh stops here instead of dropping the account's users from the ` +
    "state while they keep their access. Check the account id and that the API user (wpengine:apiUserId) " +
    "still has access to the account, then run `pulumi refresh` again. If the account really is gone, remove " +
    "its users from the state with `pulumi state delete <urn>` (list URNs with `pulumi stack --show-urns`)."
  );
}

function patchOf(inputs: AccountUserInputs): { roles: Role; installIds?: string[] } {
  return isPartial(inputs.roles)
    ? { roles: inputs.roles, installIds: inputs.installIds ?? [] }
    : { roles: inputs.roles };
}

export { type AccountUserOutputs, toOutputs } from "./outputs";
