// E2E test program: declares the sites and SSH keys given in stack config, so one program serves every
// scenario. `test:sites` = [{ name, args, opts? }], `test:sshKeys` = [{ name, args, opts? }].
const pulumi = require("@pulumi/pulumi");
const wpe = require("pulumi-wpengine");

const cfg = new pulumi.Config("test");
const siteIds = {};
for (const s of cfg.getObject("sites") || []) {
  siteIds[s.name] = new wpe.Site(s.name, s.args, s.opts).siteId;
}
const keyIds = {};
for (const k of cfg.getObject("sshKeys") || []) {
  keyIds[k.name] = new wpe.SshKey(k.name, k.args, k.opts).keyId;
}
module.exports = { siteIds, keyIds };
