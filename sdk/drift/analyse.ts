/**
 * The pure part of `wpengine-drift`: turns the engine events of one `pulumi preview --refresh` (and
 * the state's creation times) into a drift report. A refresh step carries the state before and after
 * the refresh, so "changed outside code" is exactly what the refresh found different from what the
 * last `up` wrote; the plan steps that follow say what `pulumi up` would do about it.
 */
import type { EngineEvent, StepEventMetadata } from "@pulumi/pulumi/automation";
import { z } from "zod";
import { tryParseRole } from "../../provider/client/roles";

/** Resource types the report reads. */
export const TYPES = {
  user: "pulumi-nodejs:dynamic/wpengine:AccountUser",
  backup: "pulumi-nodejs:dynamic/wpengine:Backup",
  removal: "pulumi-nodejs:dynamic/wpengine:AccountUserRemoval",
  team: "wpengine:index:AccountTeam",
} as const;

/** One thing that changed about a managed user outside code. */
export type UserChange =
  | { kind: "role"; before: string; after: string }
  | { kind: "installs"; added: string[]; removed: string[] }
  | { kind: "removed" }
  | { kind: "reinvited"; userId: string; inviteAccepted: boolean };

/** What `pulumi up` would do to a resource, in words a reviewer reads. */
export type PlannedAction = "none" | "create" | "update" | "replace" | "delete" | "other";

/** A managed user with changes made outside code. */
export interface DriftedUser {
  email: string;
  /** The resource's name in the program. */
  resource: string;
  accountId: string;
  changes: UserChange[];
  /** What `pulumi up` would do to this user. */
  plan: PlannedAction;
  /** The declared role and install names, when the program declares the user. */
  declared?: { roles: string; installIds: string[] };
}

/** A user in the account that no `AccountTeam` of the stack declares. */
export interface UnmanagedUser {
  email: string;
  accountId: string;
  roles: string;
  inviteAccepted: boolean;
  mfaEnabled: boolean;
  /** What `pulumi up` would do: remove it (removeUnmanaged), keep it (guard or option off). */
  action: "remove" | "keep";
  /** Why it is kept although removeUnmanaged is on (the lockout guard). */
  refusedBecause?: string;
}

/**
 * A managed user whose declared name differs from the one WP Engine holds (spelt differently when
 * adopted, or edited by the person). Information only: names are not identity, nothing is replaced.
 */
export interface NameDifference {
  email: string;
  /** The resource's name in the program. */
  resource: string;
  /** "First Last" as the program declares it. */
  declared: string;
  /** "First Last" as WP Engine holds it. */
  actual: string;
}

/** A pending invitation. */
export interface PendingInvite {
  email: string;
  managed: boolean;
  /** When Pulumi created (or adopted) the user: the best date there is, since the API has none. */
  since: string | null;
  ageDays: number | null;
}

/** An owner without multi-factor authentication. */
export interface OwnerWithoutMfa {
  email: string;
  accountId: string;
  managed: boolean;
}

/** A Backup resource whose backup has not completed. */
export interface IncompleteBackup {
  resource: string;
  installId: string;
  backupId: string;
  status: string;
  requestedAt: string | null;
}

/** Another change `pulumi up` would make that is not a user changed outside code (e.g. a new member in the code under review). */
export interface CodeChange {
  resource: string;
  type: string;
  op: PlannedAction;
  /** The user's email, for account users and removals. */
  subject: string;
}

/** The whole report; serialised as the JSON report. */
export interface DriftReport {
  stack: string;
  generatedAt: string;
  /** True when anything changed outside code or the account has unmanaged users. */
  drift: boolean;
  users: DriftedUser[];
  unmanaged: UnmanagedUser[];
  /** False when the stack has no AccountTeam, so unmanaged users could not be listed. */
  unmanagedChecked: boolean;
  codeChanges: CodeChange[];
  /** Declared names that differ from WP Engine's (information only: never drift, never a change). */
  nameDifferences: NameDifference[];
  pendingInvites: { olderThanDays: number; note: string; invites: PendingInvite[] };
  ownersWithoutMfa: OwnerWithoutMfa[];
  incompleteBackups: IncompleteBackup[];
}

/** Options of {@link analyseEvents}. */
export interface AnalyseOptions {
  stack: string;
  /** Report pending invites at least this many days old. */
  inviteAgeDays: number;
  now: Date;
  /** When each resource was created, by URN (from the state; the API has no invitation date). */
  created?: Record<string, string | undefined>;
}

export const INVITE_DATE_NOTE =
  "The WP Engine API records no invitation date: ages count from when Pulumi created or adopted the " +
  "AccountUser (the state's `created` time); users invited outside code have no known age.";

