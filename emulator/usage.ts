/**
 * Usage metrics as the contract shapes them (`/accounts/{id}/usage`, `/usage/summary`, `/usage/insights`,
 * `/installs/{id}/usage`). WP Engine measures traffic and storage; the emulator makes them up, but
 * deterministically (a hash of install id and date), so that tests can compute what to expect.
 * Int64 figures are strings, as proto3's JSON mapping writes them and the contract documents.
 */
import { createHash } from "node:crypto";
import { message, type Reply } from "./http";
import type { InstallRecord } from "./model";
import type { EmulatorProfile } from "./profile";

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Days the emulator answers when no range is asked for (the API documents no default; a month is typical). */
export const DEFAULT_RANGE_DAYS = 30;
/** The contract: `first_date` cannot be older than 13 months. */
const MAX_AGE_MONTHS = 13;

/** An inclusive range of days, as `YYYY-MM-DD` strings. */
export interface DayRange {
  first: string;
  last: string;
}

/** The metrics that are summed over days (traffic), then those where only the latest day counts (storage). */
const SUMMED = [
  "visit_count",
  "billable_visits",
  "network_origin_bytes",
  "network_cdn_bytes",
  "network_total_bytes",
  "request_origin_count",
] as const;
const LATEST = ["storage_file_bytes", "storage_database_bytes"] as const;
type Metric = (typeof SUMMED)[number] | (typeof LATEST)[number];
const ROLLUP_METRICS: readonly Metric[] = [...SUMMED, ...LATEST];

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Reads `first_date`/`last_date`: both or neither, real calendar dates, first not after last and not
 * older than 13 months. A `Reply` (400, the contract's `{message}` body) when the query is refused.
 */
export function dayRange(query: URLSearchParams, nowMs: number): DayRange | Reply {
  const first = query.get("first_date");
  const last = query.get("last_date");
  if (first === null && last === null) {
    return { first: day(nowMs - (DEFAULT_RANGE_DAYS - 1) * DAY_MS), last: day(nowMs) };
  }
  if (first === null || last === null)
    return message(400, "Must provide or omit both first_date and last_date.");
  for (const [name, value] of [
    ["first_date", first],
    ["last_date", last],
  ] as const) {
    if (!DATE.test(value) || day(Date.parse(`${value}T00:00:00Z`) || 0) !== value) {
      return message(400, `${name} must be a date in the format YYYY-mm-dd.`);
    }
  }
  if (first > last) return message(400, "first_date must not be after last_date.");
  const oldest = new Date(nowMs);
  oldest.setUTCMonth(oldest.getUTCMonth() - MAX_AGE_MONTHS);
  if (first < day(oldest.getTime())) return message(400, "first_date cannot be older than 13 months.");
  return { first, last };
}

/** The days of a range, oldest first (days after today have no data yet and are left out). */
export function daysOf(range: DayRange, nowMs: number): string[] {
  const days: string[] = [];
  const today = day(nowMs);
  for (let t = Date.parse(`${range.first}T00:00:00Z`); day(t) <= range.last && day(t) <= today; t += DAY_MS) {
    days.push(day(t));
  }
  return days;
}

/** A deterministic figure in [0, max) for one install, day and metric. */
function figure(installId: string, date: string, metric: string, max: number): number {
  const digest = createHash("sha256").update(`${installId}|${date}|${metric}`).digest();
  return digest.readUInt32BE(0) % max;
}

/** One install's figures for one day, as numbers (the views turn them into strings). */
export function dailyFigures(installId: string, date: string): Record<Metric, number> {
  const visits = 100 + figure(installId, date, "visits", 5_000);
  const origin = visits * (20_000 + figure(installId, date, "origin", 80_000));
  const cdn = visits * (50_000 + figure(installId, date, "cdn", 200_000));
  return {
    visit_count: visits,
    billable_visits: Math.floor(visits * 0.9),
    network_origin_bytes: origin,
    network_cdn_bytes: cdn,
    network_total_bytes: origin + cdn,
    request_origin_count: visits * (3 + figure(installId, date, "requests", 20)),
    // Storage moves slowly: a base per install plus a little per day.
    storage_file_bytes:
      500_000_000 + figure(installId, "", "files", 2_000_000_000) + figure(installId, date, "f", 1_000_000),
    storage_database_bytes:
      20_000_000 + figure(installId, "", "db", 300_000_000) + figure(installId, date, "d", 100_000),
  };
}

/** The DailyUsageMetrics schema for one install and day (the minimal profile: visits only). */
export function dailyMetricsView(
  installId: string,
  date: string,
  profile: EmulatorProfile,
): Record<string, unknown> {
  const f = dailyFigures(installId, date);
  if (profile === "minimal") return { date, visit_count: String(f.visit_count) };
  return {
    date,
    ...Object.fromEntries(ROLLUP_METRICS.map((m) => [m, String(f[m])])),
    storage_update_time: `${date}T06:00:00Z`,
    traffic_metrics_source: "BIGQUERY",
    database_tables_count: String(12 + figure(installId, "", "tables", 40)),
    database_sql_bytes: String(Math.floor(f.storage_database_bytes * 0.8)),
    autoloaded_bytes: String(100_000 + figure(installId, date, "autoload", 900_000)),
  };
}

/**
 * The UsageMetricsRollup schema over installs and days: traffic has `sum` and `average` (per day),
 * storage has `latest` (the sum over installs of each one's last day). Empty when there are no days.
 */
export function rollupView(installIds: readonly string[], days: readonly string[], profile: EmulatorProfile) {
  const lastDay = days[days.length - 1];
  if (lastDay === undefined) return {};
  const metrics = profile === "minimal" ? (["visit_count"] as const) : ROLLUP_METRICS;
  const rollup: Record<string, unknown> = {};
  for (const m of metrics) {
    if ((LATEST as readonly string[]).includes(m)) {
      const value = installIds.reduce((sum, id) => sum + dailyFigures(id, lastDay)[m], 0);
      rollup[m] = { latest: { date: lastDay, value: String(value) } };
    } else {
      let sum = 0;
      for (const id of installIds) for (const d of days) sum += dailyFigures(id, d)[m];
      rollup[m] = { sum: String(sum), average: String(Math.floor(sum / days.length)) };
    }
  }
  return rollup;
}

/** The EnvironmentMetrics schema of one install over some days. */
export function environmentMetricsView(
  install: InstallRecord,
  days: readonly string[],
  profile: EmulatorProfile,
) {
  return {
    environment_name: install.name,
    metrics: days.map((d) => dailyMetricsView(install.id, d, profile)),
    metrics_rollup: rollupView([install.id], days, profile),
  };
}

/**
 * The AccountUsageInsights schema: each summed metric's total, broken down by environment type (all
 * emulated sites are `standard`). The minimal profile answers visits only.
 */
export function insightsView(
  installs: readonly InstallRecord[],
  days: readonly string[],
  profile: EmulatorProfile,
) {
  const metrics = profile === "minimal" ? (["visit_count"] as const) : SUMMED;
  const insights: Record<string, unknown> = {};
  for (const m of metrics) {
    const byEnvironment = { production: 0, staging: 0, development: 0 };
    let total = 0;
    for (const install of installs) {
      for (const d of days) {
        const value = dailyFigures(install.id, d)[m];
        total += value;
        // An install with no environment set counts in the total only.
        if (install.environment !== null) byEnvironment[install.environment] += value;
      }
    }
    insights[m] = {
      total: String(total),
      environment_types: Object.fromEntries(Object.entries(byEnvironment).map(([k, v]) => [k, String(v)])),
      site_types: { standard: String(total), transferable: "0", sandbox: "0" },
    };
  }
  return insights;
}
