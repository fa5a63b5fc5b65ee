/**
 * The single state store of one emulator: domain data, run-time config, faults and the request log.
 * Routes stay thin and call the store; every domain rule (who may see what, unique emails, the last
 * owner, partial installs, backup progress) lives here.
 */
import { randomUUID } from "node:crypto";
import { DEFAULT_BACKUP_SCHEDULE, type EmulatorConfig } from "./config";
import { FaultSet } from "./faults";
import { ApiFailure, invalid, isUuid } from "./http";
import type {
  AccountRecord,
  AccountUserRecord,
  ApiPersonRecord,
  BackupRecord,
  BackupStatus,
  CachePurgeRecord,
  CertificateRecord,
  DomainRecord,
  InstallCopyRecord,
  InstallEnvironment,
  InstallRecord,
  Seed,
  SiteRecord,
  SshKeyRecord,
} from "./model";
import { type EmulatorProfile, enforcesLastOwnerByDefault } from "./profile";
import { md5Fingerprint, parsePublicKey } from "./publicKeys";
import { RequestLog } from "./requestLog";
import { isOwner, isPartial, type WrittenRole } from "./roles";
import { parseSeed } from "./seedCheck";

/** How a store starts. */
export interface StoreOptions {
  seed: Seed;
  latencyMs?: number;
  backupSchedule?: EmulatorConfig["backupSchedule"];
  /** Answer profile; default `default`. */
  profile?: EmulatorProfile;
  /** Enforce the last-owner rule; default: the profile's default (on for `default`, off for `minimal`). */
  enforceLastOwner?: boolean;
  /** Clock for the "time" backup schedule; tests may inject one. */
  now?: () => number;
}

/** A validated create request for an account user. */
export interface NewAccountUser {
  account_id: string;
  first_name: string;
  last_name: string;
  email: string;
  roles: WrittenRole;
  install_ids: string[];
}

/** A validated PATCH of an account user (the API lets only roles and installs change). */
export interface AccountUserChange {
  roles: WrittenRole;
  install_ids?: string[];
}

/** A validated create request for a site. */
export interface NewSite {
  name: string;
  account_id: string;
}

/** A validated create request for an install. */
export interface NewInstall {
  name: string;
  account_id: string;
  site_id: string | null;
  environment: InstallEnvironment;
}

/** A validated install PATCH: only the site and the environment can change. */
export interface InstallChange {
  site_id?: string;
  environment?: InstallEnvironment;
}

/** A validated backup request. */
export interface NewBackup {
  description: string;
  notification_emails: string[];
}

/** A backup as the control plane shows it: the record plus its current status. */
export interface BackupState extends BackupRecord {
  status: BackupStatus;
  account_id: string;
}

/** What `GET /__emulator/state` answers: a seed-compatible dump plus derived backup statuses. */
export interface EmulatorState extends Omit<Seed, "backups"> {
  backups: BackupState[];
  /** Cache purges accepted since the last reset or seed. */
  cachePurges: CachePurgeRecord[];
  /** Install copies accepted since the last reset or seed. */
  installCopies: InstallCopyRecord[];
  /** Certificate orders since the last reset or seed. */
  certificates: CertificateRecord[];
  config: EmulatorConfig;
}

const USER = "AccountUser";

/** All state of one emulator. Two stores never share anything. */
export class EmulatorStore {
  /** Fault rules of this emulator. */
  readonly faults = new FaultSet();
  /** API requests this emulator answered. */
  readonly requests = new RequestLog();
  /** Current run-time settings. */
  config: EmulatorConfig;

  private readonly initialSeed: Seed;
  private readonly initialConfig: EmulatorConfig;
  private readonly now: () => number;
  private apiUser!: ApiPersonRecord;
  private accounts = new Map<string, AccountRecord>();
  private sites = new Map<string, SiteRecord>();
  private installs = new Map<string, InstallRecord>();
  private users: AccountUserRecord[] = [];
  private backups = new Map<string, BackupRecord>();
  private sshKeys = new Map<string, SshKeyRecord>();
  private domains = new Map<string, DomainRecord>();
  private certificates = new Map<string, CertificateRecord>();
  private cachePurges: CachePurgeRecord[] = [];
  private installCopies: InstallCopyRecord[] = [];

