import * as pulumi from "@pulumi/pulumi";
import type { WpEngineClient } from "../provider/client/client";
import type { ExplicitClientConfig } from "../provider/client/config";
import type {
  Domain as ApiDomain,
  Site as ApiSite,
  SshKey as ApiSshKey,
  Installation,
  User,
} from "../provider/client/schemas";
import { clientModules, collect } from "./lazyClient";

/**
 * A WP Engine site as the lookups return it. (Named `Site` before 0.3; that name is now the
 * {@link Site} resource.)
 */
export interface SiteInfo {
  /** The site id (UUID). */
  id: string;
  /** The site's display name as shown in the WP Engine portal (e.g. `Torque Magazine`); not unique. */
  name: string;
  /** The id (UUID) of the account the site belongs to, or null when the API did not report it. */
  accountId: string | null;
  /** The portal group the site is filed under, or null when it is in no group. */
  groupName: string | null;
  /** The site's tags as set in the portal; empty when it has none. */
  tags: string[];
  /** The site's installs (one per environment); empty when the site has none yet. */
  installs: {
    /** The install id (UUID); pass it to {@link getInstall} for the full {@link InstallInfo}. */
    id: string;
    /** The install name (e.g. `torquemag`), unique across WP Engine; null when the API did not report it. */
    name: string | null;
    /** `production`, `staging` or `development`, or null when WP Engine has not set an environment. */
    environment: string | null;
  }[];
}

/**
 * A WP Engine install (environment) as the lookups return it. (Named `Install` before 0.3; that name
 * is now the {@link Install} resource.)
 */
export interface InstallInfo {
  /** The install id (UUID), as {@link AccountUserArgs.installIds} and {@link BackupArgs.installId} take it. */
  id: string;
  /** The install name (e.g. `torquemag`), unique across WP Engine; it is also the install's subdomain. */
  name: string;
  /** The id (UUID) of the account the install belongs to, or null when the API did not report it. */
  accountId: string | null;
  /** The id (UUID) of the site the install belongs to, or null when it is attached to no site. */
  siteId: string | null;
  /** `production`, `staging` or `development`, or null when WP Engine has not set an environment. */
  environment: string | null;
  /** `active` or `pending` (still being provisioned), or null when the API does not say. */
  status: string | null;
  /**
   * The install's WP Engine host name (e.g. `torquemag.wpengine.com`), the target for a DNS CNAME
   * record; null when the API does not report one.
   */
  cname: string | null;
  /** The primary domain the install serves (e.g. `torquemag.io`), or null when none is set. */
  primaryDomain: string | null;
  /** The PHP version that runs WordPress, as `major.minor` text (e.g. `8.2`), or null when unknown. */
  phpVersion: string | null;
}

/**
 * Optional connection settings for a lookup. By default lookups read the stack config
 * (`wpengine:apiUrl`, `wpengine:apiUserId`, `wpengine:apiPassword`) and then the `WPENGINE_API_*`
 * environment variables, when the lookup runs. Each setting given here wins over both, one by one.
 */
export type LookupConnection = ExplicitClientConfig;

/** Arguments of {@link getSite}. */
export interface GetSiteArgs {
  /** The site id (UUID). */
  id: string;
  /** Where and as whom to read; see {@link LookupConnection}. Defaults to stack config, then environment. */
  connection?: LookupConnection;
}

/** Arguments of {@link getSites}. */
export interface GetSitesArgs {
  /** Only sites of this account. */
  accountId?: string;
  /** Where and as whom to read; see {@link LookupConnection}. Defaults to stack config, then environment. */
  connection?: LookupConnection;
}

/** Arguments of {@link getInstall}: exactly one of `id` or `name`. */
export interface GetInstallArgs {
  /** The install id (UUID). */
  id?: string;
  /** The install name (e.g. `torquemag`), unique across WP Engine. */
  name?: string;
  /** Where and as whom to read; see {@link LookupConnection}. Defaults to stack config, then environment. */
  connection?: LookupConnection;
}

