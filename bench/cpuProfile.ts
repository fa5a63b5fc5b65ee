/**
 * Reads the `.cpuprofile` files Node writes under `--cpu-prof` and sums self time by module and by
 * function, per process (the Pulumi program, the dynamic-provider process). Pure: no I/O beyond
 * reading the files, so the numbers can be checked against a hand-made profile.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

const callFrame = z.object({ functionName: z.string(), url: z.string(), lineNumber: z.number() });
const profileSchema = z.object({
  nodes: z.array(z.object({ id: z.number(), callFrame })),
  startTime: z.number(),
  endTime: z.number(),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});

/** A parsed `.cpuprofile` (the V8 format Node writes). */
export type CpuProfile = z.infer<typeof profileSchema>;

/** Which process of a Pulumi run a profile is of. */
export type ProcessRole = "program" | "provider" | "other";

/** Self time of one process, by module and by function (ms), idle time left out. */
export interface ProcessTimes {
  role: ProcessRole;
  /** Wall time the profile covers (ms). */
  wallMs: number;
  /** Self time of every sample that was not idle (ms). */
  busyMs: number;
  byModule: Map<string, number>;
  /** `module: function (file:line)` -> ms. */
  byFunction: Map<string, number>;
}

/**
 * The module a script URL belongs to: the package under `node_modules` (with the first two folders
 * for `@pulumi/pulumi`, whose parts differ in cost), `node:internal` for Node's own code, `V8` for
 * the engine's pseudo-frames (GC, compiled code without a script), else `program`.
 */
export function moduleOf(url: string, functionName: string): string {
  if (url === "") return functionName === "(garbage collector)" ? "V8: GC" : "V8";
  if (url.startsWith("node:")) return "node:internal";
  const at = url.lastIndexOf("/node_modules/");
  if (at < 0) return "program";
  const parts = url.slice(at + "/node_modules/".length).split("/");
  const pkg = parts[0]?.startsWith("@") ? `${parts[0]}/${parts[1]}` : (parts[0] ?? "?");
  const rest = parts.slice(pkg.split("/").length);
  if (pkg === "@pulumi/pulumi" && rest.length > 1)
    return `${pkg}/${rest.slice(0, Math.min(2, rest.length - 1)).join("/")}`;
  if (pkg === "pulumi-wpengine" && rest.length > 2)
    return `${pkg}/${rest.slice(1, 3).join("/").replace(/\.js$/, "")}`;
  return pkg;
}

/** Reads one profile and sums its self time. */
export function summarise(profile: CpuProfile): ProcessTimes {
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const byModule = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let busy = 0;
  let role: ProcessRole = "other";
  for (const f of frames.values()) {
    if (f.url.includes("cmd/dynamic-provider")) role = "provider";
    else if (role === "other" && f.url.includes("@pulumi/pulumi/cmd/run")) role = "program";
  }
  profile.samples.forEach((id, i) => {
    const f = frames.get(id);
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    if (!f || f.functionName === "(idle)") return;
    busy += ms;
    const mod = moduleOf(f.url, f.functionName);
    byModule.set(mod, (byModule.get(mod) ?? 0) + ms);
    const file = f.url.split("/").slice(-1)[0] ?? "";
    const fn = `${mod}: ${f.functionName || "(anonymous)"}${file ? ` (${file}:${f.lineNumber + 1})` : ""}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
  });
  return { role, wallMs: (profile.endTime - profile.startTime) / 1000, busyMs: busy, byModule, byFunction };
}

/** Every `.cpuprofile` in `dir`, summarised. */
export function readProfiles(dir: string): ProcessTimes[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .map((f) => summarise(profileSchema.parse(JSON.parse(readFileSync(join(dir, f), "utf8")))));
}

/** Adds the times of several processes of the same role (e.g. one provider process per kind). */
export function combine(role: ProcessRole, all: ProcessTimes[]): ProcessTimes {
  const out: ProcessTimes = { role, wallMs: 0, busyMs: 0, byModule: new Map(), byFunction: new Map() };
  for (const p of all.filter((x) => x.role === role)) {
    out.wallMs = Math.max(out.wallMs, p.wallMs);
    out.busyMs += p.busyMs;
    for (const [k, v] of p.byModule) out.byModule.set(k, (out.byModule.get(k) ?? 0) + v);
    for (const [k, v] of p.byFunction) out.byFunction.set(k, (out.byFunction.get(k) ?? 0) + v);
  }
  return out;
}

/** One row of the gap table: a module's self time in ours and in the floor, and its share of the gap. */
export interface GapRow {
  role: ProcessRole;
  module: string;
  oursMs: number;
  floorMs: number;
  gapMs: number;
  /** gapMs / the whole gap of both processes (can be negative: less than the floor). */
  share: number;
}

/**
 * Where ours spends more than the floor: per process role and module, ours - floor self time,
 * largest first, with its share of the total busy-time gap.
 */
export function gapTable(
  ours: ProcessTimes[],
  floor: ProcessTimes[],
): { rows: GapRow[]; totalGapMs: number } {
  const roles: ProcessRole[] = ["program", "provider"];
  const rows: GapRow[] = [];
  let total = 0;
  for (const role of roles) {
    const o = combine(role, ours);
    const f = combine(role, floor);
    total += o.busyMs - f.busyMs;
    for (const module of new Set([...o.byModule.keys(), ...f.byModule.keys()])) {
      const oursMs = o.byModule.get(module) ?? 0;
      const floorMs = f.byModule.get(module) ?? 0;
      rows.push({ role, module, oursMs, floorMs, gapMs: oursMs - floorMs, share: 0 });
    }
  }
  for (const r of rows) r.share = total === 0 ? 0 : r.gapMs / total;
  rows.sort((a, b) => b.gapMs - a.gapMs);
  return { rows, totalGapMs: total };
}

/** The `top` functions of a role by self time, as `ms  name` lines. */
export function topFunctions(all: ProcessTimes[], role: ProcessRole, top: number): string[] {
  const c = combine(role, all);
  return [...c.byFunction.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, ms]) => `${ms.toFixed(0).padStart(7)} ms  ${name}`);
}
