/**
 * The typed WP Engine Customer API client: one method per operation the provider needs. Path
 * parameters are checked to be UUIDs before anything is sent (so `../x` can never reach another
 * endpoint) and always URL-encoded. Bodies are validated on the way in and on the way out.
 *
 * The routes live in `resources/`, one family of routes per file with its inputs and recovery rules;
 * this class is the one entry point and delegates each method to its family.
 */
import { type ClientConfig, validateApiUrl } from "./config";
import { ConfigurationError } from "./errors";
import { HttpClient, type HttpClientOptions } from "./http";
import type { AccountFilter } from "./resources/accountFilter";
import { Accounts } from "./resources/accounts";
import {
  AccountUsers,
  type CreateAccountUserInput,
  type UpdateAccountUserInput,
} from "./resources/accountUsers";
import { Actions, type PurgeCacheType } from "./resources/actions";
import { Backups, type CreateBackupInput } from "./resources/backups";
import type { DeleteResult } from "./resources/base";
import { type CreateDomainInput, Domains, type UpdateDomainChange } from "./resources/domains";
import { type CreateInstallInput, Installs, type UpdateInstallChange } from "./resources/installs";
import { type CreateSiteInput, Sites } from "./resources/sites";
import { SshKeys } from "./resources/sshKeys";
import { Usage } from "./resources/usage";
import type {
  Account,
  AccountLimits,
  AccountUser,
  Backup,
  CertificateOrder,
  CopyInstallBody,
  Domain,
  DomainCertificate,
  Installation,
  RequestedBackup,
  Site,
  SshKey,
  Status,
  User,
} from "./schemas";
import type {
  EnvironmentUsage,
  InstallCertificate,
  UsageInsights,
  UsageRange,
  UsageRollup,
} from "./usageSchemas";

export type { AccountFilter } from "./resources/accountFilter";
export type { CreateAccountUserInput, UpdateAccountUserInput } from "./resources/accountUsers";
export { CREATE_USER_MAX_POSTS, isCreatedBy, isEmailTakenError } from "./resources/accountUsers";
export type { CreateBackupInput } from "./resources/backups";
export type { DeleteResult } from "./resources/base";

/** Options of {@link WpEngineClient}. */
export interface WpEngineClientOptions extends HttpClientOptions {}

/** A client for the WP Engine Customer API. Create one per set of credentials. */
export class WpEngineClient {
  readonly #http: HttpClient;
  // One instance of each family per client, all over the same HTTP layer.
  readonly #accounts: Accounts;
  readonly #accountUsers: AccountUsers;
  readonly #sites: Sites;
  readonly #installs: Installs;
  readonly #domains: Domains;
  readonly #sshKeys: SshKeys;
  readonly #backups: Backups;
  readonly #actions: Actions;
  readonly #usage: Usage;

  /**
   * @param config - Usually from {@link resolveClientConfig}.
   * @throws ConfigurationError for missing credentials or an unusable URL.
   */
  constructor(config: ClientConfig, options: WpEngineClientOptions = {}) {
    if (!config.apiUserId || !config.apiPassword) {
      throw new ConfigurationError(
        "WpEngineClient needs an API user id and password; use resolveClientConfig() to read them from the Pulumi config or environment.",
      );
    }
    const apiUrl = validateApiUrl(config.apiUrl);
    this.#http = new HttpClient({ ...config, apiUrl }, options);
    this.#accounts = new Accounts(this.#http);
    this.#accountUsers = new AccountUsers(this.#http);
    this.#sites = new Sites(this.#http);
    this.#installs = new Installs(this.#http);
    this.#domains = new Domains(this.#http, this.#installs);
    this.#sshKeys = new SshKeys(this.#http);
    this.#backups = new Backups(this.#http);
    this.#actions = new Actions(this.#http);
    this.#usage = new Usage(this.#http);
  }

  /** The API base URL requests go to. */
  get apiUrl(): string {
    return this.#http.baseUrl.href.replace(/\/$/, "");
  }

  /** `GET /user`: the user behind the credentials (a cheap credentials check). */
  getCurrentUser(): Promise<User> {
    return this.#accounts.getCurrentUser();
  }

  /** `GET /status`: API health. */
  getStatus(): Promise<Status> {
    return this.#accounts.getStatus();
  }

  /** `GET /accounts`, every page. */
  listAccounts(): AsyncIterable<Account> {
    return this.#accounts.listAccounts();
  }

  /** `GET /accounts/{account_id}`. */
  getAccount(accountId: string): Promise<Account> {
    return this.#accounts.getAccount(accountId);
  }

