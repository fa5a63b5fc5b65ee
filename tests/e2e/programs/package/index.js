// E2E test program of the packed package: what the README tells users to use, through the installed
// tarball's public entry point only. `test:accountId` is the account; everything else is fixed.
const pulumi = require("@pulumi/pulumi");
const wpe = require("pulumi-wpengine");

const accountId = new pulumi.Config("test").require("accountId");
const torquemag = wpe.getInstallOutput({ name: "torquemag" });
const sites = wpe.getSitesOutput({ accountId });

const casey = new wpe.AccountUser("casey", {
  accountId,
  email: "casey@package.example.com",
  firstName: "Casey",
  lastName: "Contractor",
  roles: "partial",
  installIds: [torquemag.id],
});
const team = new wpe.AccountTeam("team", {
  accountId,
  members: [{ email: "dana@package.example.com", firstName: "Dana", lastName: "Dev", roles: "full" }],
});
const backup = new wpe.Backup("pre-deploy", {
  installId: torquemag.id,
  description: "package test",
  notificationEmails: ["ops@package.example.com"],
  triggers: { sha: "1" },
});

module.exports = {
  installId: torquemag.id,
  siteCount: sites.apply((s) => s.length),
  caseyId: casey.userId,
  teamMembers: team.members,
  backupId: backup.backupId,
};
