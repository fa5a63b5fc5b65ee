/**
 * The benchmark's result model, the targets of issues 6 and 14 evaluated against it, and the printed
 * table.
 * Pure functions of the measurements, so they can be checked without running Pulumi.
 */

import type { AgencyReport } from "./agency";
import type { EstateReport } from "./estate";
import type { PluginReport } from "./plugin";
import type { ProcessKind } from "./rss";

/** The steps measured for every team size, in run order, plus the install-lookup step. */
export const STEPS = {
  create: "up (create all)",
  preview: "preview (no changes)",
  noopUp: "up (no changes)",
  refresh: "preview --refresh",
  update: "up (10% roles)",
  destroy: "destroy",
  lookups: "getInstall x K",
  upRefresh: "up --refresh (no changes)",
  refreshThenUp: "refresh, then up",
} as const;

/**
 * Steps only measured when asked for with `--steps` (pipeline settings, docs/benchmarks.md): one
 * `up --refresh` against a `pulumi refresh --yes` followed by an `up`, both with nothing to change.
 */
export const PIPELINE_STEPS: readonly StepId[] = ["upRefresh", "refreshThenUp"];

/** The steps a run measures when `--steps` is not given. */
export function defaultSteps(): StepId[] {
  return (Object.keys(STEPS) as StepId[]).filter((s) => !PIPELINE_STEPS.includes(s));
}

/** A step id. */
export type StepId = keyof typeof STEPS;

/** Emulator route keys the targets look at. */
export const ROUTES = {
  createUser: "POST /accounts/{account_id}/account_users",
  listUsers: "GET /accounts/{account_id}/account_users",
  getUser: "GET /accounts/{account_id}/account_users/{user_id}",
  updateUser: "PATCH /accounts/{account_id}/account_users/{user_id}",
  deleteUser: "DELETE /accounts/{account_id}/account_users/{user_id}",
  listInstalls: "GET /installs",
} as const;

/** One measured step at one size. */
export interface StepResult {
  step: StepId;
  label: string;
  /** Team size (for `lookups`: the number of names looked up). */
  n: number;
  /** Wall time of the Pulumi CLI command (Automation API call), ms. */
  wallMs: number;
  /** Wall time of the baseline script process for the same API work, ms (0 when none is needed). */
  baselineMs: number;
  /** Of which the baseline's requests took, ms. */
  baselineRequestMs: number;
  /** `neededRequests x latency / concurrency`, ms. */
  idealMs: number;
  /** `wallMs / baselineMs`, or null when the step needs no request. */
  ratio: number | null;
  /**
   * Wall time of the same step of the floor program (same resources through a no-I/O dynamic
   * provider), ms; null or absent when the floor was not run (`--no-floor`, reports before issue 14).
   */
  floorMs?: number | null;
  /**
   * Wall time of this step of ours at the floor's emulator latency (`floorLatencyMs`), ms: the
   * numerator of `floorRatio`. Absent in reports before the floor ran at its own latency, where the
   * ratio used `wallMs`.
   */
  floorOursMs?: number | null;
  /** The emulator latency of the floor comparison, ms (absent: the run's latency). */
  floorLatencyMs?: number;
  /** CPU time by process kind of the floor's step and of ours at the floor's latency (median runs). */
  floorCpuMs?: Record<ProcessKind, number> | null;
  floorOursCpuMs?: Record<ProcessKind, number> | null;
  /** Alternating rounds the floor figures are the median of (absent: 1). */
  floorRounds?: number;
  /** `floorOursMs / floorMs`: what the package adds on top of Pulumi's own cost (1.00 = nothing). */
  floorRatio?: number | null;
  /** Requests the Pulumi step sent, by emulator route. */
  requests: Record<string, number>;
  requestsTotal: number;
  /** Requests the step needs: what the baseline sent. */
  neededRequests: number;
  /** Requests the baseline sent, by route. */
  baselineRequests: Record<string, number>;
  /** Peak RSS of the dynamic-provider process, or null when none ran or /proc is unreadable. */
  peakProviderRssBytes: number | null;
  /** CPU time of the command's processes by kind (engine = the CLI), ms: where the time goes. */
  cpuMs: Record<ProcessKind, number>;
  /** /proc samples taken during the step and the longest one, ms (a process can still be missed). */
  sampler: { samples: number; longestMs: number };
  /** The machine's 1-minute load average when the step ended (other work skews times). */
  loadAvg1: number;
  /** Checkpoint size after the step. */
  stateBytes: number | null;
  stateBytesPerResource: number | null;
  providerBytesPerResource: number | null;
  /** Wall time of the same step through the provider plugin at the floor's latency (median run), ms. */
  pluginMs?: number | null;
  /** `pluginMs / floorMs`: the plugin path against the dynamic floor. */
  pluginRatio?: number | null;
  /** The plugin stack's checkpoint bytes per AccountUser after the step. */
  pluginStateBytesPerResource?: number | null;
  /** Peak RSS of the plugin process during the step. */
  pluginPeakProviderRssBytes?: number | null;
}