/** Arguments of {@link getInstalls}. */
export interface GetInstallsArgs {
  /** Only installs of this account. */
  accountId?: string;
  /** Only installs of this site. */
  siteId?: string;
  /** Only installs of this environment. */
  environment?: "production" | "staging" | "development";
  /** Where and as whom to read; see {@link LookupConnection}. Defaults to stack config, then environment. */
  connection?: LookupConnection;
}

// One program run is one process: list walks are memoized per process so that many lookups by name
// cost one paged walk. Keyed by connection and filter; never holds credentials in the key.
const walks = new Map<string, Promise<unknown>>();
const clients = new Map<string, WpEngineClient>();

/** Forgets memoized list walks (for tests, and programs that must see changes made during the run). */
export function resetLookupCache(): void {
  walks.clear();
  clients.clear();
}

function connectionKey(c: { apiUrl: string; apiUserId: string }): string {
  return `${c.apiUrl}|${c.apiUserId}`;
}

/**
 * The client a program-time read uses (lookups, AccountTeam): explicit settings, then stack config,
 * then the environment, read when called; one client per connection for the program run.
 * @internal
 */
export function clientFor(connection?: LookupConnection): { client: WpEngineClient; key: string } {
  // Read at run time, never at import: the password must not sit in module state longer than needed.
  const fromStack = (k: string) => pulumi.runtime.getConfig(`wpengine:${k}`) || undefined;
  const { client: clientModule, config: configModule } = clientModules();
  const config = configModule.resolveClientConfig({
    apiUrl: connection?.apiUrl ?? fromStack("apiUrl"),
    apiUserId: connection?.apiUserId ?? fromStack("apiUserId"),
    apiPassword: connection?.apiPassword ?? fromStack("apiPassword"),
  });
  const key = connectionKey(config);
  let client = clients.get(key);
  if (!client) {
    client = new clientModule.WpEngineClient(config);
    clients.set(key, client);
  }
  return { client, key };
}

function memo<T>(key: string, walk: () => Promise<T>): Promise<T> {
  let p = walks.get(key) as Promise<T> | undefined;
  if (!p) {
    p = walk();
    walks.set(key, p);
    // A failed walk must not poison later lookups.
    p.catch(() => walks.delete(key));
  }
  return p;
}

/**
 * The person behind the connection's credentials (`GET /user`), asked once per program run: an agency
 * stack with one AccountTeam per client account asks once, not once per team.
 * @internal
 */
export function currentUserFor(connection?: LookupConnection): Promise<User> {
  const { client, key } = clientFor(connection);
  return memo(`user|${key}`, () => client.getCurrentUser());
}

function allSites(connection?: LookupConnection, accountId?: string): Promise<ApiSite[]> {
  const { client, key } = clientFor(connection);
  return memo(`sites|${key}|${accountId ?? "*"}`, () =>
    collect(client.listSites(accountId ? { accountId } : {})),
  );
}

function allInstalls(connection?: LookupConnection, accountId?: string): Promise<Installation[]> {
  const { client, key } = clientFor(connection);
  return memo(`installs|${key}|${accountId ?? "*"}`, () =>
    collect(client.listInstalls(accountId ? { accountId } : {})),
  );
}

function toSite(s: ApiSite): SiteInfo {
  return {
    id: s.id,
    name: s.name,
    accountId: s.account.id ?? null,
    groupName: s.group_name ?? null,
    tags: s.tags ?? [],
    installs: (s.installs ?? []).flatMap((i) =>
      i.id === undefined ? [] : [{ id: i.id, name: i.name ?? null, environment: i.environment ?? null }],
    ),
  };
}

function toInstall(i: Installation): InstallInfo {
  return {
    id: i.id,
    name: i.name,
    accountId: i.account.id ?? null,
    siteId: i.site?.id ?? null,
    environment: i.environment ?? null,
    status: i.status ?? null,
    cname: i.cname ?? null,
    primaryDomain: i.primary_domain ?? null,
    phpVersion: i.php_version ?? null,
  };
}