  constructor(options: StoreOptions) {
    this.initialSeed = parseSeed(structuredClone(options.seed));
    const profile = options.profile ?? "default";
    this.initialConfig = {
      latencyMs: options.latencyMs ?? 0,
      backupSchedule: { ...(options.backupSchedule ?? DEFAULT_BACKUP_SCHEDULE) },
      profile,
      enforceLastOwner: options.enforceLastOwner ?? enforcesLastOwnerByDefault(profile),
      accountUsersPageSize: null,
    };
    this.config = structuredClone(this.initialConfig);
    this.now = options.now ?? Date.now;
    this.load(this.initialSeed);
  }

  /** Back to the starting seed and settings; clears faults, the request log and forced aborts. */
  reset(): void {
    this.load(this.initialSeed);
    this.config = structuredClone(this.initialConfig);
    this.faults.clear();
    this.requests.clear();
  }

  /** Replaces all domain data with a (validated) seed. Faults, log and settings are kept. */
  load(seed: Seed): void {
    const s = parseSeed(structuredClone(seed));
    this.apiUser = s.apiUser;
    this.accounts = new Map(s.accounts.map((a) => [a.id, a]));
    this.sites = new Map(s.sites.map((x) => [x.id, x]));
    this.installs = new Map(s.installs.map((x) => [x.id, x]));
    this.users = s.accountUsers;
    this.backups = new Map(s.backups.map((b) => [b.id, b]));
    this.sshKeys = new Map(s.sshKeys.map((k) => [k.uuid, k]));
    this.domains = new Map(s.domains.map((d) => [d.id, d]));
    this.cachePurges = [];
    this.installCopies = [];
    this.certificates = new Map();
  }

  /** A deep copy of everything, as JSON-friendly data. */
  snapshot(): EmulatorState {
    return structuredClone({
      apiUser: this.apiUser,
      accounts: [...this.accounts.values()],
      sites: [...this.sites.values()],
      installs: [...this.installs.values()],
      accountUsers: this.users,
      backups: [...this.backups.values()].map((b) => ({
        ...b,
        status: this.backupStatus(b),
        account_id: this.installs.get(b.install_id)?.account_id ?? "",
      })),
      sshKeys: [...this.sshKeys.values()],
      domains: [...this.domains.values()],
      cachePurges: this.cachePurges,
      installCopies: this.installCopies,
      certificates: [...this.certificates.values()],
      config: this.config,
    });
  }

  // ---- people and accounts -------------------------------------------------------------------

  /** The person behind the credentials (`GET /user`). */
  currentUser(): ApiPersonRecord {
    return structuredClone(this.apiUser);
  }

  /** True when the credentials may use the account. */
  canSee(accountId: string): boolean {
    return this.apiUser.account_ids.includes(accountId);
  }

  /** Accounts the credentials may use, in seed order. */
  visibleAccounts(): AccountRecord[] {
    return [...this.accounts.values()].filter((a) => this.canSee(a.id));
  }

  /** An account the credentials may use; otherwise a not_found or forbidden failure. */
  account(id: string, field = "account_id"): AccountRecord {
    const account = this.accounts.get(id.toLowerCase());
    if (!account) throw new ApiFailure("not_found", "Account not found", "Account", field);
    if (!this.canSee(account.id)) {
      throw new ApiFailure("forbidden", "You don't have permission to access this account", "Account", field);
    }
    return account;
  }

  // ---- sites and installs --------------------------------------------------------------------

  /** Visible sites, optionally of one (visible) account. */
  listSites(accountId?: string): SiteRecord[] {
    const only = accountId === undefined ? undefined : this.account(accountId).id;
    return [...this.sites.values()].filter(
      (s) => this.canSee(s.account_id) && (only === undefined || s.account_id === only),
    );
  }

  /** A site the credentials may see. */
  site(id: string): SiteRecord {
    const site = this.sites.get(id.toLowerCase());
    if (!site) throw new ApiFailure("not_found", "Site not found", "Site", "site_id");
    if (!this.canSee(site.account_id)) {
      throw new ApiFailure("forbidden", "You don't have permission to access this site", "Site", "site_id");
    }
    return site;
  }

