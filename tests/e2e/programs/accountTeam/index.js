// E2E test program: one AccountTeam whose arguments come from stack config `test:team`
// ({ accountId, members, removeUnmanaged?, allowOwnerLockout? }), so one program serves every step.
const pulumi = require("@pulumi/pulumi");
const wpe = require("pulumi-wpengine");

const args = new pulumi.Config("test").requireObject("team");
const team = new wpe.AccountTeam("team", args);

module.exports = {
  members: team.members,
  unmanaged: team.unmanaged,
  removalRefused: team.removalRefused,
  userIds: Object.fromEntries(Object.entries(team.users).map(([email, u]) => [email, u.userId])),
};