const installRef = z.object({ id: z.string(), name: z.string() });
const userOutputs = z.object({
  accountId: z.string().default(""),
  email: z.string(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  roles: z.string(),
  installIds: z.array(z.string()).nullish(),
  installs: z.array(installRef).nullish(),
  userId: z.string().nullish(),
  inviteAccepted: z.boolean().nullish(),
  mfaEnabled: z.boolean().nullish(),
});
type UserOutputs = z.infer<typeof userOutputs>;
const userInputs = z.object({
  email: z.string(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  roles: z.string(),
  installIds: z.array(z.string()).nullish(),
});
const teamUser = z.object({
  userId: z.string(),
  email: z.string(),
  roles: z.string(),
  inviteAccepted: z.boolean(),
  mfaEnabled: z.boolean(),
  managed: z.boolean(),
});
const teamOutputs = z.object({
  accountId: z.string(),
  accountUsers: z.array(teamUser),
  removalRefused: z.array(z.object({ email: z.string(), reason: z.string() })).default([]),
});
const removalInputs = z.object({
  users: z.array(z.object({ email: z.string() })),
});
const backupOutputs = z.object({
  installId: z.string(),
  backupId: z.string(),
  status: z.string(),
  requestedAt: z.string().nullish(),
});

const lower = (s: string) => s.trim().toLowerCase();
const canonical = (role: string) => tryParseRole(role) ?? role;
const nameOf = (urn: string) => urn.split("::").pop() ?? urn;

function plannedOf(op: string | undefined): PlannedAction {
  switch (op) {
    case undefined:
    case "same":
    case "read":
    case "refresh":
      return "none";
    case "create":
    case "update":
    case "delete":
      return op;
    case "replace":
    case "create-replacement":
    case "delete-replaced":
      return "replace";
    default:
      return "other";
  }
}

/** Compares two role spellings as roles (never as text). */
export function sameRole(a: string, b: string): boolean {
  return canonical(a) === canonical(b);
}

/** What changed between the state before a refresh and after it (undefined `after` = gone). */
export function userChanges(before: UserOutputs, after: UserOutputs | undefined): UserChange[] {
  if (!after) return [{ kind: "removed" }];
  const changes: UserChange[] = [];
  if (!sameRole(before.roles, after.roles)) {
    changes.push({ kind: "role", before: canonical(before.roles), after: canonical(after.roles) });
  }
  const names = new Map<string, string>();
  for (const i of [...(before.installs ?? []), ...(after.installs ?? [])]) names.set(lower(i.id), i.name);
  const ids = (o: UserOutputs) => new Set((o.installIds ?? (o.installs ?? []).map((i) => i.id)).map(lower));
  const b = ids(before);
  const a = ids(after);
  const label = (id: string) => names.get(id) ?? id;
  const added = [...a]
    .filter((id) => !b.has(id))
    .map(label)
    .sort();
  const removed = [...b]
    .filter((id) => !a.has(id))
    .map(label)
    .sort();
  if (added.length || removed.length) changes.push({ kind: "installs", added, removed });
  return changes;
}

/**
 * Builds the drift report from the events of `pulumi preview --refresh`. Pure: the same events give
 * the same report.
 */
export function analyseEvents(events: readonly EngineEvent[], opts: AnalyseOptions): DriftReport {
  const refreshed = new Map<string, StepEventMetadata>();
  const planned = new Map<string, StepEventMetadata>();
  // A component's outputs can be reported more than once: keep the last per URN.
  const teamsByUrn = new Map<string, z.infer<typeof teamOutputs>>();
  for (const e of events) {
    const pre = e.resourcePreEvent?.metadata;
    const post = e.resOutputsEvent?.metadata;
    if (post?.op === "refresh") refreshed.set(post.urn, post);
    if (pre && pre.op !== "refresh") {
      // A replace shows as several steps; the first one seen names the action.
      if (!planned.has(pre.urn) || plannedOf(pre.op) === "replace") planned.set(pre.urn, pre);
    }
    if (post && post.op !== "refresh" && post.type === TYPES.team) {
      const t = teamOutputs.safeParse(post.new?.outputs);
      if (t.success) teamsByUrn.set(post.urn, t.data);
    }
  }
  const teams = [...teamsByUrn.values()];

  const snapshotByEmail = new Map<string, z.infer<typeof teamUser>>();
  for (const t of teams) for (const u of t.accountUsers) snapshotByEmail.set(lower(u.email), u);

  // Managed users: what the refresh found different from the last `up`.
  const users: DriftedUser[] = [];
  const pending: PendingInvite[] = [];
  const ownersWithoutMfa: OwnerWithoutMfa[] = [];
  const incompleteBackups: IncompleteBackup[] = [];
  const nameDifferences: NameDifference[] = [];
  for (const [urn, step] of refreshed) {
    const type = step.old?.type ?? step.type;
    if (type === TYPES.user) {
      const before = userOutputs.safeParse(step.old?.outputs);
      if (!before.success) continue;
      const afterParsed = step.new ? userOutputs.safeParse(step.new.outputs) : undefined;
      const after = afterParsed?.success ? afterParsed.data : undefined;
      let changes = userChanges(before.data, after);
      const again = after ? undefined : snapshotByEmail.get(lower(before.data.email));
      if (again && again.userId !== before.data.userId) {
        changes = [{ kind: "reinvited", userId: again.userId, inviteAccepted: again.inviteAccepted }];
      }
      const plan = planned.get(urn);
      const declared = userInputs.safeParse(plan?.new?.inputs);
      if (changes.length) {
        users.push({
          email: before.data.email,
          resource: nameOf(urn),
          accountId: before.data.accountId,
          changes,
          plan: plannedOf(plan?.op),
          ...(declared.success
            ? {
                declared: {
                  roles: canonical(declared.data.roles),
                  installIds: declared.data.installIds ?? [],
                },
              }
            : {}),
        });
      }
      if (after && declared.success) {
        const full = (o: { firstName?: string | null | undefined; lastName?: string | null | undefined }) =>
          `${o.firstName ?? ""} ${o.lastName ?? ""}`.trim();
        if (full(declared.data) && full(after) && full(declared.data) !== full(after)) {
          nameDifferences.push({
            email: after.email,
            resource: nameOf(urn),
            declared: full(declared.data),
            actual: full(after),
          });
        }
      }
      if (after) {
        if (after.inviteAccepted === false) {
          const since = opts.created?.[urn] ?? null;
          const ageDays = since ? Math.floor((opts.now.getTime() - Date.parse(since)) / 86_400_000) : null;
          if (ageDays === null || ageDays >= opts.inviteAgeDays) {
            pending.push({ email: after.email, managed: true, since, ageDays });
          }
        }
        if (canonical(after.roles) === "owner" && after.mfaEnabled === false) {
          ownersWithoutMfa.push({ email: after.email, accountId: after.accountId, managed: true });
        }
      }
    } else if (type === TYPES.backup && step.new) {
      const b = backupOutputs.safeParse(step.new.outputs);
      if (b.success && b.data.status !== "completed") {
        incompleteBackups.push({
          resource: nameOf(urn),
          installId: b.data.installId,
          backupId: b.data.backupId,
          status: b.data.status,
          requestedAt: b.data.requestedAt ?? null,
        });
      }
    }
  }

  // Unmanaged users: from the teams' program-time read, with what the removal step will do.
  const removing = new Set<string>();
  for (const step of planned.values()) {
    if (step.type !== TYPES.removal || plannedOf(step.op) === "none" || plannedOf(step.op) === "delete")
      continue;
    const r = removalInputs.safeParse(step.new?.inputs);
    if (r.success) for (const u of r.data.users) removing.add(lower(u.email));
  }
  const unmanaged: UnmanagedUser[] = [];
  for (const t of teams) {
    const refused = new Map(t.removalRefused.map((r) => [lower(r.email), r.reason]));
    for (const u of t.accountUsers) {
      if (u.managed) continue;
      const reason = refused.get(lower(u.email));
      unmanaged.push({
        email: u.email,
        accountId: t.accountId,
        roles: canonical(u.roles),
        inviteAccepted: u.inviteAccepted,
        mfaEnabled: u.mfaEnabled,
        action: removing.has(lower(u.email)) ? "remove" : "keep",
        ...(reason ? { refusedBecause: reason } : {}),
      });
      if (!u.inviteAccepted) pending.push({ email: u.email, managed: false, since: null, ageDays: null });
      if (canonical(u.roles) === "owner" && !u.mfaEnabled) {
        ownersWithoutMfa.push({ email: u.email, accountId: t.accountId, managed: false });
      }
    }
  }

  // Other planned changes: users that did not drift (new or edited in code) and backups.
  const drifted = new Set(users.map((u) => u.resource));
  const codeChanges: CodeChange[] = [];
  for (const [urn, step] of planned) {
    const op = plannedOf(step.op);
    if (op === "none" || drifted.has(nameOf(urn))) continue;
    if (step.type === TYPES.user) {
      const email = String((step.new?.inputs ?? step.old?.inputs)?.email ?? nameOf(urn));
      codeChanges.push({ resource: nameOf(urn), type: "AccountUser", op, subject: email });
    } else if (step.type === TYPES.backup) {
      codeChanges.push({ resource: nameOf(urn), type: "Backup", op, subject: nameOf(urn) });
    }
  }

  const byEmail = <T extends { email: string }>(a: T, b: T) => lower(a.email).localeCompare(lower(b.email));
  return {
    stack: opts.stack,
    generatedAt: opts.now.toISOString(),
    drift: users.length > 0 || unmanaged.length > 0,
    users: users.sort(byEmail),
    unmanaged: unmanaged.sort(byEmail),
    unmanagedChecked: teams.length > 0,
    codeChanges: codeChanges.sort((a, b) => a.resource.localeCompare(b.resource)),
    nameDifferences: nameDifferences.sort(byEmail),
    pendingInvites: {
      olderThanDays: opts.inviteAgeDays,
      note: INVITE_DATE_NOTE,
      invites: pending.sort(byEmail),
    },
    ownersWithoutMfa: ownersWithoutMfa.sort(byEmail),
    incompleteBackups: incompleteBackups.sort((a, b) => a.resource.localeCompare(b.resource)),
  };
}