  /** Creates a site in a visible account. Names need not be unique (WP Engine allows repeats). */
  createSite(input: NewSite): SiteRecord {
    const account = this.account(input.account_id);
    const site: SiteRecord = {
      id: randomUUID(),
      name: input.name,
      account_id: account.id,
      group_name: null,
      tags: [],
      created_at: new Date(this.now()).toISOString(),
      sandbox: false,
      transferable: false,
    };
    this.sites.set(site.id, site);
    return site;
  }

  /** Renames a visible site (the only change the API allows). */
  renameSite(id: string, name: string): SiteRecord {
    const site = this.site(id);
    site.name = name;
    return site;
  }

  /** Deletes a visible site; refused while installs remain (deleting them would delete websites). */
  deleteSite(id: string): void {
    const site = this.site(id);
    const installs = this.installsOfSite(site.id);
    if (installs.length > 0) {
      throw invalid(
        "Site",
        "site_id",
        "has_installs",
        `This site still has installs (${installs.map((i) => i.name).join(", ")}); delete them first.`,
      );
    }
    this.sites.delete(site.id);
  }

  /** Installs attached to a site, in seed order. */
  installsOfSite(siteId: string): InstallRecord[] {
    return [...this.installs.values()].filter((i) => i.site_id === siteId);
  }

  /** Visible installs, optionally of one (visible) account. */
  listInstalls(accountId?: string): InstallRecord[] {
    const only = accountId === undefined ? undefined : this.account(accountId).id;
    return [...this.installs.values()].filter(
      (i) => this.canSee(i.account_id) && (only === undefined || i.account_id === only),
    );
  }

  /** An install the credentials may see. */
  install(id: string): InstallRecord {
    const install = this.installs.get(id.toLowerCase());
    if (!install) throw new ApiFailure("not_found", "Install not found", "Install", "install_id");
    if (!this.canSee(install.account_id)) {
      throw new ApiFailure(
        "forbidden",
        "You don't have permission to access this install",
        "Install",
        "install_id",
      );
    }
    return install;
  }

  /**
   * Creates an install. Rules: the name is unique across all of WP Engine (every account, seen or
   * not); the site, when given, is of the same account; a site holds one install per environment.
   */
  createInstall(input: NewInstall): InstallRecord {
    const account = this.account(input.account_id);
    if ([...this.installs.values()].some((i) => i.name === input.name)) {
      throw invalid("Install", "name", "taken", "This install name is already taken.", "value_unavailable");
    }
    const siteId =
      input.site_id === null ? null : this.checkSiteSlot(account.id, input.site_id, input.environment);
    const now = new Date(this.now()).toISOString();
    const install: InstallRecord = {
      id: randomUUID(),
      name: input.name,
      account_id: account.id,
      site_id: siteId,
      environment: input.environment,
      php_version: "8.2",
      status: "active",
      cname: `${input.name}.wpengine.com`,
      stable_ips: null,
      primary_domain: `${input.name}.wpengine.com`,
      is_multisite: false,
      created_at: now,
      wp_version: "6.8.1",
      defer_wordpress_upgrades_until: null,
    };
    this.installs.set(install.id, install);
    return install;
  }

  /** Moves an install to another site of its account and/or changes its environment. */
  updateInstall(id: string, change: InstallChange): InstallRecord {
    const install = this.install(id);
    const siteId = change.site_id ?? install.site_id;
    const environment = change.environment !== undefined ? change.environment : install.environment;
    if (siteId !== null) this.checkSiteSlot(install.account_id, siteId, environment, install.id);
    install.site_id = siteId === null ? null : siteId.toLowerCase();
    install.environment = environment;
    return install;
  }

  /** Deletes an install (its website) with its domains and certificates; partial users lose it from their installs. */
  deleteInstall(id: string): void {
    const install = this.install(id);
    this.installs.delete(install.id);
    for (const u of this.users) u.install_ids = u.install_ids.filter((i) => i !== install.id);
    // The website goes with its domains and their certificates, so their names are free again.
    for (const d of [...this.domains.values()]) {
      if (d.install_id !== install.id) continue;
      this.domains.delete(d.id);
      this.certificates.delete(d.id);
    }
  }

