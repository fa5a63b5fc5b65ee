/**
 * The benchmark's plugin column: the bench program's users through the provider plugin
 * (tests/e2e/programs/bench-plugin), beside the dynamic resources and the floor at the same N in the
 * same run (alternating rounds, at the floor's latency), at agency scale, and how long each provider
 * process takes to start.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fmtMs, pad, type StepId, type StepResult, type TargetResult } from "./results";

/** The bench program's users as `wpengine:index:AccountUser` resources of the plugin. */
export const PLUGIN_PROGRAM = "bench-plugin";
/** Sizes of the scale comparison (dynamic, floor and plugin at agency scale; none with --quick). */
export const PLUGIN_SCALE_SIZES = [1000];
/** Steps of the scale comparison: what a pipeline runs at 1,000 users. */
export const PLUGIN_SCALE_STEPS: StepId[] = ["create", "preview", "refresh", "destroy"];
/**
 * Targets (issues 26, 27): state per plugin resource, and under half of the 5,028 bytes per user
 * the dynamic path took when issue 26 was filed (before `__provider` shrank to about 600 bytes).
 */
export const PLUGIN_LIMITS = { stateBytes: 2048, issueDynamicStateBytes: 5028 };

/** Provider process start: spawn to the port on stdout (the engine waits this long per process). */
export interface ProviderStart {
  /** Median over `runs` of `pulumi-resource-wpengine`. */
  pluginMs: number;
  /** Median over `runs` of the dynamic-provider host `pulumi-resource-pulumi-nodejs`. */
  dynamicMs: number;
  runs: number;
}

/** The plugin section of a report. */
export interface PluginReport {
  start: ProviderStart;
  /** Rows of the scale comparison: ours at the floor's latency with floor and plugin columns. */
  scale: StepResult[];
}

/** Adds the plugin's figures of the same step and N (a median run) to each row of ours. */
export function withPlugin(ours: StepResult[], plugin: StepResult[]): void {
  for (const r of ours) {
    const p = plugin.find((x) => x.step === r.step && x.n === r.n);
    if (!p) continue;
    r.pluginMs = p.wallMs;
    r.pluginRatio = r.floorMs ? p.wallMs / r.floorMs : null;
    r.pluginStateBytesPerResource = p.stateBytesPerResource;
    r.pluginPeakProviderRssBytes = p.peakProviderRssBytes;
  }
}

/** Time from spawn until a provider prints its port, in ms. */
export function startOnce(command: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // An engine address nothing listens on: a provider only dials it when it has something to log.
    const child = spawn(command, ["127.0.0.1:1"], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stderr.on("data", (d: Buffer) => {
      err += d.toString();
    });
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (/^\d+\s*$/m.test(out)) {
        const ms = performance.now() - started;
        child.kill();
        resolve(ms);
      }
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (!/^\d+\s*$/m.test(out)) reject(new Error(`${command} exited (${code}) without a port: ${err}`));
    });
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
}

/** Starts each provider of the workbench `base` `runs` times, one after the other. */
export async function measureProviderStart(base: string, runs = 5): Promise<ProviderStart> {
  const plugin = join(base, "node_modules/pulumi-wpengine/bin/pulumi-resource-wpengine");
  const dynamic = join(base, "node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs");
  const p: number[] = [];
  const d: number[] = [];
  for (let i = 0; i < runs; i++) {
    p.push(await startOnce(plugin));
    d.push(await startOnce(dynamic));
  }
  return { pluginMs: Math.round(median(p)), dynamicMs: Math.round(median(d)), runs };
}

const ratio = (r: number | null | undefined) => (r == null ? "-" : `${r.toFixed(2)}x`);
const mib = (b: number | null | undefined) => (b == null ? "-" : `${(b / 2 ** 20).toFixed(0)} MiB`);

/** The plugin column beside the dynamic path and the floor, one row per step and N. */
export function formatPluginTable(rows: StepResult[]): string {
  const cells = [
    [
      "step",
      "N",
      "dynamic",
      "floor",
      "plugin",
      "plugin x floor",
      "dynamic x floor",
      "state B/user dyn/plugin",
      "provider RSS dyn/plugin",
    ],
    ...rows
      .filter((r) => r.pluginMs != null)
      .map((r) => [
        r.label,
        String(r.n),
        r.floorOursMs == null ? "-" : fmtMs(r.floorOursMs),
        r.floorMs == null ? "-" : fmtMs(r.floorMs),
        fmtMs(r.pluginMs ?? 0),
        ratio(r.pluginRatio),
        ratio(r.floorRatio),
        `${r.stateBytesPerResource ?? "-"}/${r.pluginStateBytesPerResource ?? "-"}`,
        `${mib(r.peakProviderRssBytes)}/${mib(r.pluginPeakProviderRssBytes)}`,
      ]),
  ];
  return pad(cells);
}

/** The plugin targets: its state per user, against the dynamic path's, and create at scale. */
export function evaluatePluginTargets(rows: StepResult[], report: PluginReport | undefined): TargetResult[] {
  const withPluginState = rows.filter((r) => r.pluginStateBytesPerResource != null);
  const worst = Math.max(0, ...withPluginState.map((r) => r.pluginStateBytesPerResource ?? 0));
  const share = withPluginState
    .filter((r) => r.stateBytesPerResource)
    .map((r) => (r.pluginStateBytesPerResource ?? 0) / (r.stateBytesPerResource ?? 1));
  const create = (report?.scale ?? []).filter((r) => r.step === "create" && r.pluginMs != null).at(-1);
  return [
    {
      name: "plugin state per AccountUser",
      target: `<= ${PLUGIN_LIMITS.stateBytes} bytes (checkpoint file / users), every row`,
      measured: withPluginState.length ? `${worst} bytes (largest of any row)` : "not run (--no-plugin)",
      met: withPluginState.length ? worst <= PLUGIN_LIMITS.stateBytes : null,
    },
    {
      name: "plugin state vs the dynamic path",
      target: `under half of the ${PLUGIN_LIMITS.issueDynamicStateBytes} bytes per user of the dynamic path when issue 26 was filed`,
      measured: share.length
        ? `${worst} bytes = ${(worst / PLUGIN_LIMITS.issueDynamicStateBytes).toFixed(2)}x of it; ${Math.max(...share).toFixed(2)}x of today's dynamic path at the same N and step`
        : "not run",
      met: share.length ? worst < PLUGIN_LIMITS.issueDynamicStateBytes / 2 : null,
    },
    {
      name: "plugin create at agency scale",
      target: "at N = 1,000 under the dynamic floor's create",
      measured: create
        ? `N=${create.n}: plugin ${fmtMs(create.pluginMs ?? 0)} vs floor ${fmtMs(create.floorMs ?? 0)} = ${ratio(create.pluginRatio)}`
        : "not run",
      met: create && create.n >= 1000 && create.pluginRatio != null ? create.pluginRatio < 1 : null,
    },
  ];
}
