// Team access as code: every member of one WP Engine account comes from team.yaml, a file reviewed
// in pull requests. AccountTeam validates the whole file before any request (unknown roles, an email
// declared twice, installs on a non-partial role all fail `pulumi preview` and name the member),
// resolves install names, and reports the account's users that the file does not declare.
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as wpe from "pulumi-wpengine";

const config = new pulumi.Config();
// Relative to this project rather than the shell's directory, so `pulumi -C examples/team-access` works.
const teamFile = path.resolve(__dirname, config.get("teamFile") ?? "team.yaml");

const team = new wpe.AccountTeam("team", {
  members: teamFile,
  removeUnmanaged: config.getBoolean("removeUnmanaged") ?? false,
});

const users = Object.values(team.users);
const facts = pulumi
  .all(users.map((u) => pulumi.all([u.email, u.roles, u.inviteAccepted, u.mfaEnabled])))
  .apply((rows) => rows.map(([email, roles, accepted, mfa]) => ({ email, roles, accepted, mfa })));

/** The account this team manages. */
export const accountId = team.accountId;
/** Declared members by role, e.g. `{ "full,billing": ["jane.lead@example.com"] }`. */
export const membersByRole = facts.apply((rows) => {
  const byRole: Record<string, string[]> = {};
  for (const { email, roles } of rows) byRole[roles] = [...(byRole[roles] ?? []), email];
  return byRole;
});
/** Declared members who have not accepted their invitation yet. */
export const pendingInvites = facts.apply((rows) => rows.filter((r) => !r.accepted).map((r) => r.email));
/** Declared members without multi-factor authentication: follow up with them. */
export const withoutMfa = facts.apply((rows) => rows.filter((r) => !r.mfa).map((r) => r.email));
/** Users of the account that team.yaml does not declare (also printed as a warning on every run). */
export const unmanaged = team.unmanaged;
