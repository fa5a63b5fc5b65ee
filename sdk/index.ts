/**
 * pulumi-wpengine: WP Engine account users and backups as Pulumi resources, plus site and install
 * lookups.
 * @packageDocumentation
 */

export {
  AccountTeam,
  type AccountTeamArgs,
  AccountTeamError,
  type AccountTeamMember,
  type AccountTeamUser,
} from "./accountTeam";
export { AccountUser, type AccountUserArgs, type AccountUserRole } from "./accountUser";
export { Backup, type BackupArgs } from "./backup";
export {
  type GetInstallArgs,
  type GetInstallsArgs,
  type GetSiteArgs,
  type GetSitesArgs,
  getInstall,
  getInstallOutput,
  getInstalls,
  getInstallsOutput,
  getSite,
  getSiteOutput,
  getSites,
  getSitesOutput,
  type Install,
  type LookupConnection,
  resetLookupCache,
  type Site,
} from "./lookups";
export { loadTeamFile, parseTeam, TeamFileError, type TeamMember, type TeamSpec } from "./team";
