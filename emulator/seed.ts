/**
 * The default seed: a deterministic world that contains the quick start's ids and enough sites and
 * installs (225 of each visible to the credentials) that a full walk with `limit=100` takes exactly
 * three requests, as the quick start's `count: 225` suggests.
 */
import { createHash } from "node:crypto";
import type {
  AccountRecord,
  AccountUserRecord,
  BackupRecord,
  InstallEnvironment,
  InstallRecord,
  Seed,
  SiteRecord,
} from "./model";
import { md5Fingerprint, parsePublicKey, samplePublicKey } from "./publicKeys";

/**
 * A UUID derived from a label, so the seed is identical on every run without any randomness.
 * Version and variant bits are set as for a v4 UUID so that strict UUID checks accept them.
 */
export function seedUuid(label: string): string {
  const hex = createHash("sha256").update(`wpengine-emulator:${label}`).digest("hex");
  const variant = ((Number.parseInt(hex[16] ?? "0", 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Ids of the default seed that tests refer to by name. */
export const SEED_IDS = {
  /** The quick start's account; the API user's person owns it. */
  mainAccountId: "eeda3227-9a39-46ae-9e14-20958bb4e6c9",
  /** A second account the credentials can see. */
  secondAccountId: seedUuid("account:second"),
  /** An account the credentials cannot see: its resources answer 403 (or the documented fallback). */
  hiddenAccountId: seedUuid("account:hidden"),
  /** The quick start's site "Torque Magazine" in the main account. */
  torqueSiteId: "28c78b6d-c2da-4f09-85f5-1ad588089b2d",
  /** The quick start's production install "torquemag". */
  torquemagInstallId: "294deacc-d8b8-4005-82c4-0727ba8ddde0",
  /** The staging install "torquemagstg" of Torque Magazine. */
  torquemagStagingInstallId: seedUuid("install:torquemagstg"),
  /** The main account's owner: the person behind the API credentials (`GET /user`). */
  ownerUserId: seedUuid("user:owner"),
  /** A `full,billing` user of the main account. */
  fullUserId: seedUuid("user:full"),
  /** A `partial` user of the main account with access to torquemag and torquemagstg. */
  partialUserId: seedUuid("user:partial"),
  /** The second account's only owner. */
  secondOwnerUserId: seedUuid("user:second-owner"),
  /** A `partial,billing` user of the second account with one install. */
  secondPartialUserId: seedUuid("user:second-partial"),
  /** A `full` user of the second account. */
  secondFullUserId: seedUuid("user:second-full"),
  /** The hidden account's owner. */
  hiddenOwnerUserId: seedUuid("user:hidden-owner"),
  /** A site of the hidden account. */
  hiddenSiteId: seedUuid("site:hidden:0"),
  /** A production install of the hidden account. */
  hiddenInstallId: seedUuid("install:hidden:0:production"),
  /** A completed backup of torquemag (requested long ago, already read to completion). */
  completedBackupId: seedUuid("backup:torquemag"),
  /** A backup of the hidden install. */
  hiddenBackupId: seedUuid("backup:hidden"),
  /** torquemag's primary domain `torquemag.io`. */
  torquemagDomainId: seedUuid("domain:torquemag.io"),
  /** The API person's one SSH key (`GET /ssh_keys`). */
  sshKeyId: seedUuid("ssh-key:owner"),
} as const;

/** The email of the main account's owner (the API user's person). */
export const SEED_OWNER_EMAIL = "owner@example.com";

/** Numbers of sites per account in the default seed; visible totals are 225 sites and 225 installs. */
export const SEED_COUNTS = {
  mainSites: 150,
  secondSites: 75,
  hiddenSites: 3,
  visibleSites: 225,
  visibleInstalls: 225,
};

const BASE_TIME = Date.UTC(2024, 0, 15, 9, 30, 0);
const DAY_MS = 86_400_000;

/** Which environments the n-th site of an account gets: 2, 1, 0 installs in turn (one install per site on average). */
function environmentsFor(index: number): InstallEnvironment[] {
  switch (index % 3) {
    case 0:
      return ["production", "staging"];
    case 1:
      return ["development"];
    default:
      return [];
  }
}

const ENV_SUFFIX: Record<string, string> = { production: "prd", staging: "stg", development: "dev" };

interface AccountPlan {
  key: string;
  account: AccountRecord;
  sitePrefix: string;
  installPrefix: string;
  siteCount: number;
}

function buildSitesAndInstalls(
  plan: AccountPlan,
  dayOffset: number,
): { sites: SiteRecord[]; installs: InstallRecord[] } {
  const sites: SiteRecord[] = [];
  const installs: InstallRecord[] = [];
  for (let i = 0; i < plan.siteCount; i++) {
    const isTorque = plan.key === "main" && i === 0;
    const siteId = isTorque ? SEED_IDS.torqueSiteId : seedUuid(`site:${plan.key}:${i}`);
    const number = String(i + 1).padStart(3, "0");
    const created = new Date(BASE_TIME + (dayOffset + i) * DAY_MS).toISOString();
    sites.push({
      id: siteId,
      name: isTorque ? "Torque Magazine" : `${plan.sitePrefix} ${number}`,
      account_id: plan.account.id,
      group_name: i % 10 === 5 ? "Clients" : null,
      tags: isTorque ? ["production"] : i % 4 === 1 ? ["client"] : [],
      created_at: created,
      sandbox: false,
      transferable: false,
    });
    for (const environment of environmentsFor(i)) {
      const suffix = ENV_SUFFIX[environment ?? ""] ?? "env";
      let name = `${plan.installPrefix}${number}${suffix}`;
      let id = seedUuid(`install:${plan.key}:${i}:${environment}`);
      if (isTorque) {
        name = environment === "production" ? "torquemag" : "torquemagstg";
        id = environment === "production" ? SEED_IDS.torquemagInstallId : SEED_IDS.torquemagStagingInstallId;
      }
      const cname =
        isTorque && environment === "production" ? "mywebsite.wpengine.com" : `${name}.wpengine.com`;
      installs.push({
        id,
        name,
        account_id: plan.account.id,
        site_id: siteId,
        environment,
        php_version: isTorque && environment === "production" ? "7.0" : "8.2",
        status: i % 20 === 19 ? "pending" : "active",
        cname,
        stable_ips: null,
        primary_domain: cname,
        is_multisite: false,
        created_at: created,
        wp_version: "6.8.1",
        defer_wordpress_upgrades_until: null,
      });
    }
  }
  return { sites, installs };
}

function user(
  key: string,
  accountId: string,
  first: string,
  last: string,
  email: string,
  roles: AccountUserRecord["roles"],
  extra: Partial<AccountUserRecord> = {},
): AccountUserRecord {
  return {
    user_id: seedUuid(`user:${key}`),
    account_id: accountId,
    first_name: first,
    last_name: last,
    email,
    phone: null,
    invite_accepted: true,
    mfa_enabled: false,
    roles,
    install_ids: [],
    ...extra,
  };
}

/**
 * Builds the default seed. Deterministic: two calls answer deep-equal objects, and no call shares
 * objects with another, so callers may mutate what they get.
 */
export function defaultSeed(): Seed {
  const main: AccountRecord = { id: SEED_IDS.mainAccountId, name: "torquemedia", nickname: "Torque Media" };
  const second: AccountRecord = {
    id: SEED_IDS.secondAccountId,
    name: "globexagency",
    nickname: "Globex Agency",
  };
  const hidden: AccountRecord = { id: SEED_IDS.hiddenAccountId, name: "hiddenco", nickname: "Hidden Co" };
  const plans: AccountPlan[] = [
    {
      key: "main",
      account: main,
      sitePrefix: "Torque Site",
      installPrefix: "tm",
      siteCount: SEED_COUNTS.mainSites,
    },
    {
      key: "second",
      account: second,
      sitePrefix: "Globex Site",
      installPrefix: "gx",
      siteCount: SEED_COUNTS.secondSites,
    },
    {
      key: "hidden",
      account: hidden,
      sitePrefix: "Hidden Site",
      installPrefix: "hd",
      siteCount: SEED_COUNTS.hiddenSites,
    },
  ];
  const sites: SiteRecord[] = [];
  const installs: InstallRecord[] = [];
  let dayOffset = 0;
  for (const plan of plans) {
    const built = buildSitesAndInstalls(plan, dayOffset);
    sites.push(...built.sites);
    installs.push(...built.installs);
    dayOffset += plan.siteCount;
  }
  const secondFirstInstall = installs.find((i) => i.account_id === second.id);
  const accountUsers: AccountUserRecord[] = [
    user("owner", main.id, "Olivia", "Owner", SEED_OWNER_EMAIL, "owner", {
      phone: "+1 512 555 0100",
      mfa_enabled: true,
    }),
    user("full", main.id, "Frank", "Full", "frank.full@example.com", "full,billing"),
    user("partial", main.id, "Paula", "Partial", "paula.partial@example.com", "partial", {
      invite_accepted: false,
      install_ids: [SEED_IDS.torquemagInstallId, SEED_IDS.torquemagStagingInstallId],
    }),
    user("second-owner", second.id, "Sam", "Second", "sam.second@example.com", "owner", {
      mfa_enabled: true,
    }),
    user("second-partial", second.id, "Bill", "Billing", "bill.billing@example.com", "partial,billing", {
      install_ids: secondFirstInstall ? [secondFirstInstall.id] : [],
    }),
    user("second-full", second.id, "Fiona", "Full", "fiona.full@example.com", "full"),
    user("hidden-owner", hidden.id, "Hank", "Hidden", "hank.hidden@example.com", "owner"),
  ];
  const backups: BackupRecord[] = [
    {
      id: SEED_IDS.completedBackupId,
      install_id: SEED_IDS.torquemagInstallId,
      description: "Nightly safety net",
      notification_emails: [SEED_OWNER_EMAIL],
      requested_at: new Date(BASE_TIME).toISOString(),
      reads: 1000,
      aborted: false,
    },
    {
      id: SEED_IDS.hiddenBackupId,
      install_id: SEED_IDS.hiddenInstallId,
      description: "Hidden backup",
      notification_emails: ["hank.hidden@example.com"],
      requested_at: new Date(BASE_TIME).toISOString(),
      reads: 1000,
      aborted: false,
    },
  ];
  return {
    apiUser: {
      id: SEED_IDS.ownerUserId,
      first_name: "Olivia",
      last_name: "Owner",
      email: SEED_OWNER_EMAIL,
      phone_number: "+1 512 555 0100",
      account_ids: [main.id, second.id],
    },
    accounts: [main, second, hidden],
    sites,
    installs,
    accountUsers,
    backups,
    sshKeys: [ownerKey()],
    domains: [
      {
        id: SEED_IDS.torquemagDomainId,
        install_id: SEED_IDS.torquemagInstallId,
        name: "torquemag.io",
        primary: true,
        secure_all_urls: true,
        redirect_to: null,
      },
    ],
  };
}

/** The API person's laptop key, so `GET /ssh_keys` answers one key from the start. */
function ownerKey(): Seed["sshKeys"][number] {
  const line = samplePublicKey("owner-laptop", SEED_OWNER_EMAIL);
  const blob = parsePublicKey(line)?.blob ?? Buffer.alloc(0);
  return {
    uuid: SEED_IDS.sshKeyId,
    public_key: line,
    fingerprint: md5Fingerprint(blob),
    comment: SEED_OWNER_EMAIL,
    created_at: new Date(BASE_TIME).toISOString(),
  };
}
