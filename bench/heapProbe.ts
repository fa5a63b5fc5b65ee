/**
 * Preloaded (`node --require`, through NODE_OPTIONS) into every Node process of a `bench:heap` run; it
 * acts only in the provider process (the dynamic-provider host or the plugin). There it samples
 * `process.memoryUsage()` and keeps the breakdown at the peak resident set, and it writes a V8 heap
 * snapshot each time the used heap has grown by a quarter since the last one (the last snapshot is
 * then within a quarter of the peak), unless HEAP_PROBE_SNAPSHOTS is 0. At exit it writes the
 * samples' summary as `memory-<pid>.json` into `HEAP_PROBE_DIR`. A snapshot stops the process while it is written: the run's times mean nothing.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setFlagsFromString, writeHeapSnapshot } from "node:v8";
import { kindOf } from "./rss";

/** What `memory.json` holds: peaks, and the breakdown when the resident set was largest. */
export interface MemorySummary {
  pid: number;
  samples: number;
  peak: NodeJS.MemoryUsage;
  atPeakRss: NodeJS.MemoryUsage;
  /** The kernel's split of the peak resident set (/proc/self/status: RssAnon, RssFile, RssShmem), bytes. */
  rssSplitAtPeak: Record<string, number>;
  /** Milliseconds from the probe's start to the peak. */
  peakAtMs: number;
  snapshots: { file: string; heapUsed: number; rss: number }[];
}

/** Used heap below which no snapshot is taken: start-up is not what the profile is after. */
const FIRST_SNAPSHOT_BYTES = 48 * 2 ** 20;
/** Growth of the used heap that earns the next snapshot. */
const SNAPSHOT_GROWTH = 1.25;
const MAX_SNAPSHOTS = 8;

/** RssAnon, RssFile and RssShmem of this process, bytes (empty where /proc is not there). */
function rssSplit(): Record<string, number> {
  const out: Record<string, number> = {};
  try {
    for (const m of readFileSync("/proc/self/status", "utf8").matchAll(/^(Rss\w+):\s+(\d+) kB/gm))
      out[m[1] as string] = Number(m[2]) * 1024;
  } catch {
    // Not Linux: the split is left out.
  }
  return out;
}

function probe(dir: string, snapshots: boolean): void {
  // HEAP_PROBE_V8_FLAGS tries V8 flags set at run time, as provider code loaded by the host could.
  for (const flag of (process.env.HEAP_PROBE_V8_FLAGS ?? "").split(" ").filter(Boolean))
    setFlagsFromString(flag);
  const zero = { rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 };
  const summary: MemorySummary = {
    pid: process.pid,
    samples: 0,
    peak: { ...zero },
    atPeakRss: { ...zero },
    snapshots: [],
    rssSplitAtPeak: {},
    peakAtMs: 0,
  };
  const started = Date.now();
  let nextSnapshot = FIRST_SNAPSHOT_BYTES;
  const sample = () => {
    const m = process.memoryUsage();
    summary.samples++;
    for (const k of Object.keys(zero) as (keyof NodeJS.MemoryUsage)[])
      summary.peak[k] = Math.max(summary.peak[k], m[k]);
    if (m.rss > summary.atPeakRss.rss) {
      summary.atPeakRss = m;
      summary.rssSplitAtPeak = rssSplit();
      summary.peakAtMs = Date.now() - started;
    }
    if (snapshots && m.heapUsed >= nextSnapshot && summary.snapshots.length < MAX_SNAPSHOTS) {
      const file = writeHeapSnapshot(
        join(dir, `provider-${process.pid}-${summary.snapshots.length}.heapsnapshot`),
      );
      summary.snapshots.push({ file, heapUsed: m.heapUsed, rss: m.rss });
      nextSnapshot = m.heapUsed * SNAPSHOT_GROWTH;
    }
  };
  setInterval(sample, 20).unref();
  process.on("exit", () => {
    sample();
    writeFileSync(join(dir, `memory-${process.pid}.json`), `${JSON.stringify(summary, null, 2)}\n`);
  });
  // The engine stops the provider with SIGINT, on which Node would exit without running "exit".
  process.on("SIGINT", () => process.exit(0));
}

const dir = process.env.HEAP_PROBE_DIR;
// HEAP_PROBE_SNAPSHOTS=0 samples only: writing a snapshot itself takes native memory, so the true
// peak and its split come from a run without them.
// The same rule as the benchmark's process sampler, on this process's own command line.
if (dir && kindOf(process.argv.join("\0")) === "provider")
  probe(dir, process.env.HEAP_PROBE_SNAPSHOTS !== "0");
