import * as pulumi from "@pulumi/pulumi";
import { isPartial, ROLE_VALUES, type Role, tryParseRole } from "../provider/client/roles";
import type { AccountUser as ApiAccountUser, RoleAsRead } from "../provider/client/schemas";
import { lockoutRefusals, type Refusal } from "../provider/resources/accountUserRemoval/guard";
import { AccountUser, type AccountUserRole } from "./accountUser";
import { AccountUserRemoval } from "./accountUserRemoval";
import { clientFor, currentUserFor, getInstallOutput, type LookupConnection } from "./lookups";
import { loadTeamFile } from "./team";

/** One declared member of an {@link AccountTeam}. */
export interface AccountTeamMember {
  /** The member's email: the member's key (compared case-insensitively), so list order never matters. */
  email: string;
  /** First name, used when the member is invited; a difference from WP Engine's is reported, never replaced. */
  firstName: string;
  /** Last name, used when the member is invited; a difference from WP Engine's is reported, never replaced. */
  lastName: string;
  /** `owner`, `full`, `full,billing`, `partial` or `partial,billing` (any order, case or spacing). */
  roles: AccountUserRole;
  /** For partial roles: the installs (UUIDs) the member may access. */
  installIds?: pulumi.Input<pulumi.Input<string>[]>;
  /** For partial roles: the installs by name (e.g. `torquemag`), resolved with `getInstall`. */
  installs?: string[];
  /** Take over an existing user of this email; defaults to the team's `adoptExisting`. */
  adopt?: boolean;
  /** Allow demoting or replacing this member even if it is the last owner or the API's own user. */
  allowOwnerLockout?: boolean;
  /**
   * Former identities of this member's resource, so that moving a plain `AccountUser` into the team
   * changes nothing in WP Engine: e.g. `[{ name: "casey", parent: pulumi.rootStackResource }]` for a
   * former top-level `new AccountUser("casey", ...)`. See the README ("Moving users into a team").
   */
  aliases?: pulumi.Input<string | pulumi.Alias>[];
}

/** Arguments of an {@link AccountTeam}. */
export interface AccountTeamArgs {
  /** The WP Engine account (UUID). Optional when `members` is a team file that names its account. */
  accountId?: pulumi.Input<string>;
  /**
   * Every member of the account: a list, or the path of a YAML/JSON team file (see `loadTeamFile`),
   * relative to the program's working directory.
   */
  members: AccountTeamMember[] | string;
  /**
   * Remove the account's users that are not declared (opt-in). The removal is a planned step shown by
   * `pulumi preview` and written only at `pulumi up`, and it never removes the account's last owner or
   * the user behind the API credentials unless `allowOwnerLockout` is set.
   */
  removeUnmanaged?: boolean;
  /** Lift the lockout guard for removals and for every member (see `AccountUser.allowOwnerLockout`). */
  allowOwnerLockout?: boolean;
  /**
   * Declared members that already exist in the account are taken over (their roles and installs set
   * to the declared ones) instead of failing. Defaults to true: the team is authoritative.
   */
  adoptExisting?: boolean;
  /** Connection for the program-time read of the account; defaults to stack config, then environment. */
  connection?: LookupConnection;
}

/**
 * A user of the account as the team's program-time read saw it: only what the drift report and the
 * removal plan need (no names, no phone: the component's outputs are stored in plain text).
 */
export interface AccountTeamUser {
  /** WP Engine's id of the user (UUID). */
  userId: string;
  /** The email as WP Engine stores it. */
  email: string;
  /** The role in canonical form, e.g. `partial,billing` (verbatim when it is none of the five). */
  roles: RoleAsRead;
  /** Names of the installs a partial user may access, sorted. */
  installs: string[];
  /** Whether the user accepted the invitation (false while it is pending). */
  inviteAccepted: boolean;
  /** Whether the user has multi-factor authentication enabled. */
  mfaEnabled: boolean;
  /** Whether the user is the account's last owner, whom the lockout guard never removes. */
  lastOwner: boolean;
  /** Whether this is the user behind the API credentials. */
  isApiUser: boolean;
  /** Whether the team declares this user. */
  managed: boolean;
}

/** A declared member after validation: canonical role, lower-case key. */
export interface NormalisedMember extends AccountTeamMember {
  key: string;
  roles: Role;
}

/** What the team does about users present in the account but not declared. */
export interface UnmanagedPlan {
  /** Every unmanaged user, sorted by email. */
  unmanaged: AccountTeamUser[];
  /** Those `removeUnmanaged` removes (empty when it is off). */
  remove: AccountTeamUser[];
  /** Those the lockout guard keeps, with why. */
  refused: Refusal[];
}

/** A team declaration that cannot be used; the message names the member and the fix. */
export class AccountTeamError extends Error {
  /**
   * Always `"AccountTeamError"`: printed before the message (e.g. in `pulumi up` output), and testable with
   * `err.name` where `instanceof` fails (two copies of the package loaded).
   */
  override name = "AccountTeamError";
}

