/**
 * Read-only usage lookups: traffic and storage per install and per account, the account's rollup and
 * insights, and an install's SSL certificates. Figures are what WP Engine measured; a program can
 * export them, or check a plan against them (see also {@link getAccountLimits}).
 */
import type * as pulumi from "@pulumi/pulumi";
import { collect } from "./lazyClient";
import { clientFor, type Inputs, type LookupConnection, lookupOutput } from "./lookups";

/** A figure WP Engine measured: a count or bytes, or null when it reports none. */
export type Figure = number | null;

/** One install's figures for one day, as {@link getInstallUsage} and {@link getAccountUsage} return them. */
export interface DailyUsageInfo {
  /** The day, `YYYY-MM-DD`. */
  date: string;
  /** Visits. */
  visitCount: Figure;
  /** Visits WP Engine bills. */
  billableVisits: Figure;
  /** Requests the origin server answered (not those the CDN served from cache). */
  requestOriginCount: Figure;
  /** Bytes the origin server sent. */
  networkOriginBytes: Figure;
  /** Bytes the CDN sent. */
  networkCdnBytes: Figure;
  /** Origin and CDN bytes together. */
  networkTotalBytes: Figure;
  /** Bytes of the install's files (the web root). */
  storageFileBytes: Figure;
  /** Bytes of the install's database. */
  storageDatabaseBytes: Figure;
  /** When storage was last measured (ISO 8601), or null. */
  storageUpdateTime: string | null;
  /** Tables in the install's database. */
  databaseTablesCount: Figure;
  /** Bytes of the database content in MySQL. */
  databaseSqlBytes: Figure;
  /** Bytes WordPress autoloads on every request. */
  autoloadedBytes: Figure;
  /** Where the traffic figures come from (e.g. `BIGQUERY`), or null; kept as text, not an enum. */
  trafficMetricsSource: string | null;
}

/** One metric over a range: traffic has `sum` and per-day `average`, storage has `latest`. */
export interface MetricRollupInfo {
  /** Average per day, or null where it does not apply. */
  average: Figure;
  /** Sum over the days (and installs, for an account), or null where it does not apply. */
  sum: Figure;
  /** The last measured value and its day, or null where it does not apply. */
  latest: LatestValueInfo | null;
}

/** A storage metric's last measured value. */
export interface LatestValueInfo {
  /** The day, `YYYY-MM-DD`. */
  date: string;
  /** The value. */
  value: Figure;
}

/** Rollups per metric; a metric WP Engine answered nothing for is null. */
export interface UsageRollupInfo {
  /** Visits. */
  visitCount: MetricRollupInfo | null;
  /** Billable visits. */
  billableVisits: MetricRollupInfo | null;
  /** Origin requests. */
  requestOriginCount: MetricRollupInfo | null;
  /** Origin bytes. */
  networkOriginBytes: MetricRollupInfo | null;
  /** CDN bytes. */
  networkCdnBytes: MetricRollupInfo | null;
  /** Origin and CDN bytes. */
  networkTotalBytes: MetricRollupInfo | null;
  /** File storage (`latest`). */
  storageFileBytes: MetricRollupInfo | null;
  /** Database storage (`latest`). */
  storageDatabaseBytes: MetricRollupInfo | null;
}

/** One install's usage over a range of days. */
export interface InstallUsageInfo {
  /** The install (environment) name, or null when WP Engine does not say. */
  installName: string | null;
  /** One entry per day, oldest first. */
  days: DailyUsageInfo[];
  /** The install's rollup over those days. */
  rollup: UsageRollupInfo;
  /** When a storage refresh under way is expected to finish (ISO 8601), or null. */
  storageRefreshExpectedTime: string | null;
}

/** A metric's account total, split by environment type and by site type. */
export interface MetricBreakdownInfo {
  /** The account's total. */
  total: Figure;
  /** By environment type, or null. */
  environmentTypes: {
    /** Production installs. */
    production: Figure;
    /** Staging installs. */
    staging: Figure;
    /** Development installs. */
    development: Figure;
  } | null;
  /** By site type, or null. */
  siteTypes: {
    /** Standard sites. */
    standard: Figure;
    /** Transferable sites. */
    transferable: Figure;
    /** Sandbox sites. */
    sandbox: Figure;
  } | null;
}

/** The account's usage totals per metric (null where WP Engine answered nothing). */
export interface UsageInsightsInfo {
  /** Visits. */
  visitCount: MetricBreakdownInfo | null;
  /** Billable visits. */
  billableVisits: MetricBreakdownInfo | null;
  /** Origin requests. */
  requestOriginCount: MetricBreakdownInfo | null;
  /** Origin bytes. */
  networkOriginBytes: MetricBreakdownInfo | null;
  /** CDN bytes. */
  networkCdnBytes: MetricBreakdownInfo | null;
  /** Origin and CDN bytes. */
  networkTotalBytes: MetricBreakdownInfo | null;
  /** File storage. */
  storageFileBytes: MetricBreakdownInfo | null;
  /** Database storage. */
  storageDatabaseBytes: MetricBreakdownInfo | null;
}

