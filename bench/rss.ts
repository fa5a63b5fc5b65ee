/**
 * What the processes of a Pulumi command cost, sampled from /proc while a step runs: the peak
 * resident memory of the dynamic-provider process (a `node` child of the CLI whose command line
 * contains `dynamic-provider`) and the CPU time of each kind of process (the CLI and its engine,
 * the language host, the program, the provider), which tells where a step's time goes. Only
 * descendants of this process count: other Pulumi runs on the same machine have providers too.
 * With BENCH_DEBUG_PROCESSES set, every tracked process and sampling statistics go to stderr.
 */
import { readdirSync, readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

/** Options of {@link ProcessSampler}. */
export interface SamplerOptions {
  /** The process whose descendants are watched (default: this process). */
  rootPid?: number;
  /** Sampling period; VmHWM is itself a peak, so a coarse period only misses very short lives. */
  intervalMs?: number;
}

/** The kinds of process a Pulumi command runs. */
export type ProcessKind = "engine" | "languageHost" | "program" | "provider" | "other";

/** What {@link ProcessSampler.stop} reports. */
export interface ProcessUsage {
  /** Largest peak RSS of any provider process, or null when none was seen. */
  peakProviderRssBytes: number | null;
  /** CPU time (user + system) per kind of process, ms, as last sampled. */
  cpuMs: Record<ProcessKind, number>;
}

/** Linux clock ticks per second for /proc/PID/stat times (USER_HZ, 100 on every mainstream build). */
const TICKS_PER_SECOND = 100;

function read(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    // The process exited between listing and reading.
    return undefined;
  }
}

/** Fields of /proc/PID/stat after the command name (which may hold spaces and parentheses). */
function statFields(pid: number): string[] | undefined {
  const stat = read(`/proc/${pid}/stat`);
  return stat === undefined ? undefined : stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}

function parentOf(pid: number): number | undefined {
  const ppid = Number(statFields(pid)?.[1]);
  return Number.isInteger(ppid) ? ppid : undefined;
}

/** Whether `pid` descends from `root`; undefined when a link of the chain could not be read. */
function descendsFrom(pid: number, root: number): boolean | undefined {
  for (let p = pid, hops = 0; hops < 64; hops++) {
    if (p === root) return true;
    if (p <= 1) return false;
    const parent = parentOf(p);
    if (parent === undefined) return undefined;
    p = parent;
  }
  return false;
}

/** utime + stime of a process from its stat fields, ms. */
function cpuMsOf(f: string[]): number {
  // After the name: state(0) ppid(1) ... utime(11) stime(12) ... starttime(19).
  return ((Number(f[11]) + Number(f[12])) * 1000) / TICKS_PER_SECOND;
}

/** `VmHWM` (peak resident set) of a process, in bytes. */
function peakRss(pid: number): number | undefined {
  const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(read(`/proc/${pid}/status`) ?? "");
  return match ? Number(match[1]) * 1024 : undefined;
}

/** Classifies a process by its command line (NUL-separated, as in /proc/PID/cmdline). */
export function kindOf(cmdline: string): ProcessKind {
  const args = cmdline.split("\0");
  // The launcher script first runs `node -e require.resolve(".../dynamic-provider")` to find it.
  if (cmdline.includes("require.resolve")) return "other";
  if (cmdline.includes("dynamic-provider")) return "provider";
  // The provider plugin (bin/pulumi-resource-wpengine execs node on it).
  if (cmdline.includes("dist/plugin/main.js")) return "provider";
  if (args.some((a) => a.endsWith("pulumi-language-nodejs"))) return "languageHost";
  if (args[0]?.endsWith("node") && cmdline.includes("@pulumi/pulumi/cmd/run")) return "program";
  if (args[0]?.endsWith("/pulumi") || args[0] === "pulumi") return "engine";
  return "other";
}

interface Tracked {
  kind: ProcessKind;
  cmdline: string;
  cpuMs: number;
  peakRss: number;
}

/** Samples the descendants of a process between {@link start} and {@link stop}. */
export class ProcessSampler {
  readonly #root: number;
  readonly #intervalMs: number;
  readonly #tracked = new Map<string, Tracked>();
  readonly #strangers = new Set<string>();
  #timer: NodeJS.Timeout | undefined;

