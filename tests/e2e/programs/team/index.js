// E2E test program: declares the account users and backups given in stack config, so one program
// serves every scenario. `test:users` = [{ name, args, opts? }], `test:backups` = [{ name, args }].
const pulumi = require("@pulumi/pulumi");
const wpe = require("pulumi-wpengine");

const cfg = new pulumi.Config("test");
const users = cfg.getObject("users") || [];
const backups = cfg.getObject("backups") || [];

const userIds = {};
const roles = {};
for (const u of users) {
  const r = new wpe.AccountUser(u.name, u.args, u.opts);
  userIds[u.name] = r.userId;
  roles[u.name] = r.roles;
}
const backupIds = {};
const backupStatus = {};
for (const b of backups) {
  const r = new wpe.Backup(b.name, b.args);
  backupIds[b.name] = r.backupId;
  backupStatus[b.name] = r.status;
}
module.exports = { userIds, roles, backupIds, backupStatus };