/**
 * Validates declared members: canonical roles, installs only on partial roles, and each email once
 * (case-insensitively). Every problem is reported at once.
 */
export function normaliseMembers(
  members: readonly AccountTeamMember[],
  team = "AccountTeam",
): NormalisedMember[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const out: NormalisedMember[] = [];
  for (const m of members) {
    const email = String(m.email ?? "").trim();
    const key = email.toLowerCase();
    if (!email) {
      problems.push("a member has no email");
      continue;
    }
    if (seen.has(key)) problems.push(`${email} is declared twice; an email can exist once per account`);
    seen.add(key);
    const roles = tryParseRole(String(m.roles ?? ""));
    if (!roles) {
      problems.push(`${email}: roles ${JSON.stringify(m.roles)} is not one of ${ROLE_VALUES.join(" | ")}`);
      continue;
    }
    if (!isPartial(roles) && (m.installs?.length || (Array.isArray(m.installIds) && m.installIds.length))) {
      problems.push(
        `${email}: installs only apply to partial roles (roles is ${roles}, which grants every install)`,
      );
    }
    out.push({ ...m, email, key, roles });
  }
  if (problems.length) throw new AccountTeamError(`${team}: ${problems.join("; ")}`);
  return out.sort((a, b) => a.key.localeCompare(b.key));
}

/** Maps the API's users to the team's view, marking which are declared and which is the API user. */
export function snapshotAccount(
  users: readonly ApiAccountUser[],
  declared: ReadonlySet<string>,
  apiUserEmail: string | undefined,
): AccountTeamUser[] {
  const me = apiUserEmail?.trim().toLowerCase();
  return users
    .map((u) => {
      const key = u.email.trim().toLowerCase();
      return {
        userId: u.user_id,
        email: u.email,
        roles: u.roles,
        installs: (u.installs ?? []).map((i) => i.name ?? i.id).sort(),
        inviteAccepted: u.invite_accepted,
        mfaEnabled: u.mfa_enabled,
        lastOwner: u.last_owner === true,
        isApiUser: me !== undefined && key === me,
        managed: declared.has(key),
      };
    })
    .sort((a, b) => a.email.toLowerCase().localeCompare(b.email.toLowerCase()));
}

/**
 * Decides what happens to the unmanaged users of a snapshot: all are reported; with `removeUnmanaged`
 * those the lockout guard allows are removed and the rest are refused with a reason.
 */
export function planUnmanaged(
  snapshot: readonly AccountTeamUser[],
  opts: { removeUnmanaged?: boolean; allowOwnerLockout?: boolean },
): UnmanagedPlan {
  const unmanaged = snapshot.filter((u) => !u.managed);
  if (!opts.removeUnmanaged) return { unmanaged, remove: [], refused: [] };
  if (opts.allowOwnerLockout) return { unmanaged, remove: unmanaged, refused: [] };
  const ids = new Set(unmanaged.map((u) => u.userId));
  const me = snapshot.find((u) => u.isApiUser)?.email;
  const account = snapshot.map((u) => ({
    user_id: u.userId,
    email: u.email,
    roles: u.roles,
    last_owner: u.lastOwner,
  }));
  const refused = lockoutRefusals(account, ids, me);
  const refusedEmails = new Set(refused.map((r) => r.email.toLowerCase()));
  return { unmanaged, remove: unmanaged.filter((u) => !refusedEmails.has(u.email.toLowerCase())), refused };
}

/**
 * Every member of one WP Engine account, as code. Creates one `AccountUser` child per declared member
 * (keyed by email: reordering changes nothing) and is authoritative about the account: each run reads
 * the account and reports the users present but not declared ("unmanaged") as a warning and the
 * `unmanaged` output. With `removeUnmanaged: true` it plans their removal (an `AccountUserRemoval`
 * step, written at `up`), never removing the last owner or the user behind the API credentials.
 *
 * ```ts
 * const team = new AccountTeam("team", { members: "team.yaml", removeUnmanaged: true });
 * export const unmanaged = team.unmanaged;
 * ```
 */
export class AccountTeam extends pulumi.ComponentResource {
  /** The account id. */
  readonly accountId: pulumi.Output<string>;
  /** The declared members' emails, sorted. */
  readonly members: pulumi.Output<string[]>;
  /** The members' resources by lower-case email. */
  readonly users: Record<string, AccountUser>;
  /**
   * Emails of the account's users that are not declared, sorted, as read when the program ran: after
   * an `up` that removed some, they are still listed until the next run.
   */
  readonly unmanaged: pulumi.Output<string[]>;
  /** Unmanaged users `removeUnmanaged` will not remove, with the lockout reason. */
  readonly removalRefused: pulumi.Output<Refusal[]>;
  /** Every user of the account as the program-time read saw it. */
  readonly accountUsers: pulumi.Output<AccountTeamUser[]>;
  /** The planned removal of unmanaged users (only with `removeUnmanaged: true`). */
  readonly removal: AccountUserRemoval | undefined;