/** The whole run, as written by `--out`. */
export interface BenchReport {
  command: string;
  date: string;
  machine: { nproc: number; memTotalBytes: number; cpuModel: string; node: string; pulumi: string };
  options: {
    latencyMs: number;
    sizes: number[];
    concurrency: number;
    parallel: number | null;
    quick: boolean;
    steps: StepId[];
    pulumiEnv: Record<string, string>;
    program: string;
    /** Whether the floor program ran beside each size (absent in reports before issue 14). */
    floor?: boolean;
    /** Emulator latency of the floor comparison (absent: the run's latency). */
    floorLatencyMs?: number;
    /** Alternating rounds of the floor comparison (absent: 1). */
    floorRounds?: number;
  };
  totalMs: number;
  results: StepResult[];
  /**
   * The estate section: sites, installs, domains and SSH keys through the estate program. Absent in
   * reports before issue 13 and with `--no-estate`.
   */
  estate?: EstateReport;
  /** The agency section (users over many accounts, one AccountTeam each); absent before it existed. */
  agency?: AgencyReport;
  /** The plugin section: provider start times and the scale comparison (absent with --no-plugin). */
  plugin?: PluginReport;
  targets: TargetResult[];
}

/** One target of the issue, with the measured number. */
export interface TargetResult {
  name: string;
  target: string;
  measured: string;
  /** null when this run has no data for it (e.g. --quick has no N = 200). */
  met: boolean | null;
}

const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
const get = (r: Record<string, number>, k: string) => r[k] ?? 0;

function ofStep(results: StepResult[], step: StepId): StepResult[] {
  return results.filter((r) => r.step === step).sort((a, b) => a.n - b.n);
}

function requestTarget(
  name: string,
  target: string,
  rows: StepResult[],
  expected: (r: StepResult) => number,
  route: string | null,
): TargetResult {
  if (rows.length === 0) return { name, target, measured: "not run", met: null };
  const parts = rows.map((r) => {
    const n = route === null ? r.requestsTotal : get(r.requests, route);
    return { ok: n === expected(r) && r.requestsTotal === expected(r), text: `N=${r.n}: ${r.requestsTotal}` };
  });
  return { name, target, measured: parts.map((p) => p.text).join(", "), met: parts.every((p) => p.ok) };
}

/**
 * Evaluates the issue's targets. `accounts` is the number of accounts the users are spread over,
 * `installPages` the pages of one full walk of `GET /installs`.
 */
