/**
 * Checks that an arbitrary JSON value is a usable {@link Seed} (from `--seed FILE` or
 * `POST /__emulator/seed`), so a bad seed is refused up front instead of breaking requests later.
 */
import type {
  AccountUserRecord,
  BackupRecord,
  DomainRecord,
  InstallRecord,
  Seed,
  SiteRecord,
  SshKeyRecord,
} from "./model";
import { md5Fingerprint, parsePublicKey } from "./publicKeys";
import { isPartial, isWrittenRole } from "./roles";

/** Thrown when a seed is malformed; the message names the offending field. */
export class SeedError extends Error {
  override readonly name = "SeedError";
}

type Obj = Record<string, unknown>;

function isObj(value: unknown): value is Obj {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function obj(value: unknown, where: string): Obj {
  if (!isObj(value)) throw new SeedError(`${where} must be an object`);
  return value;
}

function arr(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new SeedError(`${where} must be an array`);
  return value;
}

function str(o: Obj, key: string, where: string): string {
  const v = o[key];
  if (typeof v !== "string" || v === "") throw new SeedError(`${where}.${key} must be a non-empty string`);
  return v;
}

function strOrNull(o: Obj, key: string, where: string): string | null {
  const v = o[key] ?? null;
  if (v !== null && typeof v !== "string") throw new SeedError(`${where}.${key} must be a string or null`);
  return v;
}

function bool(o: Obj, key: string, where: string, fallback?: boolean): boolean {
  const v = o[key] ?? fallback;
  if (typeof v !== "boolean") throw new SeedError(`${where}.${key} must be a boolean`);
  return v;
}

function strings(o: Obj, key: string, where: string, fallback?: string[]): string[] {
  const v = o[key] ?? fallback;
  const list = arr(v, `${where}.${key}`);
  return list.map((item, i) => {
    if (typeof item !== "string") throw new SeedError(`${where}.${key}[${i}] must be a string`);
    return item;
  });
}

function unique(ids: string[], what: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    const key = id.toLowerCase();
    if (seen.has(key)) throw new SeedError(`duplicate ${what}: ${id}`);
    seen.add(key);
  }
}

const ENVIRONMENTS = new Set(["production", "staging", "development"]);