  private checkSiteSlot(
    accountId: string,
    siteId: string,
    environment: InstallEnvironment,
    self?: string,
  ): string {
    const site = isUuid(siteId) ? this.sites.get(siteId.toLowerCase()) : undefined;
    if (!site || site.account_id !== accountId) {
      throw invalid("Install", "site_id", "not_found", `Site ${siteId} does not exist on this account.`);
    }
    const taken = this.installsOfSite(site.id).find(
      (i) => i.id !== self && environment !== null && i.environment === environment,
    );
    if (taken) {
      throw invalid(
        "Install",
        "environment",
        "taken",
        `The site already has a ${environment} install (${taken.name}).`,
        "value_unavailable",
      );
    }
    return site.id;
  }

  /** Any install by id, visible or not (for rendering names of a user's installs). */
  installById(id: string): InstallRecord | undefined {
    return this.installs.get(id);
  }

  // ---- account users -------------------------------------------------------------------------

  /** Users of a visible account, in creation order. */
  listAccountUsers(accountId: string): AccountUserRecord[] {
    const account = this.account(accountId);
    return this.users.filter((u) => u.account_id === account.id);
  }

  /** One user of a visible account. */
  accountUser(accountId: string, userId: string): AccountUserRecord {
    const account = this.account(accountId);
    const user = this.users.find((u) => u.account_id === account.id && u.user_id === userId.toLowerCase());
    if (!user) throw new ApiFailure("not_found", "Account user not found", USER, "user_id");
    return user;
  }

  /** True when `user` is an owner and no other owner of its account exists. */
  isLastOwner(user: AccountUserRecord): boolean {
    if (!isOwner(user.roles)) return false;
    return !this.users.some((u) => u !== user && u.account_id === user.account_id && isOwner(u.roles));
  }

  /**
   * Creates an account user. Rules: the body's account must be the path's; the email must be new to the
   * account (case-insensitive); `install_ids` only with a partial role, and only installs of the account.
   */
  createAccountUser(accountId: string, input: NewAccountUser): AccountUserRecord {
    const account = this.account(accountId);
    if (input.account_id.toLowerCase() !== account.id) {
      throw invalid(USER, "account_id", "mismatch", "user.account_id must match the account in the path.");
    }
    const email = input.email.toLowerCase();
    if (this.users.some((u) => u.account_id === account.id && u.email.toLowerCase() === email)) {
      throw invalid(
        USER,
        "email",
        "taken",
        "A user with this email already exists on this account.",
        "value_unavailable",
      );
    }
    const installIds = this.checkInstallIds(account.id, input.roles, input.install_ids);
    const user: AccountUserRecord = {
      user_id: randomUUID(),
      account_id: account.id,
      first_name: input.first_name,
      last_name: input.last_name,
      email: input.email,
      phone: null,
      invite_accepted: false,
      mfa_enabled: false,
      roles: input.roles,
      install_ids: installIds,
    };
    this.users.push(user);
    return user;
  }

  /**
   * Changes a user's roles and installs. A partial role without `install_ids` keeps the installs it had
   * (none when it was not partial before); a non-partial role clears them. The last owner cannot stop
   * being an owner while `enforceLastOwner` is on.
   */
  updateAccountUser(accountId: string, userId: string, change: AccountUserChange): AccountUserRecord {
    const user = this.accountUser(accountId, userId);
    if (this.config.enforceLastOwner && this.isLastOwner(user) && !isOwner(change.roles)) {
      throw invalid(USER, "roles", "last_owner", "An account must keep at least one owner.");
    }
    let installIds: string[];
    if (change.install_ids !== undefined)
      installIds = this.checkInstallIds(user.account_id, change.roles, change.install_ids);
    else installIds = isPartial(change.roles) && isPartial(user.roles) ? user.install_ids : [];
    user.roles = change.roles;
    user.install_ids = installIds;
    return user;
  }

  /** Removes a user from an account, unless it is the account's last owner (when that rule is on). */
  deleteAccountUser(accountId: string, userId: string): void {
    const user = this.accountUser(accountId, userId);
    if (this.config.enforceLastOwner && this.isLastOwner(user)) {
      throw invalid(USER, "user_id", "last_owner", "An account must keep at least one owner.");
    }
    this.users = this.users.filter((u) => u !== user);
  }

