/**
 * `npm run bench:heap -- --n 1000 --steps create,refresh`: what holds the provider's memory at agency
 * scale (issue 27). It runs the agency program (tests/e2e/programs/agency, N users over the agency's
 * client accounts) through the real Pulumi CLI against the emulator, with bench/heapProbe.ts preloaded
 * into the provider process of each measured step. For each step it prints the provider's peak
 * resident set with the heap's share of it at that moment, and the largest kinds of live object in the
 * last heap snapshot (the one nearest the peak). `--plugin` measures the provider plugin instead of the
 * dynamic-provider host; `--no-snapshots` samples only (true peaks); `--pulumi-env K=V` sets the CLI's
 * environment (`WPENGINE_OPTIMIZE_FOR_SIZE=0` for V8's default heap policy, or `HEAP_PROBE_V8_FLAGS=--optimize-for-size` for V8
 * flags set by the probe before anything loads); `--keep DIR` keeps the snapshots (for Chrome
 * DevTools); `--out FILE` writes the numbers as JSON.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import type { LocalWorkspace } from "@pulumi/pulumi/automation";
import { openStack } from "../tests/e2e/harness";
import { AGENCY_ACCOUNTS, AGENCY_PROGRAM, agencySeed } from "./agency";
import { envPairs, runScript, sizeAndSteps } from "./args";
import type { MemorySummary } from "./heapProbe";
import { heapTable, summariseSnapshotFile } from "./heapSnapshot";
import { pulumi } from "./main";
import { PLUGIN_PROGRAM } from "./plugin";

const STEPS = {
  create: ["up", "--yes", "--skip-preview"],
  preview: ["preview", "--expect-no-changes"],
  refresh: ["preview", "--refresh", "--expect-no-changes"],
  destroy: ["destroy", "--yes", "--skip-preview"],
} as const;
type Step = keyof typeof STEPS;
const ORDER: Step[] = ["create", "preview", "refresh", "destroy"];
const NO_PARALLEL = { parallel: null };
const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;

/** What one measured step found. */
interface StepMemory {
  step: Step;
  memory: MemorySummary[];
  table: string;
  /** The step's wall time (meaningless when snapshots were written). */
  wallMs: number;
}

function readStep(step: Step, at: string, top: number, wallMs: number): StepMemory {
  const memory = readdirSync(at)
    .filter((f) => f.startsWith("memory-") && f.endsWith(".json"))
    .map((f) => JSON.parse(readFileSync(join(at, f), "utf8")) as MemorySummary)
    .sort((a, b) => b.peak.rss - a.peak.rss);
  const last = memory[0]?.snapshots.at(-1);
  const table = last
    ? heapTable(summariseSnapshotFile(last.file), top)
    : "no snapshot (the heap stayed small)";
  return { step, memory, table, wallMs };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      n: { type: "string", default: "1000" },
      steps: { type: "string", default: "create,refresh" },
      top: { type: "string", default: "20" },
      plugin: { type: "boolean", default: false },
      "no-snapshots": { type: "boolean", default: false },
      "pulumi-env": { type: "string", multiple: true },
      out: { type: "string" },
      keep: { type: "string" },
    },
  });
  const { n, steps } = sizeAndSteps(values.n, values.steps, ORDER);
  const dir = values.keep ?? mkdtempSync(join(tmpdir(), "wpengine-heap-"));
  const { seed, accountIds } = agencySeed(AGENCY_ACCOUNTS);
  const s = await openStack({
    program: values.plugin ? PLUGIN_PROGRAM : AGENCY_PROGRAM,
    emulator: { latencyMs: 0, seed },
    config: {
      "bench:users": { value: String(n) },
      "bench:accountIds": { value: JSON.stringify(accountIds) },
      "bench:changed": { value: "0" },
    },
  });
  const env = (s.stack.workspace as LocalWorkspace).envVars;
  Object.assign(env, envPairs(values["pulumi-env"]));
  const found: StepMemory[] = [];
  try {
    for (const step of ORDER) {
      if (!steps.includes(step)) {
        if (step === "create" || step === "destroy") await pulumi(s, NO_PARALLEL, [...STEPS[step]]);
        continue;
      }
      const at = join(dir, step);
      mkdirSync(at, { recursive: true });
      env.NODE_OPTIONS = `--require ${join(__dirname, "heapProbe.js")}`;
      env.HEAP_PROBE_DIR = at;
      env.HEAP_PROBE_SNAPSHOTS = values["no-snapshots"] ? "0" : "1";
      const started = performance.now();
      await pulumi(s, NO_PARALLEL, [...STEPS[step]]);
      const wallMs = performance.now() - started;
      delete env.NODE_OPTIONS;
      delete env.HEAP_PROBE_DIR;
      delete env.HEAP_PROBE_SNAPSHOTS;
      found.push(readStep(step, at, Number(values.top), wallMs));
    }
  } finally {
    delete env.NODE_OPTIONS;
    await s.dispose();
  }
  const path = values.plugin ? "plugin" : "dynamic provider";
  for (const f of found) {
    console.log(`\n### ${f.step}, agency N = ${n} over ${AGENCY_ACCOUNTS} accounts, ${path}\n`);
    console.log(`wall time ${(f.wallMs / 1000).toFixed(1)} s\n`);
    for (const m of f.memory) {
      const p = m.atPeakRss;
      console.log(
        `pid ${m.pid}: peak RSS ${mib(m.peak.rss)} (${Object.entries(m.rssSplitAtPeak)
          .map(([k, v]) => `${k} ${mib(v)}`)
          .join(", ")}); at that moment heap used ${mib(p.heapUsed)} of ${mib(p.heapTotal)}, ` +
          `external ${mib(p.external)} (array buffers ${mib(p.arrayBuffers)}); ${m.samples} samples, ${m.snapshots.length} snapshots`,
      );
    }
    console.log(`\n${f.table}`);
  }
  if (values.out) writeFileSync(values.out, `${JSON.stringify(found, null, 2)}\n`);
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
}

runScript(module, main);
