// Lookups turn the names people use (an install called "torquemag") into the ids resources need, and
// make small reports from what WP Engine knows. They only read: this program creates no resources.
// Each list walks every page once per run, however many lookups share it.
import * as pulumi from "@pulumi/pulumi";
import * as wpe from "pulumi-wpengine";

const config = new pulumi.Config();
const installName = config.get("install") ?? "torquemag";
const minPhp = config.get("minPhpVersion") ?? "8.1";

/** Compares dotted versions numerically ("7.4" < "8.1" < "8.10"). */
function olderThan(version: string, min: string): boolean {
  const a = version.split(".").map(Number);
  const b = min.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d < 0;
  }
  return false;
}

// One install by name, then its site by id, then everything else in the same account.
const install = wpe.getInstallOutput({ name: installName });
const site = install.apply((i) => {
  if (!i.siteId) throw new Error(`install ${i.name} belongs to no site`);
  return wpe.getSite({ id: i.siteId });
});
// The API may leave an install's account out (it is optional in the contract): never list every account then.
const accountId = install.apply((i) => {
  if (!i.accountId) throw new Error(`WP Engine did not report the account of install ${i.name}`);
  return i.accountId;
});
const sites = wpe.getSitesOutput({ accountId });
const production = wpe.getInstallsOutput({ accountId, environment: "production" });

/** The install's id: what `AccountUser.installIds` and `Backup.installId` take. */
export const installId = install.id;
/** Where the install serves from. */
export const primaryDomain = install.primaryDomain;
/** The install's site and its environments, e.g. `{ production: "torquemag", staging: "torquemagstg" }`. */
export const siteEnvironments = site.apply((s) => ({
  site: s.name,
  environments: Object.fromEntries(s.installs.map((i) => [i.environment ?? "unknown", i.name])),
}));
/** How many sites the install's account has. */
export const siteCount = sites.apply((all) => all.length);
/** How many production installs the account has. */
export const productionInstallCount = production.apply((all) => all.length);
/** Production installs on a PHP version older than `minPhpVersion`, sorted by name: upgrade candidates. */
export const outdatedPhp = production.apply((all) =>
  all
    .filter((i) => i.phpVersion !== null && olderThan(i.phpVersion, minPhp))
    .map((i) => ({ name: i.name, phpVersion: i.phpVersion }))
    .sort((a, b) => a.name.localeCompare(b.name)),
);