  /** Portal simulation: the user accepted their invitation. */
  acceptInvite(accountId: string, userId: string): AccountUserRecord {
    const user = this.portalUser(accountId, userId);
    user.invite_accepted = true;
    return user;
  }

  /** Portal simulation: the user turned MFA on or off (toggles when `enabled` is not given). */
  setMfa(accountId: string, userId: string, enabled?: boolean): AccountUserRecord {
    const user = this.portalUser(accountId, userId);
    user.mfa_enabled = enabled ?? !user.mfa_enabled;
    return user;
  }

  /** Why: the portal acts on any account, visible to the API credentials or not. */
  private portalUser(accountId: string, userId: string): AccountUserRecord {
    const user = this.users.find(
      (u) => u.account_id === accountId.toLowerCase() && u.user_id === userId.toLowerCase(),
    );
    if (!user) throw new ApiFailure("not_found", "Account user not found", USER, "user_id");
    return user;
  }

  private checkInstallIds(accountId: string, roles: WrittenRole, ids: string[]): string[] {
    if (!isPartial(roles)) {
      if (ids.length > 0) {
        throw invalid(
          USER,
          "install_ids",
          "not_allowed",
          "install_ids can only be used with a partial role.",
        );
      }
      return [];
    }
    const unique = [...new Set(ids.map((id) => id.toLowerCase()))];
    for (const id of unique) {
      const install = isUuid(id) ? this.installs.get(id) : undefined;
      if (!install || install.account_id !== accountId) {
        throw invalid(USER, "install_ids", "not_found", `Install ${id} does not exist on this account.`);
      }
    }
    return unique;
  }

  // ---- domains -------------------------------------------------------------------------------

  /** The domains of a visible install, oldest first. */
  listDomains(installId: string): DomainRecord[] {
    const install = this.install(installId);
    return [...this.domains.values()].filter((d) => d.install_id === install.id);
  }

  /** One domain of a visible install. */
  domain(installId: string, domainId: string): DomainRecord {
    const install = this.install(installId);
    const domain = this.domains.get(domainId.toLowerCase());
    if (!domain || domain.install_id !== install.id) {
      throw new ApiFailure("not_found", "Domain not found", "Domain", "domain_id");
    }
    return domain;
  }

  /**
   * Adds a domain to an install. Rules: a host name is on one install of all WP Engine; a redirect
   * points at another domain of the same install; a new primary takes over from the old one.
   */
  createDomain(
    installId: string,
    input: { name: string; primary: boolean; redirect_to: string | null },
  ): DomainRecord {
    const install = this.install(installId);
    const name = input.name.toLowerCase();
    if ([...this.domains.values()].some((d) => d.name === name)) {
      throw invalid(
        "Domain",
        "name",
        "taken",
        "This domain is already in use on WP Engine.",
        "value_unavailable",
      );
    }
    const domain: DomainRecord = {
      id: randomUUID(),
      install_id: install.id,
      name,
      primary: false,
      secure_all_urls: false,
      redirect_to: null,
    };
    if (input.redirect_to !== null)
      domain.redirect_to = this.redirectTarget(install.id, input.redirect_to, domain.id);
    this.domains.set(domain.id, domain);
    if (input.primary) this.makePrimary(domain);
    return domain;
  }

  /** Changes a domain's primary flag, redirect and secure-all-URLs setting. */
  updateDomain(
    installId: string,
    domainId: string,
    change: { primary?: boolean; redirect_to?: string | null; secure_all_urls?: boolean },
  ): DomainRecord {
    const domain = this.domain(installId, domainId);
    if (change.redirect_to !== undefined)
      domain.redirect_to =
        change.redirect_to === null
          ? null
          : this.redirectTarget(domain.install_id, change.redirect_to, domain.id);
    if (change.secure_all_urls !== undefined) domain.secure_all_urls = change.secure_all_urls;
    if (change.primary === true) this.makePrimary(domain);
    else if (change.primary === false) domain.primary = false;
    return domain;
  }

  /** Removes a domain; domains redirecting to it stop redirecting. */
  deleteDomain(installId: string, domainId: string): void {
    const domain = this.domain(installId, domainId);
    this.domains.delete(domain.id);
    for (const d of this.domains.values()) if (d.redirect_to === domain.id) d.redirect_to = null;
  }