  /** `GET /accounts/{account_id}/limits`: the plan's visitors, storage and bandwidth (GB). */
  getAccountLimits(accountId: string): Promise<AccountLimits> {
    return this.#accounts.getAccountLimits(accountId);
  }

  /** `GET /accounts/{account_id}/account_users`, unpaged: see {@link AccountUsers.listAccountUsers}. */
  listAccountUsers(accountId: string): Promise<AccountUser[]> {
    return this.#accountUsers.listAccountUsers(accountId);
  }

  /** `GET /accounts/{account_id}/account_users/{user_id}`. */
  getAccountUser(accountId: string, userId: string): Promise<AccountUser> {
    return this.#accountUsers.getAccountUser(accountId, userId);
  }

  /** The account's user with this email (compared case-insensitively), or `undefined`. */
  findAccountUserByEmail(accountId: string, email: string): Promise<AccountUser | undefined> {
    return this.#accountUsers.findAccountUserByEmail(accountId, email);
  }

  /**
   * `POST /accounts/{account_id}/account_users`, never blindly repeated after an unknown outcome: see
   * {@link AccountUsers.createAccountUser}.
   */
  createAccountUser(accountId: string, input: CreateAccountUserInput): Promise<AccountUser> {
    return this.#accountUsers.createAccountUser(accountId, input);
  }

  /** `PATCH /accounts/{account_id}/account_users/{user_id}`: see {@link AccountUsers.updateAccountUser}. */
  updateAccountUser(accountId: string, userId: string, input: UpdateAccountUserInput): Promise<AccountUser> {
    return this.#accountUsers.updateAccountUser(accountId, userId, input);
  }

  /** `DELETE /accounts/{account_id}/account_users/{user_id}`: see {@link AccountUsers.deleteAccountUser}. */
  deleteAccountUser(accountId: string, userId: string): Promise<DeleteResult> {
    return this.#accountUsers.deleteAccountUser(accountId, userId);
  }

  /** `GET /sites`, every page, optionally for one account: see {@link Sites.listSites}. */
  listSites(filter: AccountFilter = {}): AsyncIterable<Site> {
    return this.#sites.listSites(filter);
  }

  /** `GET /sites/{site_id}`. */
  getSite(siteId: string): Promise<Site> {
    return this.#sites.getSite(siteId);
  }

  /** `POST /sites`: see {@link Sites.createSite} for what happens after an unknown outcome. */
  createSite(input: CreateSiteInput): Promise<Site> {
    return this.#sites.createSite(input);
  }

  /** `PATCH /sites/{site_id}`: renames a site (the only change the API allows). Safe to retry. */
  renameSite(siteId: string, name: string): Promise<Site> {
    return this.#sites.renameSite(siteId, name);
  }

  /** `DELETE /sites/{site_id}`; `not_found` when it was already gone. */
  deleteSite(siteId: string): Promise<DeleteResult> {
    return this.#sites.deleteSite(siteId);
  }

  /** `GET /ssh_keys`, every page: the SSH keys of the person behind the credentials. */
  listSshKeys(): AsyncIterable<SshKey> {
    return this.#sshKeys.listSshKeys();
  }

  /**
   * `POST /ssh_keys`, refused when the key is already listed: see {@link SshKeys.createSshKey}.
   *
   * @throws AlreadyExistsError when the key is already listed (nothing was sent).
   */
  createSshKey(publicKey: string, fingerprint: string): Promise<SshKey> {
    return this.#sshKeys.createSshKey(publicKey, fingerprint);
  }

  /** `DELETE /ssh_keys/{ssh_key_id}`; no 404 is documented: see {@link SshKeys.deleteSshKey}. */
  deleteSshKey(keyId: string): Promise<void> {
    return this.#sshKeys.deleteSshKey(keyId);
  }

  /** `GET /installs`, every page, optionally for one account: see {@link Installs.listInstalls}. */
  listInstalls(filter: AccountFilter = {}): AsyncIterable<Installation> {
    return this.#installs.listInstalls(filter);
  }

  /** `GET /installs/{install_id}`. */
  getInstall(installId: string): Promise<Installation> {
    return this.#installs.getInstall(installId);
  }

  /**
   * `POST /installs`, refused when the account has the name: see {@link Installs.createInstall}.
   *
   * @throws AlreadyExistsError when the account already has an install of that name (nothing was sent).
   */
  createInstall(input: CreateInstallInput): Promise<Installation> {
    return this.#installs.createInstall(input);
  }

  /** `PATCH /installs/{install_id}`: moves an install to another site and/or environment. Safe to retry. */
  updateInstall(installId: string, change: UpdateInstallChange): Promise<Installation> {
    return this.#installs.updateInstall(installId, change);
  }

