// A WordPress environment per pull request. Each pull request is its own stack (`pr-123`):
//
//   pulumi up   -s pr-123 -c pullRequest=123 -c gitSha=$SHA              # environment + backup
//   git push git@git.wpengine.com:production/<installName>.git HEAD:main  # the deploy (CI step)
//   pulumi up   -s pr-123 -c pullRequest=123 -c gitSha=$SHA -c deployedSha=$SHA   # purge after it
//   pulumi destroy -s pr-123 --remove                                     # pull request closed
//
// The stack creates a site, a development install and a domain for the pull request, copies the staging
// install's content into it once, backs up production before every deploy of a new commit, and
// purges the install's cache after each deploy. Each pull request gets its own site because a WP
// Engine site holds one install per environment, so two pull requests side by side never collide.
import * as pulumi from "@pulumi/pulumi";
import * as wpe from "pulumi-wpengine";

const config = new pulumi.Config();
const pullRequest = config.requireNumber("pullRequest");
const gitSha = config.require("gitSha");
const deployedSha = config.get("deployedSha");
const accountId = config.require("accountId");
const prefix = config.get("installPrefix") ?? "torquepr";
const notify = config.getObject<string[]>("notify") ?? ["ops@example.com"];

// Install names are 3-14 lowercase letters and digits and unique across WP Engine: check ours here,
// so a long prefix or pull request number fails before anything is created.
const installName = `${prefix}${pullRequest}`;
if (!/^[a-z][a-z0-9]{2,13}$/.test(installName)) {
  throw new Error(
    `install name "${installName}" is not valid: shorten installPrefix (3-14 letters and digits in all)`,
  );
}

const staging = wpe.getInstallOutput({ name: config.get("stagingInstall") ?? "torquemagstg" });
const production = wpe.getInstallOutput({ name: config.get("productionInstall") ?? "torquemag" });

// A pull request's environment is thrown away when the pull request closes (`pulumi destroy`): its
// site and install say so in so many words, since deletion protection is on by default.
const site = new wpe.Site("site", { accountId, name: `PR ${pullRequest}`, deletionProtection: false });
const install = new wpe.Install("install", {
  accountId,
  name: installName,
  siteId: site.siteId,
  environment: "development",
  deletionProtection: false,
});

// The pull request's own host name on the install (point a wildcard DNS record at WP Engine once).
const domainSuffix = config.get("domainSuffix") ?? "preview.torque.news";
const domain = new wpe.Domain("domain", {
  installId: install.installId,
  name: `pr-${pullRequest}.${domainSuffix}`,
  primary: true,
  secureAllUrls: true,
});

// Staging's content, copied once into the new install (again only if the install is replaced).
new wpe.InstallCopy("content", {
  sourceInstallId: staging.id,
  destinationInstallId: install.installId,
  notificationEmails: notify,
  triggers: { install: install.installId },
});

// Production is backed up before each new commit is deployed (the CI deploys after this `up`).
const backup = new wpe.Backup("pre-deploy", {
  installId: production.id,
  description: `Before deploying PR ${pullRequest} at ${gitSha}`,
  notificationEmails: notify,
  triggers: { gitSha },
});

// After the CI's deploy step, the second `up` (with deployedSha) purges the install's cache.
if (deployedSha) {
  new wpe.CachePurge("after-deploy", { installId: install.installId, triggers: { deployedSha } });
}

/** The pull request's install name; its git remote is `git@git.wpengine.com:production/<name>.git`. */
export const name = install.name;
/** Where the pull request's environment answers. */
export const url = pulumi.interpolate`https://${domain.name}`;
/** The DNS target for the domain (a CNAME), should the wildcard record not cover it. */
export const cname = install.cname;
/** The backup of production taken before this commit's deploy. */
export const backupId = backup.backupId;
