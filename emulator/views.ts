/**
 * Projections of store records onto the response shapes of the published contract. Only documented
 * fields are emitted, so the contract tests can validate answers with `additionalProperties: false`.
 * Under the `minimal` profile only the contract's required fields are emitted (nullable ones as null).
 */
import type {
  AccountRecord,
  AccountUserRecord,
  BackupStatus,
  CertificateRecord,
  DomainRecord,
  InstallRecord,
  SiteRecord,
  SshKeyRecord,
} from "./model";
import type { EmulatorProfile } from "./profile";
import { fullReadFormOf, isOwner, isPartial, readFormOf } from "./roles";
import type { EmulatorStore } from "./store";

/** The Account schema. */
export function accountView(account: AccountRecord): Record<string, unknown> {
  return { id: account.id, name: account.name, nickname: account.nickname };
}

/**
 * The AccountLimits schema: fixed plan figures per account (the quick start's account has the
 * contract's example plan; others set no bandwidth limit). The minimal profile answers `{}`.
 */
export function accountLimitsView(account: AccountRecord, profile: EmulatorProfile): Record<string, unknown> {
  if (profile === "minimal") return {};
  return account.name === "torquemedia"
    ? { visitors: 25000, storage: 150, bandwidth: 1000 }
    : { visitors: 100000, storage: 400, bandwidth: null };
}

/** The Site schema, with its installs summarized as the contract's `installs` items. */
export function siteView(store: EmulatorStore, site: SiteRecord): Record<string, unknown> {
  // Site.account is required but its id is not.
  if (store.config.profile === "minimal") return { id: site.id, name: site.name, account: {} };
  return {
    id: site.id,
    name: site.name,
    account: { id: site.account_id },
    group_name: site.group_name,
    tags: [...site.tags],
    created_at: site.created_at,
    sandbox: site.sandbox,
    transferable: site.transferable,
    installs: store.installsOfSite(site.id).map((i) => ({
      id: i.id,
      name: i.name,
      environment: i.environment,
      cname: i.cname,
      php_version: i.php_version,
      is_multisite: i.is_multisite,
    })),
  };
}

/**
 * The Installation schema. `wp_version` and `defer_wordpress_upgrades_until` are documented as
 * "only returned when requesting an individual install", hence `detail`.
 */
export function installView(
  install: InstallRecord,
  detail: boolean,
  profile: EmulatorProfile = "default",
): Record<string, unknown> {
  if (profile === "minimal") {
    // Installation.account is required but its id is not; php_version is required and nullable.
    return { id: install.id, name: install.name, account: {}, php_version: null };
  }
  const view: Record<string, unknown> = {
    id: install.id,
    name: install.name,
    account: { id: install.account_id },
    php_version: install.php_version,
    status: install.status,
    site: install.site_id === null ? null : { id: install.site_id },
    cname: install.cname,
    stable_ips: install.stable_ips === null ? null : [...install.stable_ips],
    environment: install.environment,
    primary_domain: install.primary_domain,
    is_multisite: install.is_multisite,
    created_at: install.created_at,
  };
  if (detail) {
    view.wp_version = install.wp_version;
    view.defer_wordpress_upgrades_until = install.defer_wordpress_upgrades_until;
  }
  return view;
}

/**
 * The AccountUser schema. Roles answer the read form; `last_owner` shows on owners only (as
 * documented); `installs` lists a partial user's installs and is null for everyone else.
 */
export function accountUserView(store: EmulatorStore, user: AccountUserRecord): Record<string, unknown> {
  const minimal = store.config.profile === "minimal";
  const view: Record<string, unknown> = {
    user_id: user.user_id,
    account_id: user.account_id,
    first_name: user.first_name,
    last_name: user.last_name,
    email: user.email,
    phone: minimal ? null : user.phone,
    invite_accepted: user.invite_accepted,
    mfa_enabled: user.mfa_enabled,
    roles: minimal ? fullReadFormOf(user.roles) : readFormOf(user.roles),
  };
  // Optional: `last_owner` and `installs` are left out entirely.
  if (minimal) return view;
  if (isOwner(user.roles)) view.last_owner = store.isLastOwner(user);
  view.installs = isPartial(user.roles)
    ? user.install_ids.map((id) => ({ id, name: store.installById(id)?.name ?? "" }))
    : null;
  return view;
}

/**
 * The Backup schema. The contract requires none of its fields; the minimal profile still answers the
 * id on the request (nothing could follow the backup without it) and the status on a status read
 * (the only thing the read is for), and leaves out the other.
 */
export function backupView(
  id: string,
  status: BackupStatus,
  profile: EmulatorProfile = "default",
  answer: "request" | "read" = "read",
): Record<string, unknown> {
  if (profile === "minimal") return answer === "request" ? { id } : { status };
  return { id, status };
}

/**
 * The SshKey schema. The contract requires none of its fields; the minimal profile still answers the
 * `uuid` (nothing could delete the key without it) and leaves out the rest.
 */
export function sshKeyView(key: SshKeyRecord, profile: EmulatorProfile = "default"): Record<string, unknown> {
  if (profile === "minimal") return { uuid: key.uuid };
  return { uuid: key.uuid, fingerprint: key.fingerprint, comment: key.comment, created_at: key.created_at };
}

/** The Domain schema: required fields only under the minimal profile. */
export function domainView(store: EmulatorStore, domain: DomainRecord): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: domain.id,
    name: domain.name,
    duplicate: false,
    primary: domain.primary,
    secure_all_urls: domain.secure_all_urls,
  };
  if (store.config.profile === "minimal") return view;
  const target = domain.redirect_to === null ? undefined : store.domainById(domain.redirect_to);
  view.redirects_to = target ? [{ id: target.id, name: target.name }] : [];
  view.network_type = "AN";
  return view;
}

/** The DomainOrRedirect schema (what a bulk create answers). */
export function domainOrRedirectView(store: EmulatorStore, domain: DomainRecord): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: domain.id,
    name: domain.name,
    duplicate: false,
    primary: domain.primary,
  };
  const target = domain.redirect_to === null ? undefined : store.domainById(domain.redirect_to);
  if (target && store.config.profile !== "minimal") view.redirects_to = { id: target.id, name: target.name };
  return view;
}

/**
 * The DomainCertificate schema. The default profile also answers `cert_info` with a (fake) private
 * key, as the contract allows, so tests can prove the client drops it at the boundary.
 */
export function domainCertificateView(
  record: CertificateRecord,
  status: string,
  profile: EmulatorProfile,
): Record<string, unknown> {
  // The contract requires no field; the minimal profile still answers the status (the only thing a
  // read is for), as it does for backups.
  if (profile === "minimal") return { certificate: { status } };
  return {
    cert_name: record.common_name,
    cert_info: { key: "-----BEGIN PRIVATE KEY-----emulator-----END PRIVATE KEY-----", cert: "emulator" },
    certificate: certificateView(record, status),
  };
}

/** The Certificate schema (of a domain's order, and of an install's certificate list). */
export function certificateView(record: CertificateRecord, status: string): Record<string, unknown> {
  return {
    id: record.id,
    common_name: record.common_name,
    domains: [record.common_name],
    cert_source: "LETS_ENCRYPT",
    auto_renew: true,
    wildcard: false,
    status,
    ordered_time: record.ordered_time,
    ...(status === "ENABLED"
      ? { approved_time: record.ordered_time, expires_time: "2027-03-04T00:00:00Z" }
      : {}),
  };
}
