// Team access as code: one AccountUser per member of the reviewed team file, install names resolved
// with getInstall, and (when a deploy id is configured) one pre-deploy Backup per listed install.
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as wpe from "pulumi-wpengine";

const config = new pulumi.Config();
const teamFile = path.resolve(__dirname, "..", config.get("teamFile") ?? "team.yaml");
const team = wpe.loadTeamFile(teamFile);
const deployId = config.get("deployId") ?? "";

const users = team.members.map((member) => {
  // A wrong install name fails the preview with the member's line, before anything is written.
  const installId = (name: string) =>
    wpe.getInstall({ name }).then(
      (i) => i.id,
      (err: Error) => {
        throw new wpe.TeamFileError(
          `${teamFile} line ${member.line} (member ${member.email}): ${err.message}`,
        );
      },
    );
  const installIds = member.installs.length ? pulumi.all(member.installs.map(installId)) : undefined;
  return new wpe.AccountUser(member.email, {
    accountId: team.account,
    email: member.email,
    firstName: member.firstName,
    lastName: member.lastName,
    roles: member.roles,
    ...(installIds ? { installIds } : {}),
  });
});

const backups =
  deployId && team.backups
    ? team.backups.installs.map(
        (name) =>
          new wpe.Backup(`pre-deploy-${name}`, {
            installId: wpe.getInstallOutput({ name }).apply((i) => i.id),
            description: `Before deploy ${deployId}`,
            notificationEmails: team.backups?.notify ?? [],
            triggers: { deployId },
          }),
      )
    : [];

const facts = pulumi.all(users.map((u) => pulumi.all([u.email, u.roles, u.inviteAccepted, u.mfaEnabled])));

/** Members grouped by role, e.g. { "full,billing": ["jane.lead@example.com"] }. */
export const membersByRole = facts.apply((rows) => {
  const out: Record<string, string[]> = {};
  for (const [email, roles] of rows) {
    out[roles] = [...(out[roles] ?? []), email];
  }
  return out;
});
/** Members who have not accepted their invitation yet. */
export const pendingInvites = facts.apply((rows) => rows.filter((r) => !r[2]).map((r) => r[0]));
/** Members without multi-factor authentication. */
export const withoutMfa = facts.apply((rows) => rows.filter((r) => !r[3]).map((r) => r[0]));
/** Backups taken for this deploy: install name -> backup id. */
export const preDeployBackups = pulumi
  .all(backups.map((b) => pulumi.all([b.installId, b.backupId, b.status])))
  .apply((rows) => rows.map(([installId, backupId, status]) => ({ installId, backupId, status })));
