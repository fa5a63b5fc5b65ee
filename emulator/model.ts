/**
 * The records the emulator keeps. They are plain JSON-serializable objects so that a whole state (a
 * {@link Seed}) can be written to a file, posted to the control plane, or dumped for a test to inspect.
 * Field names follow the API's snake_case so that views are simple projections.
 */
import type { WrittenRole } from "./roles";

/** Environments an install can have; `null` is documented for installs outside any environment. */
export type InstallEnvironment = "production" | "staging" | "development" | null;

/** The person behind the API credentials: what `GET /user` answers, and which accounts they can see. */
export interface ApiPersonRecord {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  phone_number: string | null;
  /** Accounts the credentials may use; every other account answers 403 (or the documented fallback). */
  account_ids: string[];
}

/** A WP Engine account. */
export interface AccountRecord {
  id: string;
  name: string;
  nickname: string;
}

/** A site (a group of installs) in one account. */
export interface SiteRecord {
  id: string;
  name: string;
  account_id: string;
  group_name: string | null;
  tags: string[];
  created_at: string;
  sandbox: boolean;
  transferable: boolean;
}

/** A WordPress install (environment) in one account, optionally attached to a site. */
export interface InstallRecord {
  id: string;
  name: string;
  account_id: string;
  site_id: string | null;
  environment: InstallEnvironment;
  php_version: string | null;
  status: "active" | "pending";
  cname: string;
  stable_ips: string[] | null;
  primary_domain: string | null;
  is_multisite: boolean | null;
  created_at: string;
  wp_version: string | null;
  defer_wordpress_upgrades_until: string | null;
}

/** A person's membership of one account (what the API calls an account user). */
export interface AccountUserRecord {
  user_id: string;
  account_id: string;
  first_name: string;
  last_name: string;
  email: string;
  phone: string | null;
  invite_accepted: boolean;
  mfa_enabled: boolean;
  /** Kept in the canonical written form; answers render the read form. */
  roles: WrittenRole;
  /** Installs a partial user may access; always empty for other roles. */
  install_ids: string[];
}

/** An on-demand backup. Its status is derived from the schedule, never stored, except a forced abort. */
export interface BackupRecord {
  id: string;
  install_id: string;
  description: string;
  notification_emails: string[];
  /** ISO time of the create request; the "time" schedule measures from here. */
  requested_at: string;
  /** How many status reads (GETs) the backup has answered; the "reads" schedule counts these. */
  reads: number;
  /** Set by the control plane to force the `aborted` status. */
  aborted: boolean;
}

/** An SSH key of the person behind the API credentials (`/ssh_keys`); `uuid` as the contract names it. */
export interface SshKeyRecord {
  uuid: string;
  /** The whole public key line as posted (type, base64 blob, optional comment). */
  public_key: string;
  /** MD5 of the key blob as colon-separated hex, the form the contract shows. */
  fingerprint: string;
  /** The key line's comment, or "" when it has none. */
  comment: string;
  created_at: string;
}

/** A domain of an install. `redirect_to` is the id of another domain of the same install. */
export interface DomainRecord {
  id: string;
  install_id: string;
  name: string;
  primary: boolean;
  secure_all_urls: boolean;
  redirect_to: string | null;
}

/** A certificate order for a domain; it answers SUBMITTED until read twice, then ENABLED. */
export interface CertificateRecord {
  id: number;
  install_id: string;
  domain_id: string;
  common_name: string;
  ordered_time: string;
  /** Status reads answered so far (the progress schedule counts them). */
  reads: number;
  /** Set by a test through the seed to force a final status. */
  forced_status: "REJECTED" | "CANCELED" | null;
}

/** A cache purge WP Engine accepted (run-time only; for tests to inspect). */
export interface CachePurgeRecord {
  install_id: string;
  type: "object" | "page" | "cdn" | "all";
  requested_at: string;
}

/** An install copy WP Engine accepted (run-time only; for tests to inspect). */
export interface InstallCopyRecord {
  source_environment_id: string;
  destination_environment_id: string;
  notification_emails: string[];
  include_files: boolean;
  include_db: boolean;
  db_tables: string[] | null;
  requested_at: string;
}

/** A complete emulator state. Seeds are plain data: the default one is built by `defaultSeed()`. */
export interface Seed {
  apiUser: ApiPersonRecord;
  accounts: AccountRecord[];
  sites: SiteRecord[];
  installs: InstallRecord[];
  accountUsers: AccountUserRecord[];
  backups: BackupRecord[];
  /** The API person's SSH keys; optional in seed files (none). */
  sshKeys: SshKeyRecord[];
  /** Domains of installs; optional in seed files (none). */
  domains: DomainRecord[];
}

/** Statuses a backup can answer, in the documented order of progress. */
export type BackupStatus = "requested" | "initiated" | "completed" | "aborted";

/**
 * How backups progress. `reads`: a backup answers `requested` until it has answered
 * `initiatedAfterReads` status reads, then `initiated` until it has answered `completedAfterReads`
 * reads, then `completed` (the create answer is not a read). `time`: the same thresholds in
 * milliseconds since the create request.
 */
export type BackupSchedule =
  | { mode: "reads"; initiatedAfterReads: number; completedAfterReads: number }
  | { mode: "time"; initiatedAfterMs: number; completedAfterMs: number };
