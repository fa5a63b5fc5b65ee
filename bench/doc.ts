/**
 * Keeps docs/benchmarks.md true to one saved run: rewrites the marked regions of the document
 * (`<!-- bench:NAME -->` ... `<!-- /bench:NAME -->`) from the report JSON committed next to it
 * (docs/benchmarks.json, written by `npm run bench -- --out`), so every figure the prose quotes comes
 * from the run the table shows. Text outside the markers is left alone.
 *
 * Usage: `node dist/bench/doc.js [--report docs/benchmarks.json] [--doc docs/benchmarks.md] [--check]`.
 * `--check` changes nothing and exits 1 when the document is not what the report gives.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { formatEstateTable } from "./estate";
import { formatPluginTable } from "./plugin";
import { type BenchReport, cpuOf, fmtMs, formatTable, type StepResult } from "./results";

/** A saved report, with what the person who ran it wrote about the machine's other work. */
export interface DocReport extends BenchReport {
  /** Free text: what else ran on the machine during the run (the load columns show how much). */
  conditions?: string;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function range(values: number[], fmt: (v: number) => string): string {
  if (values.length === 0) return "n/a";
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const [a, b] = [fmt(lo), fmt(hi)];
  if (a === b) return a;
  // "3.2-6.8 s" rather than "3.2 s-6.8 s" when both ends have the same unit.
  const unit = / [^ ]+$/.exec(b)?.[0];
  return unit && a.endsWith(unit) ? `${a.slice(0, -unit.length)}-${b}` : `${a}-${b}`;
}

function rowsAt(report: BenchReport, n: number): StepResult[] {
  return report.results.filter((r) => r.n === n && r.step !== "lookups");
}

/** The sizes of the run, smallest first. */
function sizes(report: BenchReport): number[] {
  return [...new Set(report.results.filter((r) => r.step !== "lookups").map((r) => r.n))].sort(
    (a, b) => a - b,
  );
}

/** A Markdown table with padded columns, as the repository's formatter (biome) writes it. */
function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(3, h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** Each region's generated text, by marker name. */
export function regions(report: DocReport): Record<string, string> {
  const ns = sizes(report);
  const small = ns[0] ?? 0;
  const large = ns[ns.length - 1] ?? 0;
  // The report is dated when it is written, at the end of the run.
  const ended = new Date(report.date);
  const started = new Date(ended.getTime() - report.totalMs);
  const loads = report.results.map((r) => r.loadAvg1);
  const m = report.machine;
  const o = report.options;
  const hhmm = (d: Date) => d.toISOString().slice(11, 16);
  const createLarge = report.results.find((r) => r.step === "create" && r.n === large);
  const noChange = rowsAt(report, large).filter((r) => r.step === "preview" || r.step === "noopUp");
  const idealMax = Math.max(0, ...report.results.map((r) => r.idealMs));

  const run = [
    `- Command: \`${report.command}\`; benchmark total ${seconds(report.totalMs)}.`,
    `- Date: ${started.toISOString().slice(0, 10)}, ${hhmm(started)}-${hhmm(ended)} UTC.`,
    `- Machine: ${m.nproc} cores (${m.cpuModel}), ${(m.memTotalBytes / 2 ** 30).toFixed(0)} GiB memory, Node ${m.node}, Pulumi CLI ${m.pulumi}, file backend on local disk.`,
    `- Load: the 1-minute load average was ${range(loads, (v) => v.toFixed(1))} during the run (column \`load\`).${
      report.conditions ? ` ${report.conditions}` : ""
    }`,
    `- Settings: sizes ${o.sizes.join(", ")}${o.quick ? " (`--quick`)" : ""}, latency ${o.latencyMs} ms per request, client concurrency ${o.concurrency}, \`pulumi --parallel\` ${o.parallel ?? "default (8)"}.`,
  ].join("\n");

  const table = ["```", formatTable(report.results), "```"].join("\n");

  const targets = markdownTable(
    ["target", "measured (this run)", "met"],
    report.targets.map((t) => [
      `${t.name}: ${t.target}`,
      t.measured.replaceAll("|", "\\|"),
      t.met === null ? "n/a" : t.met ? "yes" : "no",
    ]),
  );

  const wallRange = (n: number) =>
    range(
      rowsAt(report, n).map((r) => r.wallMs),
      seconds,
    );
  const overhead =
    `**Wall time is overhead, not requests.** The ideal time of every step is at most ${fmtMs(idealMax)}; ` +
    `the CLI takes ${wallRange(small)} for a step at N = ${small} and ${wallRange(large)} at N = ${large}.`;
  const previews =
    `**\`preview\` and no-op \`up\` cost about as much as a create minus the requests**: ` +
    `${range(
      noChange.map((r) => r.wallMs),
      seconds,
    )} at N = ${large}, almost all of it the program (serializing and registering ${large} resources) and the engine.`;
  const cpu = createLarge
    ? `At N = ${large} the requests of a create take ${fmtMs(createLarge.idealMs)} (ideal) to ${fmtMs(
        createLarge.baselineMs,
      )} (baseline script); the CLI's processes spend ${seconds(cpuOf(createLarge))} of CPU on the ${m.nproc} cores.`
    : "This run has no create step.";
  const rss = report.results.flatMap((r) =>
    r.peakProviderRssBytes === null ? [] : [r.peakProviderRssBytes],
  );
  const memory = `In this run the provider process peaked at ${range(rss, (b) => `${(b / 2 ** 20).toFixed(0)} MiB`)}.`;
  const floored = rowsAt(report, large).filter((r) => r.floorMs != null && r.floorRatio != null);
  const floorLatency = floored[0]?.floorLatencyMs ?? o.latencyMs;
  const floor = floored.length
    ? `**What the package adds on top of Pulumi.** At N = ${large}, each step next to the same step of the ` +
      `floor program (the same ${large} resources and inputs through a dynamic provider that does no I/O), ` +
      `both with the emulator answering at ${floorLatency} ms latency, ${
        (floored[0]?.floorRounds ?? 1) > 1
          ? `the median of ${floored[0]?.floorRounds} alternating rounds (ours, floor, ours, floor, ...)`
          : "ours first and the floor right after it"
      }: ${floored
        .map(
          (r) =>
            `${r.label} ${seconds(r.floorOursMs ?? r.wallMs)} vs ${seconds(r.floorMs ?? 0)} = ${(r.floorRatio ?? 0).toFixed(2)}x`,
        )
        .join("; ")}.`
    : "**What the package adds on top of Pulumi**: this run has no floor (`--no-floor`, or a report from before the floor program existed).";
  const estate = report.estate
    ? [
        `${report.estate.objects} objects: 1 site, 1 install, ${report.estate.domains} domains, ${report.estate.sshKeys} SSH keys.`,
        "",
        "```",
        formatEstateTable(report.estate),
        "```",
      ].join("\n")
    : "This run has no estate section (`--no-estate`, or a report from before it existed).";
  const agency = report.agency
    ? [
        `${[...new Set(report.agency.results.map((r) => r.n))].join(", ")} users over ${report.agency.accounts} accounts, one \`AccountTeam\` per account; requests include the teams' program-time reads.`,
        "",
        "```",
        formatTable(report.agency.results),
        "```",
      ].join("\n")
    : "This run has no agency section (`--no-agency`, or a report from before it existed).";
  const agencyRows = report.agency?.results ?? [];
  const agencyLarge = Math.max(0, ...agencyRows.map((r) => r.n));
  const at = (step: string, n: number) => agencyRows.find((r) => r.step === step && r.n === n);
  const aCreate = at("create", agencyLarge);
  const aDestroy = at("destroy", agencyLarge);
  const aRss = Math.max(0, ...agencyRows.map((r) => r.peakProviderRssBytes ?? 0));
  const agencyNotes =
    aCreate && aDestroy
      ? `At N = ${agencyLarge} the create took ${seconds(aCreate.wallMs)}, of which the \`pulumi\` CLI (the engine) spent ${seconds(aCreate.cpuMs.engine)} of CPU, and destroy ${seconds(aDestroy.wallMs)} (engine ${seconds(aDestroy.cpuMs.engine)} of CPU); the provider process peaked at ${(aRss / 2 ** 20).toFixed(0)} MiB; the state held ${aCreate.stateBytesPerResource ?? "-"} bytes per user.`
      : "This run has no agency section.";
  const plugin = report.plugin
    ? [
        `Provider start (spawn to port, median of ${report.plugin.start.runs}): plugin ${fmtMs(report.plugin.start.pluginMs)}, dynamic-provider host ${fmtMs(report.plugin.start.dynamicMs)}. ` +
          "Each step at the floor's latency: the dynamic resources, the floor and the plugin (`tests/e2e/programs/bench-plugin`), " +
          `alternating rounds at ${o.sizes.join(", ")} users in one account${report.plugin.scale.length ? `, and one round at ${[...new Set(report.plugin.scale.map((r) => r.n))].join(", ")} users over 10 accounts` : ""}.`,
        "",
        "```",
        formatPluginTable([...report.results, ...report.plugin.scale]),
        "```",
      ].join("\n")
    : "This run has no plugin section (`--no-plugin`, or a report from before it existed).";
  const duration = `this run: sizes ${o.sizes.join(", ")} in ${seconds(report.totalMs)} of benchmark time`;
  return {
    run,
    table,
    targets,
    overhead,
    previews,
    cpu,
    memory,
    duration,
    floor,
    estate,
    agency,
    agencyNotes,
    plugin,
  };
}

/** The document with every marked region replaced; fails on a marker without its region. */
export function rewrite(doc: string, generated: Record<string, string>): string {
  let out = doc;
  for (const [name, text] of Object.entries(generated)) {
    const open = `<!-- bench:${name} -->`;
    const close = `<!-- /bench:${name} -->`;
    const from = out.indexOf(open);
    const to = out.indexOf(close);
    if (from < 0 || to < from) throw new Error(`docs/benchmarks.md has no region ${open} ... ${close}`);
    const inline = !out.slice(from, to).includes("\n");
    out = `${out.slice(0, from + open.length)}${inline ? text : `\n${text}\n`}${out.slice(to)}`;
  }
  return out;
}

if (require.main === module) {
  const { values } = parseArgs({
    options: {
      report: { type: "string", default: "docs/benchmarks.json" },
      doc: { type: "string", default: "docs/benchmarks.md" },
      check: { type: "boolean", default: false },
    },
  });
  const report = JSON.parse(readFileSync(resolve(values.report), "utf8")) as DocReport;
  const docPath = resolve(values.doc);
  const before = readFileSync(docPath, "utf8");
  const after = rewrite(before, regions(report));
  if (values.check) {
    if (after !== before) {
      console.error(`${values.doc} is not generated from ${values.report}: run node dist/bench/doc.js`);
      process.exit(1);
    }
    console.log(`${values.doc} matches ${values.report}`);
  } else {
    writeFileSync(docPath, after);
    console.log(`rewrote the marked regions of ${values.doc} from ${values.report}`);
  }
}
