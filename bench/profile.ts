/**
 * `npm run bench:profile -- --n 200 --steps preview,create`: where the time over the engine's floor
 * goes. For ours (tests/e2e/programs/bench against the emulator) and for the floor (the same N
 * resources through a no-I/O dynamic provider), it runs each step once through the real Pulumi CLI
 * with `NODE_OPTIONS=--cpu-prof` for the Node processes the CLI starts (the program and the
 * dynamic-provider process), then prints self time by module for both, the difference (ours - floor)
 * with its share of the gap, and the top functions of ours. The emulator answers at latency 0, as
 * in the benchmark's floor comparison. `--out FILE` writes the numbers as JSON; `--keep DIR` keeps
 * the `.cpuprofile` files (for Chrome DevTools or speedscope).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { LocalWorkspace } from "@pulumi/pulumi/automation";
import { SEED_IDS } from "../emulator";
import { openStack } from "../tests/e2e/harness";
import { runScript, sizeAndSteps } from "./args";
import { combine, gapTable, type ProcessTimes, readProfiles, topFunctions } from "./cpuProfile";
import { FLOOR_PROGRAM, pulumi } from "./main";

/** The steps this script can profile. */
const STEPS = {
  create: ["up", "--yes", "--skip-preview"],
  preview: ["preview", "--expect-no-changes"],
  noopUp: ["up", "--yes", "--skip-preview", "--expect-no-changes"],
  refresh: ["preview", "--refresh", "--expect-no-changes"],
} as const;
type Step = keyof typeof STEPS;
/** The CLI's own `--parallel`, as the benchmark runs it by default. */
const NO_PARALLEL = { parallel: null };

/** Profiles every step for one program; returns the summarised processes per step. */
async function profileProgram(
  program: string,
  n: number,
  steps: Step[],
  dir: string,
): Promise<Map<Step, ProcessTimes[]>> {
  const s = await openStack({
    program,
    emulator: { latencyMs: 0 },
    config: {
      "bench:users": { value: String(n) },
      "bench:accountIds": { value: JSON.stringify([SEED_IDS.mainAccountId]) },
      "bench:changed": { value: "0" },
    },
  });
  const env = (s.stack.workspace as LocalWorkspace).envVars;
  const out = new Map<Step, ProcessTimes[]>();
  try {
    for (const step of ["create", "preview", "noopUp", "refresh"] as const) {
      if (!steps.includes(step)) {
        if (step === "create") await pulumi(s, NO_PARALLEL, [...STEPS.create]);
        continue;
      }
      const at = join(dir, `${program.replace(/\W/g, "_")}-${step}`);
      mkdirSync(at, { recursive: true });
      env.NODE_OPTIONS = `--cpu-prof --cpu-prof-dir=${at} --require ${join(__dirname, "exitOnSignal.js")}`;
      const started = performance.now();
      await pulumi(s, NO_PARALLEL, [...STEPS[step]]);
      delete env.NODE_OPTIONS;
      process.stderr.write(`[profile] ${program} ${step}: ${(performance.now() - started).toFixed(0)} ms\n`);
      out.set(step, readProfiles(at));
    }
    await pulumi(s, NO_PARALLEL, ["destroy", "--yes", "--skip-preview"]);
  } finally {
    delete env.NODE_OPTIONS;
    await s.dispose();
  }
  return out;
}

/** Markdown table of the gap rows that matter (|gap| >= 1 % of it, at most `top`). */
function gapMarkdown(ours: ProcessTimes[], floor: ProcessTimes[], top: number): string {
  const { rows, totalGapMs } = gapTable(ours, floor);
  const busy = (all: ProcessTimes[], role: "program" | "provider") => combine(role, all).busyMs;
  const head = [
    `busy (self) time: program ${busy(ours, "program").toFixed(0)} ms vs floor ${busy(floor, "program").toFixed(0)} ms; ` +
      `provider ${busy(ours, "provider").toFixed(0)} ms vs floor ${busy(floor, "provider").toFixed(0)} ms; gap ${totalGapMs.toFixed(0)} ms`,
    "",
    "| process  | module | ours ms | floor ms | gap ms | share of gap |",
    "| -------- | ------ | ------: | -------: | -----: | -----------: |",
  ];
  const body = rows
    .filter((r) => Math.abs(r.share) >= 0.01)
    .slice(0, top)
    .map(
      (r) =>
        `| ${r.role} | ${r.module} | ${r.oursMs.toFixed(0)} | ${r.floorMs.toFixed(0)} | ${r.gapMs.toFixed(0)} | ${(r.share * 100).toFixed(0)} % |`,
    );
  return [...head, ...body].join("\n");
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      n: { type: "string", default: "200" },
      steps: { type: "string", default: "preview,create" },
      top: { type: "string", default: "15" },
      out: { type: "string" },
      keep: { type: "string" },
    },
  });
  const { n, steps } = sizeAndSteps(values.n, values.steps, Object.keys(STEPS) as Step[]);
  const dir = values.keep ?? mkdtempSync(join(tmpdir(), "wpengine-cpu-prof-"));
  const top = Number(values.top);
  try {
    const ours = await profileProgram("bench", n, steps, dir);
    const floor = await profileProgram(FLOOR_PROGRAM, n, steps, dir);
    const json: Record<string, unknown> = {};
    for (const step of steps) {
      const o = ours.get(step) ?? [];
      const f = floor.get(step) ?? [];
      console.log(`\n### ${step}, N = ${n}: where the time over the floor goes\n`);
      console.log(gapMarkdown(o, f, top));
      console.log(`\nTop functions of ours (self time), program:`);
      console.log(topFunctions(o, "program", top).join("\n"));
      console.log(`Top functions of ours (self time), provider:`);
      console.log(topFunctions(o, "provider", top).join("\n"));
      json[step] = gapTable(o, f);
    }
    if (values.out) writeFileSync(values.out, `${JSON.stringify(json, null, 2)}\n`);
  } finally {
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
  }
}

runScript(module, main);