/** Looks up one site by id. */
export async function getSite(args: GetSiteArgs): Promise<SiteInfo> {
  const { client } = clientFor(args.connection);
  return toSite(await client.getSite(args.id));
}

/** Lists all sites the API user can see (every page), optionally of one account. */
export async function getSites(args: GetSitesArgs = {}): Promise<SiteInfo[]> {
  return (await allSites(args.connection, args.accountId)).map(toSite);
}

/**
 * Looks up one install by id, or by name (one memoized paged walk serves every name lookup of the
 * run). Fails with the closest names when nothing matches.
 */
export async function getInstall(args: GetInstallArgs): Promise<InstallInfo> {
  if ((args.id === undefined) === (args.name === undefined)) {
    throw new Error('getInstall needs exactly one of `id` or `name`, e.g. getInstall({ name: "torquemag" })');
  }
  if (args.id !== undefined) {
    const { client } = clientFor(args.connection);
    return toInstall(await client.getInstall(args.id));
  }
  const wanted = String(args.name).trim().toLowerCase();
  const installs = await allInstalls(args.connection);
  const found = installs.find((i) => i.name.toLowerCase() === wanted);
  if (!found) {
    const near = installs
      .map((i) => i.name)
      .filter((n) => n.includes(wanted.slice(0, 3)))
      .slice(0, 5);
    throw new Error(
      `getInstall: no install named "${args.name}" among the ${installs.length} installs the API user can see` +
        (near.length ? ` (similar: ${near.join(", ")})` : "") +
        ". Check the name in the WP Engine portal, or that the API user has access to its account.",
    );
  }
  return toInstall(found);
}

/** Lists installs (every page), optionally of one account, one site or one environment. */
export async function getInstalls(args: GetInstallsArgs = {}): Promise<InstallInfo[]> {
  const installs = await allInstalls(args.connection, args.accountId);
  return installs
    .map(toInstall)
    .filter((i) => (args.siteId ? i.siteId === args.siteId : true))
    .filter((i) => (args.environment ? i.environment === args.environment : true));
}

/**
 * The arguments type `T` with every property accepting a Pulumi `Input` (a plain value, a promise or
 * an `Output`), as the `*Output` lookups take it: e.g. `Inputs<GetInstallArgs>` lets `name` come from
 * another resource's output. Optional properties stay optional.
 */
export type Inputs<T> = { [K in keyof T]: pulumi.Input<T[K]> };

/**
 * Runs a lookup once its `Input` arguments are known: the one body of every `*Output` form. (The
 * cast is safe: `pulumi.output` resolves each `Input` to its value, which is what `A` declares.)
 */
export function lookupOutput<A, R>(args: Inputs<A>, lookup: (args: A) => Promise<R>): pulumi.Output<R> {
  return pulumi.output(args).apply((a) => lookup(a as A)) as pulumi.Output<R>;
}

/** {@link getSite} for `Input` arguments. */
export function getSiteOutput(args: Inputs<GetSiteArgs>): pulumi.Output<SiteInfo> {
  return lookupOutput(args, getSite);
}

/** {@link getSites} for `Input` arguments. */
export function getSitesOutput(args: Inputs<GetSitesArgs> = {}): pulumi.Output<SiteInfo[]> {
  return lookupOutput(args, getSites);
}

/** {@link getInstall} for `Input` arguments. */
export function getInstallOutput(args: Inputs<GetInstallArgs>): pulumi.Output<InstallInfo> {
  return lookupOutput(args, getInstall);
}

/** {@link getInstalls} for `Input` arguments. */
export function getInstallsOutput(args: Inputs<GetInstallsArgs> = {}): pulumi.Output<InstallInfo[]> {
  return lookupOutput(args, getInstalls);
}

/** An SSH key of the person behind the API credentials, as {@link getSshKeys} returns it. */
export interface SshKeyInfo {
  /** The key's id (UUID), as an `SshKey` resource's `keyId`; null when the API did not report it. */
  id: string | null;
  /** The MD5 fingerprint (`aa:bb:...`), as `ssh-keygen -l -E md5` prints it; null when not reported. */
  fingerprint: string | null;
  /** The comment of the key line (often an email address), or null. */
  comment: string | null;
  /** When the key was added (ISO 8601), or null. */
  createdAt: string | null;
}