/** An SSL certificate of an install (its domain-validation file is left out). */
export interface CertificateInfo {
  /** WP Engine's certificate id, or null. */
  id: number | null;
  /** The common name (e.g. `www.example.com`), or null. */
  commonName: string | null;
  /** Every host name the certificate covers. */
  domains: string[];
  /** E.g. `ENABLED`, `SUBMITTED`, `EXPIRED`, `REJECTED`, or null; kept as text, not an enum. */
  status: string | null;
  /** `LETS_ENCRYPT`, `THIRD_PARTY`, `SELF_SIGNED`, or null. */
  source: string | null;
  /** Whether WP Engine renews it, or null. */
  autoRenew: boolean | null;
  /** Whether it is a wildcard certificate, or null. */
  wildcard: boolean | null;
  /** When it was ordered, or null. */
  orderedTime: string | null;
  /** When it was approved, or null. */
  approvedTime: string | null;
  /** When it expires, or null: export it to watch renewals. */
  expiresTime: string | null;
  /** When it was cancelled, or null. */
  cancelTime: string | null;
  /** The X.509 serial number (hex), or null. */
  serialNumber: string | null;
}

/** The range and connection every usage lookup takes. */
export interface UsageLookupArgs {
  /** First day, `YYYY-MM-DD`; give both dates or neither (WP Engine's default range). */
  firstDate?: string;
  /** Last day, `YYYY-MM-DD`. */
  lastDate?: string;
  /** Connection settings; see {@link LookupConnection}. */
  connection?: LookupConnection;
}

/** Arguments of the account usage lookups. */
export interface GetAccountUsageArgs extends UsageLookupArgs {
  /** The account (UUID). */
  accountId: string;
}

/** Arguments of {@link getInstallUsage}. */
export interface GetInstallUsageArgs extends UsageLookupArgs {
  /** The install (UUID). */
  installId: string;
}

/** Arguments of {@link getInstallCertificates}. */
export interface GetInstallCertificatesArgs {
  /** The install (UUID). */
  installId: string;
  /** Connection settings; see {@link LookupConnection}. */
  connection?: LookupConnection;
}

/**
 * Each install's daily usage in an account, every page. `firstDate`/`lastDate` (`YYYY-MM-DD`, both or
 * neither) choose the days; a bad or half range fails before anything is sent.
 */
export async function getAccountUsage(args: GetAccountUsageArgs): Promise<InstallUsageInfo[]> {
  const { client } = clientFor(args.connection);
  return collect(client.listAccountUsage(args.accountId, args));
}

/** The account's usage rolled up over its installs and the days asked for. */
export async function getAccountUsageSummary(args: GetAccountUsageArgs): Promise<UsageRollupInfo> {
  return clientFor(args.connection).client.getAccountUsageSummary(args.accountId, args);
}

/** The account's usage totals by environment type (production, staging, development) and site type. */
export async function getAccountUsageInsights(args: GetAccountUsageArgs): Promise<UsageInsightsInfo> {
  return clientFor(args.connection).client.getAccountUsageInsights(args.accountId, args);
}

/** One install's daily usage and its rollup. */
export async function getInstallUsage(args: GetInstallUsageArgs): Promise<InstallUsageInfo> {
  return clientFor(args.connection).client.getInstallUsage(args.installId, args);
}

/**
 * An install's SSL certificates (any source: Let's Encrypt, third party), e.g. to export their expiry
 * dates. An install without any gives an empty list; an unknown install is an error.
 */
export async function getInstallCertificates(args: GetInstallCertificatesArgs): Promise<CertificateInfo[]> {
  return clientFor(args.connection).client.listInstallCertificates(args.installId);
}

/** {@link getAccountUsage} for `Input` arguments. */
export function getAccountUsageOutput(args: Inputs<GetAccountUsageArgs>): pulumi.Output<InstallUsageInfo[]> {
  return lookupOutput(args, getAccountUsage);
}

/** {@link getAccountUsageSummary} for `Input` arguments. */
export function getAccountUsageSummaryOutput(
  args: Inputs<GetAccountUsageArgs>,
): pulumi.Output<UsageRollupInfo> {
  return lookupOutput(args, getAccountUsageSummary);
}

/** {@link getAccountUsageInsights} for `Input` arguments. */
export function getAccountUsageInsightsOutput(
  args: Inputs<GetAccountUsageArgs>,
): pulumi.Output<UsageInsightsInfo> {
  return lookupOutput(args, getAccountUsageInsights);
}

/** {@link getInstallUsage} for `Input` arguments. */
export function getInstallUsageOutput(args: Inputs<GetInstallUsageArgs>): pulumi.Output<InstallUsageInfo> {
  return lookupOutput(args, getInstallUsage);
}

/** {@link getInstallCertificates} for `Input` arguments. */
export function getInstallCertificatesOutput(
  args: Inputs<GetInstallCertificatesArgs>,
): pulumi.Output<CertificateInfo[]> {
  return lookupOutput(args, getInstallCertificates);
}