  /**
   * Orders a certificate for a domain (accepted; it answers SUBMITTED until read twice, then
   * ENABLED). A new order replaces the domain's previous one.
   */
  orderCertificate(installId: string, domainId: string): CertificateRecord {
    const domain = this.domain(installId, domainId);
    const record: CertificateRecord = {
      id: this.certificates.size + 1000,
      install_id: domain.install_id,
      domain_id: domain.id,
      common_name: domain.name,
      ordered_time: new Date(this.now()).toISOString(),
      reads: 0,
      forced_status: null,
    };
    this.certificates.set(domain.id, record);
    return record;
  }

  /** One status read of a domain's certificate; not_found when none was ordered. */
  readCertificate(installId: string, domainId: string): { record: CertificateRecord; status: string } {
    const domain = this.domain(installId, domainId);
    const record = this.certificates.get(domain.id);
    if (!record)
      throw new ApiFailure("not_found", "No certificate for this domain", "Certificate", "domain_id");
    const status = certificateStatus(record);
    record.reads += 1;
    return { record, status };
  }

  /** Control plane: forces a domain's certificate to answer REJECTED or CANCELED from now on. */
  forceCertificateStatus(domainId: string, status: "REJECTED" | "CANCELED"): CertificateRecord {
    const record = this.certificates.get(domainId.toLowerCase());
    if (!record)
      throw new ApiFailure("not_found", "No certificate for this domain", "Certificate", "domain_id");
    record.forced_status = status;
    return record;
  }

  /** The emulator's clock (injected in tests), e.g. for the usage metrics' date ranges. */
  clock(): number {
    return this.now();
  }

  /** Certificates ordered for an install's domains, oldest order first (reading them counts no status read). */
  listCertificates(installId: string): CertificateRecord[] {
    const install = this.install(installId);
    return [...this.certificates.values()]
      .filter((c) => c.install_id === install.id)
      .sort((a, b) => a.id - b.id);
  }

  /** A domain by id, for rendering redirect names. */
  domainById(id: string): DomainRecord | undefined {
    return this.domains.get(id);
  }

  private makePrimary(domain: DomainRecord): void {
    for (const d of this.domains.values()) if (d.install_id === domain.install_id) d.primary = d === domain;
    const install = this.installs.get(domain.install_id);
    if (install) install.primary_domain = domain.name;
  }

  private redirectTarget(installId: string, target: string, self: string): string {
    const found = [...this.domains.values()].find(
      (d) => d.install_id === installId && (d.id === target.toLowerCase() || d.name === target.toLowerCase()),
    );
    if (!found || found.id === self) {
      throw invalid(
        "Domain",
        "redirect_to",
        "not_found",
        "redirect_to must be another domain of this install.",
      );
    }
    return found.id;
  }

  // ---- actions -------------------------------------------------------------------------------

  /** Purges a visible install's cache (accepted; nothing to observe afterwards). */
  purgeCache(installId: string, type: CachePurgeRecord["type"]): CachePurgeRecord {
    const install = this.install(installId);
    const purge = { install_id: install.id, type, requested_at: new Date(this.now()).toISOString() };
    this.cachePurges.push(purge);
    return purge;
  }

  /**
   * Copies one install onto another of the same account (accepted; the API offers no way to follow
   * it). Both must be visible; they must differ; tables need the database.
   */
  copyInstall(input: Omit<InstallCopyRecord, "requested_at">): InstallCopyRecord {
    const source = this.install(input.source_environment_id);
    const destination = this.install(input.destination_environment_id);
    if (source.id === destination.id) {
      throw invalid(
        "InstallCopy",
        "destination_environment_id",
        "same",
        "An install cannot be copied onto itself.",
      );
    }
    if (source.account_id !== destination.account_id) {
      throw invalid(
        "InstallCopy",
        "destination_environment_id",
        "account_mismatch",
        "Source and destination must be on the same account.",
      );
    }
    if (!input.include_db && input.db_tables !== null) {
      throw invalid(
        "InstallCopy",
        "custom_options.db_tables",
        "not_allowed",
        "Cannot specify tables without the database.",
      );
    }
    const copy = {
      ...input,
      source_environment_id: source.id,
      destination_environment_id: destination.id,
      requested_at: new Date(this.now()).toISOString(),
    };
    this.installCopies.push(copy);
    return copy;
  }

