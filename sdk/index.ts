/**
 * pulumi-wpengine: WP Engine account users, backups, sites and SSH keys as Pulumi resources, plus
 * site, install and SSH key lookups.
 * @packageDocumentation
 */

// Types that exported signatures mention (LookupConnection, AccountTeam.removalRefused), exported so
// that programs can name them and the API reference can show them.
export type { ExplicitClientConfig } from "../provider/client/config";
export { ROLE_VALUES, type Role } from "../provider/client/roles";
export type { RoleAsRead, UnrecognizedRole } from "../provider/client/schemas";
export type { Refusal } from "../provider/resources/accountUserRemoval/guard";
export {
  AccountTeam,
  type AccountTeamArgs,
  AccountTeamError,
  type AccountTeamMember,
  type AccountTeamUser,
} from "./accountTeam";
export { AccountUser, type AccountUserArgs, type AccountUserRole } from "./accountUser";
// Type only: an AccountTeam declares its removal step, programs only read it (`team.removal`).
export type { AccountUserRemoval, AccountUserRemovalTarget } from "./accountUserRemoval";
export { CachePurge, type CachePurgeArgs, InstallCopy, type InstallCopyArgs } from "./actions";
export { Backup, type BackupArgs } from "./backup";
export { Domain, type DomainArgs } from "./domain";
export { type CertificateHolder, DomainCertificate, type DomainCertificateArgs } from "./domainCertificate";
export { Install, type InstallArgs } from "./install";
export {
  type AccountLimitsInfo,
  type DomainInfo,
  type GetAccountLimitsArgs,
  type GetDomainsArgs,
  type GetInstallArgs,
  type GetInstallsArgs,
  type GetSiteArgs,
  type GetSitesArgs,
  type GetSshKeysArgs,
  getAccountLimits,
  getAccountLimitsOutput,
  getDomains,
  getDomainsOutput,
  getInstall,
  getInstallOutput,
  getInstalls,
  getInstallsOutput,
  getSite,
  getSiteOutput,
  getSites,
  getSitesOutput,
  getSshKeys,
  getSshKeysOutput,
  type Inputs,
  type InstallInfo,
  type LookupConnection,
  resetLookupCache,
  type SiteInfo,
  type SshKeyInfo,
} from "./lookups";
export { Site, type SiteArgs, type SiteInstall } from "./site";
export { SshKey, type SshKeyArgs } from "./sshKey";
export { loadTeamFile, parseTeam, TeamFileError, type TeamMember, type TeamSpec } from "./team";
export {
  type CertificateInfo,
  type DailyUsageInfo,
  type Figure,
  type GetAccountUsageArgs,
  type GetInstallCertificatesArgs,
  type GetInstallUsageArgs,
  getAccountUsage,
  getAccountUsageInsights,
  getAccountUsageInsightsOutput,
  getAccountUsageOutput,
  getAccountUsageSummary,
  getAccountUsageSummaryOutput,
  getInstallCertificates,
  getInstallCertificatesOutput,
  getInstallUsage,
  getInstallUsageOutput,
  type InstallUsageInfo,
  type LatestValueInfo,
  type MetricBreakdownInfo,
  type MetricRollupInfo,
  type UsageInsightsInfo,
  type UsageLookupArgs,
  type UsageRollupInfo,
} from "./usage";