export function evaluateTargets(
  results: StepResult[],
  opts: { accounts: number; installPages: number; changed: (n: number) => number },
): TargetResult[] {
  const t: TargetResult[] = [];
  t.push(
    requestTarget(
      "create requests",
      "1 POST per user, nothing else",
      ofStep(results, "create"),
      (r) => r.n,
      ROUTES.createUser,
    ),
  );
  t.push(
    requestTarget(
      "role-change requests",
      "1 PATCH per changed user (10%)",
      ofStep(results, "update"),
      (r) => opts.changed(r.n),
      ROUTES.updateUser,
    ),
  );
  t.push(
    requestTarget(
      "delete requests",
      "1 DELETE per user",
      ofStep(results, "destroy"),
      (r) => r.n,
      ROUTES.deleteUser,
    ),
  );
  t.push(requestTarget("no-op preview", "0 requests", ofStep(results, "preview"), () => 0, null));
  t.push(requestTarget("no-op up", "0 requests", ofStep(results, "noopUp"), () => 0, null));
  t.push(
    requestTarget(
      "getInstall by name",
      `K lookups = one paged walk (${opts.installPages} pages of GET /installs)`,
      ofStep(results, "lookups"),
      () => opts.installPages,
      ROUTES.listInstalls,
    ),
  );
  const refresh = ofStep(results, "refresh");
  const lists = (r: StepResult) => get(r.requests, ROUTES.listUsers);
  const perUser = (r: StepResult) => get(r.requests, ROUTES.getUser);
  const describe = (r: StepResult) =>
    `N=${r.n}: ${fmtRequests(r.requests)} (${lists(r)} list, ${perUser(r)} per-user GET)`;
  t.push({
    name: "preview --refresh, per user",
    target: `0 requests per user; <= 1 list call per account (${opts.accounts})`,
    measured: refresh.length ? refresh.map(describe).join("; ") : "not run",
    met: refresh.length ? refresh.every((r) => perUser(r) === 0 && lists(r) <= opts.accounts) : null,
  });
  t.push({
    name: "preview --refresh, total",
    target: `at most 1 request per account (${opts.accounts}) in all`,
    measured: refresh.length ? refresh.map((r) => `N=${r.n}: ${r.requestsTotal}`).join(", ") : "not run",
    met: refresh.length ? refresh.every((r) => r.requestsTotal <= opts.accounts) : null,
  });

  const creates = ofStep(results, "create");
  const largest = creates.at(-1);
  const smallest = creates[0];
  t.push({
    name: "up (create) vs baseline",
    target: "at N = 200: wall <= 1.5x the baseline script",
    measured: largest
      ? `N=${largest.n}: ${fmtMs(largest.wallMs)} vs ${fmtMs(largest.baselineMs)} = ${fmtRatio(largest.ratio)}`
      : "not run",
    met: largest && largest.n >= 200 && largest.ratio !== null ? largest.ratio <= 1.5 : null,
  });
  const largestN = Math.max(0, ...results.filter((r) => r.step !== "lookups").map((r) => r.n));
  const floored = results.filter((r) => r.n === largestN && r.step !== "lookups" && r.floorRatio != null);
  const worst = Math.max(...floored.map((r) => r.floorRatio ?? Number.POSITIVE_INFINITY));
  t.push({
    name: "every step vs the floor",
    target: "at N = 200: wall <= 1.05x the same step through a no-I/O dynamic provider (issue 27)",
    measured: floored.length
      ? `N=${largestN}: ${floored.map((r) => `${r.label} ${fmtRatio(r.floorRatio ?? null)}`).join(", ")}`
      : "not run (--no-floor)",
    met: floored.length && largestN >= 200 ? worst <= 1.05 : null,
  });
  const perRes = (r: StepResult) => r.wallMs / r.n;
  t.push({
    name: "time per resource (create)",
    target: "at N = 200 within 1.3x of N = 10",
    measured:
      largest && smallest && largest !== smallest
        ? `${fmtMs(perRes(largest))}/user at N=${largest.n} vs ${fmtMs(perRes(smallest))}/user at N=${smallest.n} = ${fmtRatio(perRes(largest) / perRes(smallest))}`
        : "not run",
    met:
      largest && smallest && largest.n >= 200 && smallest.n <= 10
        ? perRes(largest) / perRes(smallest) <= 1.3
        : null,
  });
  for (const step of ["create", "destroy"] as const) {
    const rows = ofStep(results, step);
    const cpu = marginalPerResource(rows, cpuOf);
    const wall = marginalPerResource(rows, (r) => r.wallMs);
    const growth = (m: Marginal) => m.last / m.first;
    t.push({
      name: `growth per resource (${step})`,
      target:
        "cost per added user from the largest size step within 1.3x of the smallest (no superlinear growth)",
      measured: cpu
        ? `CPU ${fmtMs(cpu.last)}/user (N ${cpu.lastSpan}) vs ${fmtMs(cpu.first)}/user (N ${cpu.firstSpan}) = ${fmtRatio(growth(cpu))}` +
          (wall ? `; wall ${fmtMs(wall.last)} vs ${fmtMs(wall.first)} per user` : "")
        : "needs three sizes",
      // CPU time, not wall time: on a shared machine wall time swings more than the effect.
      met: cpu && cpu.first > 0 ? growth(cpu) <= 1.3 : null,
    });
  }

  const withState = results.filter((r) => r.stateBytesPerResource !== null);
  const maxOf = (f: (r: StepResult) => number | null) =>
    withState.reduce((m, r) => Math.max(m, f(r) ?? 0), 0);
  const provider = maxOf((r) => r.providerBytesPerResource);
  const total = maxOf((r) => r.stateBytesPerResource);
  t.push({
    name: "__provider per resource",
    target: "<= 1024 bytes (issue 27)",
    measured: withState.length ? `${provider} bytes (largest of any step)` : "no state",
    met: withState.length ? provider <= 1024 : null,
  });
  t.push({
    name: "state per AccountUser",
    target: "<= 4096 bytes (checkpoint file / users; issue 27)",
    measured: withState.length ? `${total} bytes (largest of any step)` : "no state",
    met: withState.length ? total <= 4096 : null,
  });
  return t;
}

/** Cost per added resource between the first two and the last two sizes of a step. */
interface Marginal {
  first: number;
  last: number;
  firstSpan: string;
  lastSpan: string;
}

/** CPU time of all of a step's processes, ms. */
export function cpuOf(r: StepResult): number {
  return Object.values(r.cpuMs).reduce((a, b) => a + b, 0);
}

