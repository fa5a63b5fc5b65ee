/**
 * pulumi-wpengine: WP Engine account users and backups as Pulumi resources, plus site and install
 * lookups.
 * @packageDocumentation
 */
export { AccountUser, type AccountUserArgs, type AccountUserRole } from "./accountUser";
export { Backup, type BackupArgs } from "./backup";
