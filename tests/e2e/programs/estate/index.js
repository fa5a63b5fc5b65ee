// E2E test program: declares the sites, installs and SSH keys given in stack config, so one program
// serves every scenario. `test:sites` = [{ name, args, opts? }], `test:installs` = [{ name, args,
// siteRef?, opts? }] (siteRef: the name of a declared site, whose id, unknown at first preview, becomes
// siteId), `test:sshKeys` = [{ name, args, opts? }], `test:purges` and `test:copies` = [{ name, args }],
// `test:domains` = [{ name, args, installRef?, opts? }] (installRef: the name of a declared install, whose id
// becomes installId), `test:certificates` = [{ name, domainRef, args }], `test:usage` (below).
const pulumi = require("@pulumi/pulumi");
const wpe = require("pulumi-wpengine");

const cfg = new pulumi.Config("test");
// `test:upperIds` = true: every id this program passes on (declared or read from another resource) is
// written in capitals, as a user may paste it; WP Engine compares ids case-insensitively.
const upper = cfg.getBoolean("upperIds") === true;
const id = (value) =>
  upper ? pulumi.output(value).apply((v) => (typeof v === "string" ? v.toUpperCase() : v)) : value;
const ids = (args) =>
  Object.fromEntries(Object.entries(args).map(([k, v]) => [k, /Id$|^redirectTo$/.test(k) ? id(v) : v]));
const sites = {};
const siteIds = {};
for (const s of cfg.getObject("sites") || []) {
  sites[s.name] = new wpe.Site(s.name, ids(s.args), s.opts);
  siteIds[s.name] = sites[s.name].siteId;
}
const installIds = {};
for (const i of cfg.getObject("installs") || []) {
  const args = i.siteRef ? { ...i.args, siteId: sites[i.siteRef].siteId } : i.args;
  installIds[i.name] = new wpe.Install(i.name, ids(args), i.opts).installId;
}
const keyIds = {};
for (const k of cfg.getObject("sshKeys") || []) {
  keyIds[k.name] = new wpe.SshKey(k.name, k.args, k.opts).keyId;
}
const domains = {};
for (const d of cfg.getObject("domains") || []) {
  // redirectRef: the name of a domain declared before this one, whose id becomes redirectTo.
  const args = {
    ...d.args,
    ...(d.installRef ? { installId: installIds[d.installRef] } : {}),
    ...(d.redirectRef ? { redirectTo: domains[d.redirectRef].domainId } : {}),
  };
  domains[d.name] = new wpe.Domain(d.name, ids(args), d.opts);
}
// `test:certificates` = [{ name, domainRef?, installRef?, args, opts? }]: the domain id comes from a
// declared Domain when domainRef names one, and the install id from a declared Install when installRef does.
for (const c of cfg.getObject("certificates") || []) {
  const args = {
    ...c.args,
    ...(c.installRef ? { installId: installIds[c.installRef] } : {}),
    ...(c.domainRef ? { domainId: domains[c.domainRef].domainId } : {}),
  };
  new wpe.DomainCertificate(c.name, ids(args), c.opts);
}
// purges and copies: `installRef` / `sourceRef` / `destinationRef` name declared installs.
for (const p of cfg.getObject("purges") || []) {
  const args = p.installRef ? { ...p.args, installId: installIds[p.installRef] } : p.args;
  new wpe.CachePurge(p.name, ids(args));
}
for (const c of cfg.getObject("copies") || []) {
  const args = {
    ...c.args,
    ...(c.sourceRef ? { sourceInstallId: installIds[c.sourceRef] } : {}),
    ...(c.destinationRef ? { destinationInstallId: installIds[c.destinationRef] } : {}),
  };
  new wpe.InstallCopy(c.name, ids(args));
}
// `test:usage` = { accountId, installId | installRef, firstDate?, lastDate? }: the read-only lookups,
// exported; installRef names a declared install, whose id is unknown at the first preview.
const usage = cfg.getObject("usage");
let reads;
if (usage) {
  const installId = usage.installRef ? installIds[usage.installRef] : usage.installId;
  const range = { firstDate: usage.firstDate, lastDate: usage.lastDate };
  const account = { accountId: usage.accountId, ...range };
  reads = {
    install: wpe.getInstallUsageOutput({ installId, ...range }),
    account: wpe.getAccountUsageOutput(account),
    summary: wpe.getAccountUsageSummaryOutput(account),
    insights: wpe.getAccountUsageInsightsOutput(account),
    limits: wpe.getAccountLimitsOutput({ accountId: usage.accountId }),
    certificates: wpe.getInstallCertificatesOutput({ installId }),
  };
}
module.exports = { siteIds, installIds, keyIds, reads };