/** Validates `value` as a seed and answers a normalized copy (ids lower-cased, optional fields filled). */
export function parseSeed(value: unknown): Seed {
  const root = obj(value, "seed");
  const apiUserIn = obj(root.apiUser, "seed.apiUser");
  const accounts = arr(root.accounts, "seed.accounts").map((a, i) => {
    const w = `seed.accounts[${i}]`;
    const o = obj(a, w);
    return { id: str(o, "id", w).toLowerCase(), name: str(o, "name", w), nickname: str(o, "nickname", w) };
  });
  unique(
    accounts.map((a) => a.id),
    "account id",
  );
  const accountIds = new Set(accounts.map((a) => a.id));
  const known = (id: string, where: string): string => {
    const lower = id.toLowerCase();
    if (!accountIds.has(lower)) throw new SeedError(`${where} names an unknown account ${id}`);
    return lower;
  };

  const sites: SiteRecord[] = arr(root.sites, "seed.sites").map((s, i) => {
    const w = `seed.sites[${i}]`;
    const o = obj(s, w);
    return {
      id: str(o, "id", w).toLowerCase(),
      name: str(o, "name", w),
      account_id: known(str(o, "account_id", w), w),
      group_name: strOrNull(o, "group_name", w),
      tags: strings(o, "tags", w, []),
      created_at: typeof o.created_at === "string" ? o.created_at : new Date(0).toISOString(),
      sandbox: bool(o, "sandbox", w, false),
      transferable: bool(o, "transferable", w, false),
    };
  });
  unique(
    sites.map((s) => s.id),
    "site id",
  );
  const siteAccount = new Map(sites.map((s) => [s.id, s.account_id]));

  const installs: InstallRecord[] = arr(root.installs, "seed.installs").map((s, i) => {
    const w = `seed.installs[${i}]`;
    const o = obj(s, w);
    const name = str(o, "name", w);
    if (!/^[a-z][a-z0-9]{2,13}$/.test(name))
      throw new SeedError(`${w}.name must match ^[a-z][a-z0-9]{2,13}$`);
    const accountId = known(str(o, "account_id", w), w);
    const siteId = strOrNull(o, "site_id", w)?.toLowerCase() ?? null;
    if (siteId !== null && siteAccount.get(siteId) !== accountId) {
      throw new SeedError(`${w}.site_id must name a site of the same account`);
    }
    const environment = o.environment ?? null;
    if (environment !== null && !(typeof environment === "string" && ENVIRONMENTS.has(environment))) {
      throw new SeedError(`${w}.environment must be production, staging, development or null`);
    }
    const status = o.status ?? "active";
    if (status !== "active" && status !== "pending")
      throw new SeedError(`${w}.status must be active or pending`);
    const stableIps = o.stable_ips ?? null;
    return {
      id: str(o, "id", w).toLowerCase(),
      name,
      account_id: accountId,
      site_id: siteId,
      environment: environment as InstallRecord["environment"],
      php_version: strOrNull(o, "php_version", w),
      status,
      cname: typeof o.cname === "string" ? o.cname : `${name}.wpengine.com`,
      stable_ips: stableIps === null ? null : strings(o, "stable_ips", w),
      primary_domain: strOrNull(o, "primary_domain", w),
      is_multisite:
        o.is_multisite === undefined || o.is_multisite === null ? null : bool(o, "is_multisite", w),
      created_at: typeof o.created_at === "string" ? o.created_at : new Date(0).toISOString(),
      wp_version: strOrNull(o, "wp_version", w),
      defer_wordpress_upgrades_until: strOrNull(o, "defer_wordpress_upgrades_until", w),
    };
  });
  unique(
    installs.map((s) => s.id),
    "install id",
  );
  unique(
    installs.map((s) => s.name),
    "install name",
  );
  const installAccount = new Map(installs.map((s) => [s.id, s.account_id]));

  const accountUsers: AccountUserRecord[] = arr(root.accountUsers, "seed.accountUsers").map((u, i) => {
    const w = `seed.accountUsers[${i}]`;
    const o = obj(u, w);
    const accountId = known(str(o, "account_id", w), w);
    const roles = o.roles;
    if (!isWrittenRole(roles)) throw new SeedError(`${w}.roles must be one of the written role forms`);
    const installIds = strings(o, "install_ids", w, []).map((id) => id.toLowerCase());
    if (installIds.length > 0 && !isPartial(roles))
      throw new SeedError(`${w}.install_ids needs a partial role`);
    for (const id of installIds) {
      if (installAccount.get(id) !== accountId)
        throw new SeedError(`${w}.install_ids names ${id}, not of its account`);
    }
    return {
      user_id: str(o, "user_id", w).toLowerCase(),
      account_id: accountId,
      first_name: str(o, "first_name", w),
      last_name: str(o, "last_name", w),
      email: str(o, "email", w),
      phone: strOrNull(o, "phone", w),
      invite_accepted: bool(o, "invite_accepted", w, false),
      mfa_enabled: bool(o, "mfa_enabled", w, false),
      roles,
      install_ids: installIds,
    };
  });
  unique(
    accountUsers.map((u) => `${u.account_id}/${u.user_id}`),
    "account user",
  );
  unique(
    accountUsers.map((u) => `${u.account_id}/${u.email}`),
    "account user email",
  );

  const backups: BackupRecord[] = arr(root.backups ?? [], "seed.backups").map((b, i) => {
    const w = `seed.backups[${i}]`;
    const o = obj(b, w);
    const installId = str(o, "install_id", w).toLowerCase();
    if (!installAccount.has(installId)) throw new SeedError(`${w}.install_id names an unknown install`);
    const reads = o.reads ?? 0;
    if (typeof reads !== "number" || !Number.isInteger(reads) || reads < 0) {
      throw new SeedError(`${w}.reads must be a non-negative integer`);
    }
    return {
      id: str(o, "id", w).toLowerCase(),
      install_id: installId,
      description: str(o, "description", w),
      notification_emails: strings(o, "notification_emails", w, []),
      requested_at: str(o, "requested_at", w),
      reads,
      aborted: bool(o, "aborted", w, false),
    };
  });
  unique(
    backups.map((b) => b.id),
    "backup id",
  );

  const sshKeys: SshKeyRecord[] = arr(root.sshKeys ?? [], "seed.sshKeys").map((k, i) => {
    const w = `seed.sshKeys[${i}]`;
    const o = obj(k, w);
    const line = str(o, "public_key", w);
    const key = parsePublicKey(line);
    if (!key)
      throw new SeedError(`${w}.public_key must be an SSH public key line ("ssh-ed25519 AAAA... comment")`);
    return {
      uuid: str(o, "uuid", w).toLowerCase(),
      public_key: line.trim(),
      fingerprint: md5Fingerprint(key.blob),
      comment: key.comment,
      created_at: typeof o.created_at === "string" ? o.created_at : new Date(0).toISOString(),
    };
  });
  unique(
    sshKeys.map((k) => k.uuid),
    "ssh key uuid",
  );
  unique(
    sshKeys.map((k) => k.fingerprint),
    "ssh key fingerprint",
  );

  const domains: DomainRecord[] = arr(root.domains ?? [], "seed.domains").map((x, i) => {
    const w = `seed.domains[${i}]`;
    const o = obj(x, w);
    const installId = str(o, "install_id", w).toLowerCase();
    if (!installAccount.has(installId)) throw new SeedError(`${w}.install_id names an unknown install`);
    return {
      id: str(o, "id", w).toLowerCase(),
      install_id: installId,
      name: str(o, "name", w).toLowerCase(),
      primary: bool(o, "primary", w, false),
      secure_all_urls: bool(o, "secure_all_urls", w, false),
      redirect_to: strOrNull(o, "redirect_to", w),
    };
  });
  unique(
    domains.map((d) => d.name),
    "domain name",
  );

  const apiWhere = "seed.apiUser";
  return {
    apiUser: {
      id: str(apiUserIn, "id", apiWhere).toLowerCase(),
      first_name: str(apiUserIn, "first_name", apiWhere),
      last_name: str(apiUserIn, "last_name", apiWhere),
      email: str(apiUserIn, "email", apiWhere),
      phone_number: strOrNull(apiUserIn, "phone_number", apiWhere),
      account_ids: strings(apiUserIn, "account_ids", apiWhere).map((id) => known(id, apiWhere)),
    },
    accounts,
    sites,
    installs,
    accountUsers,
    backups,
    sshKeys,
    domains,
  };
}