/** Cost per added resource (by `cost`) between the first two and the last two sizes of a step. */
export function marginalPerResource(
  rows: StepResult[],
  cost: (r: StepResult) => number,
): Marginal | undefined {
  if (rows.length < 3) return undefined;
  const [a, b] = rows as [StepResult, StepResult];
  const y = rows.at(-1) as StepResult;
  const x = rows.at(-2) as StepResult;
  return {
    first: (cost(b) - cost(a)) / (b.n - a.n),
    last: (cost(y) - cost(x)) / (y.n - x.n),
    firstSpan: `${a.n}->${b.n}`,
    lastSpan: `${x.n}->${y.n}`,
  };
}

/** Milliseconds as text: `850 ms`, `12.3 s`. */
export function fmtMs(ms: number): string {
  return ms < 1000 ? `${ms.toFixed(ms < 10 ? 1 : 0)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

function fmtRatio(r: number | null): string {
  return r === null ? "n/a" : `${r.toFixed(2)}x`;
}

const SHORT_ROUTE: Record<string, string> = {
  [ROUTES.createUser]: "POST",
  [ROUTES.listUsers]: "LIST",
  [ROUTES.getUser]: "GET",
  [ROUTES.updateUser]: "PATCH",
  [ROUTES.deleteUser]: "DELETE",
  [ROUTES.listInstalls]: "GET /installs",
};

/** Requests by route, short: `POST 200, LIST 1`. */
export function fmtRequests(r: Record<string, number>): string {
  const parts = Object.entries(r)
    .filter(([, n]) => n > 0)
    .map(([route, n]) => `${SHORT_ROUTE[route] ?? route} ${n}`);
  return parts.length ? parts.join(", ") : "0";
}

/** Rows as aligned text: the first two columns left-aligned, the rest right-aligned. */
export function pad(cells: string[][]): string {
  const widths = cells[0]?.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? "").length))) ?? [];
  return cells
    .map((row) =>
      row.map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  "),
    )
    .join("\n");
}

/** The results as an aligned text table (the floor columns only when some row has a floor). */
export function formatTable(results: StepResult[]): string {
  const header = [
    "step",
    "N",
    "wall",
    "baseline",
    "ratio",
    "floor",
    "ours@floor",
    "x floor",
    "ideal",
    "requests",
    "CPU s engine/prog/prov",
    "provider RSS",
    "load",
    "state B/user",
    "__provider B/user",
  ];
  const rows = results.map((r) => [
    r.label,
    String(r.n),
    fmtMs(r.wallMs),
    r.neededRequests ? fmtMs(r.baselineMs) : "-",
    fmtRatio(r.ratio),
    r.floorMs == null ? "-" : fmtMs(r.floorMs),
    r.floorOursMs == null ? "-" : fmtMs(r.floorOursMs),
    r.floorRatio == null ? "-" : fmtRatio(r.floorRatio),
    fmtMs(r.idealMs),
    fmtRequests(r.requests),
    [r.cpuMs.engine, r.cpuMs.program + r.cpuMs.languageHost, r.cpuMs.provider]
      .map((ms) => (ms / 1000).toFixed(1))
      .join("/"),
    r.peakProviderRssBytes === null ? "-" : `${(r.peakProviderRssBytes / 2 ** 20).toFixed(0)} MiB`,
    r.loadAvg1.toFixed(1),
    r.stateBytesPerResource === null ? "-" : String(r.stateBytesPerResource),
    r.providerBytesPerResource === null ? "-" : String(r.providerBytesPerResource),
  ]);
  // Without a floor (the agency and estate sections, --no-floor) its three columns say nothing.
  const floorColumns = new Set(["floor", "ours@floor", "x floor"]);
  const keep = header.map((h) => !floorColumns.has(h) || results.some((r) => r.floorMs != null));
  return pad([header, ...rows].map((row) => row.filter((_, i) => keep[i])));
}

/** The targets as text lines. */
export function formatTargets(targets: TargetResult[]): string {
  return targets
    .map((t) => {
      const mark = t.met === null ? "n/a " : t.met ? "MET " : "MISS";
      return `${mark}  ${t.name}: ${t.target} -- measured ${t.measured}`;
    })
    .join("\n");
}

/**
 * The median of several runs of the same steps: for each step of the first run, the run of that step
 * whose wall time is the median (the lower middle one for an even count).
 */
export function medianRun(runs: StepResult[][]): StepResult[] {
  const first = runs[0] ?? [];
  return first.map((r) => {
    const same = runs
      .map((run) => run.find((x) => x.step === r.step && x.n === r.n))
      .filter((x): x is StepResult => x !== undefined)
      .sort((a, b) => a.wallMs - b.wallMs);
    return same[Math.floor((same.length - 1) / 2)] ?? r;
  });
}

/** Total requests of a by-route map. */
export function totalRequests(r: Record<string, number>): number {
  return sum(r);
}