  /** Declares the team; see {@link AccountTeamArgs}. */
  constructor(name: string, args: AccountTeamArgs, opts?: pulumi.ComponentResourceOptions) {
    super("wpengine:index:AccountTeam", name, {}, opts);
    const label = `AccountTeam "${name}"`;
    let accountId: pulumi.Input<string> | undefined = args.accountId;
    let declared: AccountTeamMember[];
    if (typeof args.members === "string") {
      const file = loadTeamFile(args.members);
      declared = file.members.map((m) => ({
        email: m.email,
        firstName: m.firstName,
        lastName: m.lastName,
        roles: m.roles,
        ...(m.installs.length ? { installs: m.installs } : {}),
      }));
      if (accountId === undefined) accountId = file.account;
      else {
        const fileAccount = file.account;
        accountId = pulumi.output(accountId).apply((id) => {
          if (id.toLowerCase() !== fileAccount.toLowerCase()) {
            throw new AccountTeamError(
              `${label}: accountId ${id} differs from the account ${fileAccount} of ${args.members}; declare one account`,
            );
          }
          return id;
        });
      }
    } else {
      declared = args.members;
    }
    if (accountId === undefined) {
      throw new AccountTeamError(`${label}: accountId is required when members is a list`);
    }
    const members = normaliseMembers(declared, label);
    const adoptDefault = args.adoptExisting ?? true;

    this.users = {};
    for (const m of members) {
      const installIds =
        m.installIds ??
        (m.installs?.length
          ? pulumi.all(
              m.installs.map((n) =>
                getInstallOutput({
                  name: n,
                  ...(args.connection ? { connection: args.connection } : {}),
                }).apply((i) => i.id),
              ),
            )
          : undefined);
      const lockout = m.allowOwnerLockout ?? args.allowOwnerLockout;
      this.users[m.key] = new AccountUser(
        `${name}-${m.key}`,
        {
          accountId,
          email: m.email,
          firstName: m.firstName,
          lastName: m.lastName,
          roles: m.roles,
          ...(installIds !== undefined ? { installIds } : {}),
          adopt: m.adopt ?? adoptDefault,
          ...(lockout !== undefined ? { allowOwnerLockout: lockout } : {}),
        },
        { parent: this, ...(m.aliases?.length ? { aliases: m.aliases } : {}) },
      );
    }

    const declaredKeys = new Set(members.map((m) => m.key));
    const plan = pulumi.output(accountId).apply(async (id) => {
      const api = clientFor(args.connection).client;
      const [users, me] = await Promise.all([api.listAccountUsers(id), currentUserFor(args.connection)]);
      const snapshot = snapshotAccount(users, declaredKeys, me.email);
      const result = planUnmanaged(snapshot, args);
      report(this, label, id, result, args.removeUnmanaged === true);
      return { snapshot, result };
    });

    this.accountId = pulumi.output(accountId);
    this.members = pulumi.output(members.map((m) => m.email));
    this.unmanaged = plan.apply((p) => p.result.unmanaged.map((u) => u.email));
    this.removalRefused = plan.apply((p) => p.result.refused);
    this.accountUsers = plan.apply((p) => p.snapshot);
    this.removal = args.removeUnmanaged
      ? new AccountUserRemoval(
          `${name}-unmanaged`,
          {
            accountId,
            users: plan.apply((p) =>
              p.result.remove.map((u) => ({ userId: u.userId, email: u.email, roles: u.roles })),
            ),
            ...(args.allowOwnerLockout ? { allowOwnerLockout: true } : {}),
          },
          // Declared members first: a new owner is invited before an old one is removed.
          { parent: this, dependsOn: Object.values(this.users) },
        )
      : undefined;
    this.registerOutputs({
      accountId: this.accountId,
      members: this.members,
      unmanaged: this.unmanaged,
      removalRefused: this.removalRefused,
      accountUsers: this.accountUsers,
    });
  }
}

function report(
  team: pulumi.Resource,
  label: string,
  accountId: string,
  plan: UnmanagedPlan,
  removeUnmanaged: boolean,
): void {
  if (plan.unmanaged.length === 0) return;
  const list = plan.unmanaged.map((u) => `${u.email} (${u.roles})`).join(", ");
  pulumi.log.warn(
    `${label}: ${plan.unmanaged.length} user(s) of account ${accountId} are not declared (unmanaged): ${list}. ` +
      (removeUnmanaged
        ? "removeUnmanaged is on: `pulumi up` removes them (see the AccountUserRemoval step)."
        : "Declare them, or set removeUnmanaged: true to remove them at `pulumi up`."),
    team,
  );
  for (const r of plan.refused) {
    pulumi.log.warn(
      `${label}: removeUnmanaged will not remove ${r.email}: it is ${r.reason} (lockout guard). ` +
        "Declare this user in the team, add another owner first, or set allowOwnerLockout: true.",
      team,
    );
  }
}
