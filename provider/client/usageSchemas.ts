/**
 * Usage metrics and certificate lists at the boundary: the contract's snake_case bodies, validated and
 * turned into the camelCase shapes the lookups return. Every field of these schemas is optional in the
 * contract and most are nullable, so anything absent becomes null rather than failing the read.
 */
import { z } from "zod";

/**
 * An int64 figure. proto3's JSON mapping writes int64 as a string (the contract says so); a number is
 * accepted too. Daily figures stay far below 2^53, so a JavaScript number holds them exactly.
 */
const Int64 = z
  .union([z.string().regex(/^-?\d+$/), z.number().int()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? null : Number(v)));

/** Optional text; absent and null both read as null. */
const Text = z
  .string()
  .nullish()
  .transform((v) => v ?? null);

/** One install's figures for one day (DailyUsageMetrics); bytes are bytes, counts are counts. */
export const DailyUsageSchema = z
  .object({
    date: z.string(),
    visit_count: Int64,
    billable_visits: Int64,
    request_origin_count: Int64,
    network_origin_bytes: Int64,
    network_cdn_bytes: Int64,
    network_total_bytes: Int64,
    storage_file_bytes: Int64,
    storage_database_bytes: Int64,
    storage_update_time: Text,
    database_tables_count: Int64,
    database_sql_bytes: Int64,
    autoloaded_bytes: Int64,
    // Not an enum here: a source WP Engine adds later must not fail the read.
    traffic_metrics_source: Text,
  })
  .transform((d) => ({
    date: d.date,
    visitCount: d.visit_count,
    billableVisits: d.billable_visits,
    requestOriginCount: d.request_origin_count,
    networkOriginBytes: d.network_origin_bytes,
    networkCdnBytes: d.network_cdn_bytes,
    networkTotalBytes: d.network_total_bytes,
    storageFileBytes: d.storage_file_bytes,
    storageDatabaseBytes: d.storage_database_bytes,
    storageUpdateTime: d.storage_update_time,
    databaseTablesCount: d.database_tables_count,
    databaseSqlBytes: d.database_sql_bytes,
    autoloadedBytes: d.autoloaded_bytes,
    trafficMetricsSource: d.traffic_metrics_source,
  }));
/** One day of usage. */
export type DailyUsage = z.output<typeof DailyUsageSchema>;

/** A metric's rollup (UsageRollup): traffic has sum and per-day average, storage the latest value. */
const RollupSchema = z
  .object({
    average: Int64,
    sum: Int64,
    latest: z
      .object({ date: z.string(), value: Int64 })
      .nullish()
      .transform((v) => v ?? null),
  })
  .nullish()
  .transform((v) => v ?? null);

/**
 * The eight metrics that rollups and insights report, each read with `schema`, as camelCase keys. One
 * helper for both shapes, so a metric WP Engine adds is added once.
 */
/** The contract's names of the metrics that rollups and insights report. */
type MetricKey =
  | "visit_count"
  | "billable_visits"
  | "request_origin_count"
  | "network_origin_bytes"
  | "network_cdn_bytes"
  | "network_total_bytes"
  | "storage_file_bytes"
  | "storage_database_bytes";

function perMetric<S extends z.ZodType>(schema: S) {
  return z
    .object({
      visit_count: schema,
      billable_visits: schema,
      request_origin_count: schema,
      network_origin_bytes: schema,
      network_cdn_bytes: schema,
      network_total_bytes: schema,
      storage_file_bytes: schema,
      storage_database_bytes: schema,
    })
    .transform((raw) => {
      // Every metric schema here ends in a transform to `T | null`, so no key is optional; TypeScript
      // cannot see that through the generic `S`.
      const r = raw as Record<MetricKey, z.output<S>>;
      return {
        visitCount: r.visit_count,
        billableVisits: r.billable_visits,
        requestOriginCount: r.request_origin_count,
        networkOriginBytes: r.network_origin_bytes,
        networkCdnBytes: r.network_cdn_bytes,
        networkTotalBytes: r.network_total_bytes,
        storageFileBytes: r.storage_file_bytes,
        storageDatabaseBytes: r.storage_database_bytes,
      };
    });
}

/** UsageMetricsRollup: one rollup per metric, null where WP Engine answered none. */
export const UsageRollupSchema = perMetric(RollupSchema);
/** Rollups of an install's or an account's usage over a range of days. */
export type UsageRollup = z.output<typeof UsageRollupSchema>;