  // ---- ssh keys ------------------------------------------------------------------------------

  /** The API person's SSH keys, oldest first. */
  listSshKeys(): SshKeyRecord[] {
    return [...this.sshKeys.values()];
  }

  /**
   * Adds a key; refused when it is not a public key line, the person already has it, or the person
   * can use no account (SSH reaches installs only through an account).
   */
  createSshKey(publicKey: string): SshKeyRecord {
    if (this.apiUser.account_ids.length === 0) {
      throw new ApiFailure(
        "forbidden",
        "You need access to at least one account to add SSH keys",
        "SshKey",
        "public_key",
      );
    }
    const key = parsePublicKey(publicKey);
    if (!key) {
      throw invalid(
        "SshKey",
        "public_key",
        "invalid",
        'public_key must be an SSH public key such as "ssh-ed25519 AAAA... you@example.com".',
      );
    }
    const fingerprint = md5Fingerprint(key.blob);
    if ([...this.sshKeys.values()].some((k) => k.fingerprint === fingerprint)) {
      throw invalid(
        "SshKey",
        "public_key",
        "taken",
        "This SSH key has already been added.",
        "value_unavailable",
      );
    }
    const record: SshKeyRecord = {
      uuid: randomUUID(),
      public_key: publicKey.trim(),
      fingerprint,
      comment: key.comment,
      created_at: new Date(this.now()).toISOString(),
    };
    this.sshKeys.set(record.uuid, record);
    return record;
  }

  /** Removes one of the person's keys; an unknown id is a not_found failure. */
  deleteSshKey(id: string): void {
    if (!this.sshKeys.delete(id.toLowerCase())) {
      throw new ApiFailure("not_found", "SSH key not found", "SshKey", "ssh_key_id");
    }
  }

  // ---- backups -------------------------------------------------------------------------------

  /** Requests a backup of a visible install; it starts as `requested`. */
  createBackup(installId: string, input: NewBackup): BackupRecord {
    const install = this.install(installId);
    const backup: BackupRecord = {
      id: randomUUID(),
      install_id: install.id,
      description: input.description,
      notification_emails: [...input.notification_emails],
      requested_at: new Date(this.now()).toISOString(),
      reads: 0,
      aborted: false,
    };
    this.backups.set(backup.id, backup);
    return backup;
  }

  /** One status read of a backup: answers the status due now, then counts the read. */
  readBackup(installId: string, backupId: string): { backup: BackupRecord; status: BackupStatus } {
    const install = this.install(installId);
    const backup = this.backups.get(backupId.toLowerCase());
    if (!backup || backup.install_id !== install.id) {
      throw new ApiFailure("not_found", "Backup not found", "Backup", "backup_id");
    }
    const status = this.backupStatus(backup);
    backup.reads += 1;
    return { backup, status };
  }

  /** The status a backup answers now, per the schedule (see `BackupSchedule`); a forced abort wins. */
  backupStatus(backup: BackupRecord): BackupStatus {
    if (backup.aborted) return "aborted";
    const schedule = this.config.backupSchedule;
    const progress = schedule.mode === "reads" ? backup.reads : this.now() - Date.parse(backup.requested_at);
    const [initiated, completed] =
      schedule.mode === "reads"
        ? [schedule.initiatedAfterReads, schedule.completedAfterReads]
        : [schedule.initiatedAfterMs, schedule.completedAfterMs];
    if (progress >= completed) return "completed";
    if (progress >= initiated) return "initiated";
    return "requested";
  }

  /** Control plane: forces a backup to answer `aborted` from now on. */
  abortBackup(backupId: string): BackupRecord {
    const backup = this.backups.get(backupId.toLowerCase());
    if (!backup) throw new ApiFailure("not_found", "Backup not found", "Backup", "backup_id");
    backup.aborted = true;
    return backup;
  }
}

/** A certificate's status as of now (the progress schedule counts status reads; listing is not one). */
export function certificateStatus(
  record: CertificateRecord,
): "SUBMITTED" | "ENABLED" | "REJECTED" | "CANCELED" {
  return record.forced_status ?? (record.reads >= 2 ? "ENABLED" : "SUBMITTED");
}
