// E2E test program for wpengine-drift: the team declared in team.yaml (a file path, as a reviewed
// repository would hold it), authoritative over the account, plus one pre-deploy backup.
const wpe = require("pulumi-wpengine");

const team = new wpe.AccountTeam("team", { members: "team.yaml", removeUnmanaged: true });
const backup = new wpe.Backup("pre-deploy", {
  installId: "294deacc-d8b8-4005-82c4-0727ba8ddde0",
  description: "Before the drift e2e deploy",
  notificationEmails: ["ops@example.com"],
  waitForCompletion: false,
});

module.exports = { unmanaged: team.unmanaged, backupStatus: backup.status };