const EMPTY_ROLLUP = UsageRollupSchema.parse({});

/** An install's daily figures and their rollup; `installName` names the install (environment). */
const SeriesFields = {
  metrics: z.array(DailyUsageSchema).nullish(),
  metrics_rollup: UsageRollupSchema.nullish(),
  storage_refresh_expected_time: Text,
};

/** EnvironmentMetrics: one install (environment) of an account's usage answer. */
export const EnvironmentUsageSchema = z
  .object({ environment_name: Text, ...SeriesFields })
  .transform((e) => ({
    installName: e.environment_name,
    days: e.metrics ?? [],
    rollup: e.metrics_rollup ?? EMPTY_ROLLUP,
    storageRefreshExpectedTime: e.storage_refresh_expected_time,
  }));
/** One install's usage over a range of days. */
export type EnvironmentUsage = z.output<typeof EnvironmentUsageSchema>;

/** `GET /installs/{install_id}/usage` (InstallDailyUsageMetricsSeries). */
export const InstallUsageSchema = z.object({ install_name: Text, ...SeriesFields }).transform((e) => ({
  installName: e.install_name,
  days: e.metrics ?? [],
  rollup: e.metrics_rollup ?? EMPTY_ROLLUP,
  storageRefreshExpectedTime: e.storage_refresh_expected_time,
}));

/** `GET /accounts/{account_id}/usage`, one page (AccountUsageMetricsResponse). */
export const AccountUsagePageSchema = z.object({
  environment_metrics: z.array(EnvironmentUsageSchema).nullish(),
  total_size: z.number().int().nullish(),
  next_page_token: Text,
  all_environments_included: z.boolean().nullish(),
});

/** A metric's total and its breakdowns (UsageMetricBreakdown). */
const BreakdownSchema = z
  .object({
    total: Int64,
    environment_types: z
      .object({ production: Int64, staging: Int64, development: Int64 })
      .nullish()
      .transform((v) => v ?? null),
    site_types: z
      .object({ standard: Int64, transferable: Int64, sandbox: Int64 })
      .nullish()
      .transform((v) => v ?? null),
  })
  .nullish()
  .transform((b) =>
    b ? { total: b.total, environmentTypes: b.environment_types, siteTypes: b.site_types } : null,
  );

/** `GET /accounts/{account_id}/usage/insights` (AccountUsageInsights). */
export const UsageInsightsSchema = perMetric(BreakdownSchema);
/** An account's usage totals by environment type and site type. */
export type UsageInsights = z.output<typeof UsageInsightsSchema>;

/**
 * A certificate of an install (Certificate). `auth_file` (the domain-validation file) is left out:
 * nothing in a program needs it, and it should not sit in a state file.
 */
export const InstallCertificateSchema = z
  .object({
    id: z.number().int().nullish(),
    common_name: Text,
    domains: z.array(z.string()).nullish(),
    status: Text,
    cert_source: Text,
    auto_renew: z.boolean().nullish(),
    wildcard: z.boolean().nullish(),
    ordered_time: Text,
    approved_time: Text,
    expires_time: Text,
    cancel_time: Text,
    serial_number: Text,
  })
  .transform((c) => ({
    id: c.id ?? null,
    commonName: c.common_name,
    domains: c.domains ?? [],
    status: c.status,
    source: c.cert_source,
    autoRenew: c.auto_renew ?? null,
    wildcard: c.wildcard ?? null,
    orderedTime: c.ordered_time,
    approvedTime: c.approved_time,
    expiresTime: c.expires_time,
    cancelTime: c.cancel_time,
    serialNumber: c.serial_number,
  }));
/** One SSL certificate of an install. */
export type InstallCertificate = z.output<typeof InstallCertificateSchema>;

/** `GET /installs/{install_id}/ssl_certificates`, one page. */
export const InstallCertificatesPageSchema = z.object({
  certificates: z.array(InstallCertificateSchema),
  next_page_token: Text,
});

/** The days a usage read covers: both dates (`YYYY-MM-DD`, inclusive) or neither (WP Engine's default). */
export interface UsageRange {
  /** First day, `YYYY-MM-DD`. */
  firstDate?: string | undefined;
  /** Last day, `YYYY-MM-DD`. */
  lastDate?: string | undefined;
}