  constructor(options: SamplerOptions = {}) {
    this.#root = options.rootPid ?? process.pid;
    this.#intervalMs = options.intervalMs ?? 200;
  }

  /** Starts sampling. */
  start(): void {
    this.#tracked.clear();
    this.#strangers.clear();
    this.stats.samples = 0;
    this.stats.longestMs = 0;
    this.#timer = setInterval(() => this.sample(), this.#intervalMs);
    this.#timer.unref();
  }

  /** Samples taken since {@link start}, and the longest one in ms (for diagnostics). */
  readonly stats = { samples: 0, longestMs: 0 };

  /** Takes one sample now. */
  sample(): void {
    const started = performance.now();
    try {
      this.#sample();
    } finally {
      this.stats.samples++;
      this.stats.longestMs = Math.max(this.stats.longestMs, performance.now() - started);
    }
  }

  #sample(): void {
    let entries: string[];
    try {
      entries = readdirSync("/proc");
    } catch {
      return;
    }
    for (const entry of entries) {
      const pid = Number(entry);
      if (!Number.isInteger(pid) || pid <= 1 || pid === this.#root) continue;
      // Pids are reused quickly on a busy machine (pid_max may be 32768), so a process is known by
      // its pid and start time. Ancestry never changes for a live process, so strangers are
      // remembered; a descendant's command line is read each time, since a fork shows its
      // parent's until it execs.
      const fields = statFields(pid);
      if (fields === undefined) continue;
      const key = `${pid}:${fields[19]}`;
      if (this.#strangers.has(key)) continue;
      if (!this.#tracked.has(key)) {
        const ours = descendsFrom(pid, this.#root);
        if (ours === false) {
          this.#strangers.add(key);
          if (process.env.BENCH_DEBUG_PROCESSES && read(`/proc/${pid}/cmdline`)?.includes("pulumi")) {
            const chain: string[] = [];
            for (
              let p: number | undefined = pid;
              p !== undefined && p > 1 && chain.length < 10;
              p = parentOf(p)
            )
              chain.push(`${p}`);
            process.stderr.write(
              `[bench]     stranger ${key} chain ${chain.join("<-")} root ${this.#root}\n`,
            );
          }
        }
        if (ours !== true) continue;
      }
      const cmdline = read(`/proc/${pid}/cmdline`);
      if (cmdline === undefined) continue;
      const previous = this.#tracked.get(key);
      // A process that exited but is not yet reaped (a zombie) has an empty command line and no
      // VmHWM: it keeps the kind and peak it had. A fork keeps "other" only until it execs.
      const kind =
        previous && (previous.kind !== "other" || cmdline === "") ? previous.kind : kindOf(cmdline);
      this.#tracked.set(key, {
        kind,
        cmdline: cmdline || (previous?.cmdline ?? ""),
        cpuMs: Math.max(cpuMsOf(fields), previous?.cpuMs ?? 0),
        peakRss: Math.max(peakRss(pid) ?? 0, previous?.peakRss ?? 0),
      });
    }
  }

  /** Stops sampling and reports. */
  stop(): ProcessUsage {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    const cpu: Record<ProcessKind, number> = {
      engine: 0,
      languageHost: 0,
      program: 0,
      provider: 0,
      other: 0,
    };
    const providerPeaks: number[] = [];
    if (process.env.BENCH_DEBUG_PROCESSES) {
      process.stderr.write(
        `[bench]     ${this.stats.samples} samples, longest ${this.stats.longestMs.toFixed(0)} ms\n`,
      );
    }
    for (const [key, t] of this.#tracked) {
      if (process.env.BENCH_DEBUG_PROCESSES) {
        const shown = t.cmdline.replaceAll("\0", " ").slice(0, 160);
        process.stderr.write(`[bench]     ${key} ${t.kind} ${t.cpuMs} ms ${shown}\n`);
      }
      cpu[t.kind] += t.cpuMs;
      if (t.kind === "provider") providerPeaks.push(t.peakRss);
    }
    return {
      peakProviderRssBytes: providerPeaks.length ? Math.max(...providerPeaks) : null,
      cpuMs: cpu,
    };
  }
}