/** Arguments of {@link getSshKeys}. */
export interface GetSshKeysArgs {
  /** Connection settings; see {@link LookupConnection}. */
  connection?: LookupConnection;
}

function toSshKey(k: ApiSshKey): SshKeyInfo {
  return {
    id: k.uuid ?? null,
    fingerprint: k.fingerprint ?? null,
    comment: k.comment ?? null,
    createdAt: k.created_at ?? null,
  };
}

/** Lists the SSH keys of the person behind the API credentials (every page; one walk per run). */
export async function getSshKeys(args: GetSshKeysArgs = {}): Promise<SshKeyInfo[]> {
  const { client, key } = clientFor(args.connection);
  return (await memo(`sshKeys|${key}`, () => collect(client.listSshKeys()))).map(toSshKey);
}

/** {@link getSshKeys} for `Input` arguments. */
export function getSshKeysOutput(args: Inputs<GetSshKeysArgs> = {}): pulumi.Output<SshKeyInfo[]> {
  return lookupOutput(args, getSshKeys);
}

/** A domain of an install, as {@link getDomains} returns it. */
export interface DomainInfo {
  /** The domain id (UUID), as a `Domain` resource's `domainId` or `redirectTo` takes it. */
  id: string;
  /** The host name. */
  name: string;
  /** Whether it is the install's primary domain. */
  primary: boolean;
  /** Whether every URL is served over HTTPS. */
  secureAllUrls: boolean;
  /** The id of the domain it redirects to, or null. */
  redirectsTo: string | null;
}

/** Arguments of {@link getDomains}. */
export interface GetDomainsArgs {
  /** The install (UUID). */
  installId: string;
  /** Connection settings; see {@link LookupConnection}. */
  connection?: LookupConnection;
}

function toDomain(d: ApiDomain): DomainInfo {
  return {
    id: d.id,
    name: d.name,
    primary: d.primary,
    secureAllUrls: d.secure_all_urls,
    redirectsTo: d.redirects_to?.[0]?.id ?? null,
  };
}

/** Lists an install's domains (every page; one walk per install and run). */
export async function getDomains(args: GetDomainsArgs): Promise<DomainInfo[]> {
  const { client, key } = clientFor(args.connection);
  return (
    await memo(`domains|${key}|${args.installId}`, () => collect(client.listDomains(args.installId)))
  ).map(toDomain);
}

/** {@link getDomains} for `Input` arguments. */
export function getDomainsOutput(args: Inputs<GetDomainsArgs>): pulumi.Output<DomainInfo[]> {
  return lookupOutput(args, getDomains);
}

/** An account's plan limits, as {@link getAccountLimits} returns them. */
export interface AccountLimitsInfo {
  /** Monthly visitors the plan includes, or null when it sets no limit (or WP Engine does not say). */
  visitors: number | null;
  /** Storage in GB, or null. */
  storage: number | null;
  /** Bandwidth in GB, or null. */
  bandwidth: number | null;
}

/** Arguments of {@link getAccountLimits}. */
export interface GetAccountLimitsArgs {
  /** The account (UUID). */
  accountId: string;
  /** Connection settings; see {@link LookupConnection}. */
  connection?: LookupConnection;
}

/** Looks up an account's plan limits (read-only data, e.g. to check a program against them). */
export async function getAccountLimits(args: GetAccountLimitsArgs): Promise<AccountLimitsInfo> {
  const { client } = clientFor(args.connection);
  const limits = await client.getAccountLimits(args.accountId);
  return {
    visitors: limits.visitors ?? null,
    storage: limits.storage ?? null,
    bandwidth: limits.bandwidth ?? null,
  };
}

/** {@link getAccountLimits} for `Input` arguments. */
export function getAccountLimitsOutput(args: Inputs<GetAccountLimitsArgs>): pulumi.Output<AccountLimitsInfo> {
  return lookupOutput(args, getAccountLimits);
}