  /** `DELETE /installs/{install_id}` (deletes the website); `not_found` when it was already gone. */
  deleteInstall(installId: string): Promise<DeleteResult> {
    return this.#installs.deleteInstall(installId);
  }

  /** `GET /installs/{install_id}/domains`, every page. */
  listDomains(installId: string): AsyncIterable<Domain> {
    return this.#domains.listDomains(installId);
  }

  /**
   * `POST /installs/{install_id}/domains`, refused when the install has the name: see
   * {@link Domains.createDomain}.
   *
   * @throws AlreadyExistsError when the install already has the domain (nothing was sent).
   */
  createDomain(installId: string, input: CreateDomainInput): Promise<Domain> {
    return this.#domains.createDomain(installId, input);
  }

  /** `PATCH /installs/{install_id}/domains/{domain_id}`: primary, redirect, secure-all-URLs. Safe to retry. */
  updateDomain(installId: string, domainId: string, change: UpdateDomainChange): Promise<Domain> {
    return this.#domains.updateDomain(installId, domainId, change);
  }

  /** `DELETE /installs/{install_id}/domains/{domain_id}`; `not_found` when it was already gone. */
  deleteDomain(installId: string, domainId: string): Promise<DeleteResult> {
    return this.#domains.deleteDomain(installId, domainId);
  }

  /**
   * `POST .../domains/{domain_id}/ssl_certificate` (202): orders a certificate; see
   * {@link Domains.orderCertificate}.
   */
  orderCertificate(installId: string, domainId: string, order: CertificateOrder): Promise<void> {
    return this.#domains.orderCertificate(installId, domainId, order);
  }

  /** `GET .../domains/{domain_id}/ssl_certificate`: status and dates; the private key is never kept. */
  getDomainCertificate(installId: string, domainId: string): Promise<DomainCertificate> {
    return this.#domains.getDomainCertificate(installId, domainId);
  }

  /**
   * `GET /installs/{install_id}/ssl_certificates`, every page, empty for an install without any: see
   * {@link Domains.listInstallCertificates}.
   */
  listInstallCertificates(installId: string): Promise<InstallCertificate[]> {
    return this.#domains.listInstallCertificates(installId);
  }

  /** `POST /installs/{install_id}/purge_cache` (202): see {@link Actions.purgeCache}. */
  purgeCache(installId: string, type: PurgeCacheType): Promise<void> {
    return this.#actions.purgeCache(installId, type);
  }

  /**
   * `POST /install_copy` (202): overwrites the destination with the source. Never repeated after an
   * unknown outcome: see {@link Actions.copyInstall}.
   *
   * @throws AmbiguousWriteError when the copy may or may not have started.
   */
  copyInstall(input: CopyInstallBody): Promise<void> {
    return this.#actions.copyInstall(input);
  }

  /**
   * `POST /installs/{install_id}/backups`: requests a backup, never repeated after an unknown outcome;
   * see {@link Backups.createBackup}.
   *
   * @throws AmbiguousWriteError when the backup may or may not have been requested.
   */
  createBackup(installId: string, input: CreateBackupInput): Promise<RequestedBackup> {
    return this.#backups.createBackup(installId, input);
  }

  /** `GET /installs/{install_id}/backups/{backup_id}`: a backup's status; see {@link Backups.getBackup}. */
  getBackup(installId: string, backupId: string): Promise<Backup> {
    return this.#backups.getBackup(installId, backupId);
  }

  /**
   * `GET /accounts/{account_id}/usage`: each install's daily figures, every page; see
   * {@link Usage.listAccountUsage}.
   */
  listAccountUsage(accountId: string, range: UsageRange = {}): AsyncIterable<EnvironmentUsage> {
    return this.#usage.listAccountUsage(accountId, range);
  }

  /** `GET /accounts/{account_id}/usage/summary`: the account's rollup over the range. */
  getAccountUsageSummary(accountId: string, range: UsageRange = {}): Promise<UsageRollup> {
    return this.#usage.getAccountUsageSummary(accountId, range);
  }

  /** `GET /accounts/{account_id}/usage/insights`: totals by environment type and site type. */
  getAccountUsageInsights(accountId: string, range: UsageRange = {}): Promise<UsageInsights> {
    return this.#usage.getAccountUsageInsights(accountId, range);
  }

  /** `GET /installs/{install_id}/usage`: one install's daily figures and rollup over the range. */
  getInstallUsage(installId: string, range: UsageRange = {}): Promise<EnvironmentUsage> {
    return this.#usage.getInstallUsage(installId, range);
  }
}
