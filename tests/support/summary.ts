import { readFileSync } from "node:fs";

/** One suite's counts as the reporter appends them to `$TEST_SUMMARY_FILE` (one JSON line). */
export interface SuiteCounts {
  /** The suite's name in scripts/test.sh (`$TEST_SUITE_NAME`). */
  suite: string;
  passes: number;
  failures: number;
  pending: number;
  /** False when the process exited before mocha finished the run (a crash mid-run). */
  ended: boolean;
}

/** What scripts/test.sh appends after each suite's mocha process ends. */
interface SuiteExit {
  suite: string;
  /** The mocha process's exit status (124 or 137 when the suite's time limit killed it). */
  exit: number;
  /** The time limit the suite ran under, for the message. */
  limit?: string;
}

/** One suite's outcome: its counts, and why it counts as crashed (undefined when it did not crash). */
export interface SuiteOutcome {
  suite: string;
  passes: number;
  failures: number;
  pending: number;
  crashed: string | undefined;
}

/**
 * Why a suite counts as crashed, or undefined. A suite crashed when it left no counts (a spec file
 * that does not load, a glob that matches nothing, a `.only` under --forbid-only), was killed by its
 * time limit, died before its run ended, ran no test at all, or exited non-zero with no failing test.
 */
export function crashReason(counts: SuiteCounts | undefined, exit: SuiteExit): string | undefined {
  if (exit.exit === 124 || exit.exit === 137) return `timed out (killed after ${exit.limit ?? "its limit"})`;
  if (!counts) return `crashed before running any test (mocha exited ${exit.exit})`;
  if (!counts.ended) return `crashed while running (mocha exited ${exit.exit} before the run ended)`;
  if (counts.passes + counts.failures + counts.pending === 0) return "ran no test";
  if (exit.exit !== 0 && counts.failures === 0) return `exited ${exit.exit} with no failing test`;
  return undefined;
}

/** Folds the summary file's lines (reporter counts and suite exits, in any order) into one outcome per suite. */
export function outcomes(lines: string[]): SuiteOutcome[] {
  const counts = new Map<string, SuiteCounts>();
  const exits: SuiteExit[] = [];
  for (const line of lines) {
    const parsed = JSON.parse(line) as SuiteCounts | SuiteExit;
    if ("exit" in parsed) exits.push(parsed);
    else counts.set(parsed.suite, parsed);
  }
  return exits.map((exit) => {
    const c = counts.get(exit.suite);
    return {
      suite: exit.suite,
      passes: c?.passes ?? 0,
      failures: c?.failures ?? 0,
      pending: c?.pending ?? 0,
      crashed: crashReason(c, exit),
    };
  });
}

/**
 * The closing line: `tests: N passed, M failed`, then `, S skipped` and `, K suites crashed` only when
 * there are any. Without them the line keeps the plain form that CI's log readers recognise.
 */
export function summaryLine(all: SuiteOutcome[]): string {
  const sum = (f: (o: SuiteOutcome) => number) => all.reduce((n, o) => n + f(o), 0);
  const skipped = sum((o) => o.pending);
  const crashed = all.filter((o) => o.crashed !== undefined).length;
  return `tests: ${sum((o) => o.passes)} passed, ${sum((o) => o.failures)} failed${
    skipped ? `, ${skipped} skipped` : ""
  }${crashed ? `, ${crashed} suites crashed` : ""}`;
}

/**
 * Prints one line per suite, then `suites: N, time: Ts` and the closing line of `npm test` over every
 * suite's counts. Exits 1 when a test failed or was skipped (a skipped test is a defect here), a suite
 * crashed, or no test passed at all, so the exit code and the closing line always agree.
 */
function main(file: string, seconds: string): number {
  const all = outcomes(readFileSync(file, "utf8").split("\n").filter(Boolean));
  for (const o of all) {
    const counts = `${o.passes} passed, ${o.failures} failed${o.pending ? `, ${o.pending} skipped` : ""}`;
    console.log(`suite ${o.suite}: ${counts}${o.crashed ? `; CRASHED: ${o.crashed}` : ""}`);
  }
  console.log(`suites: ${all.length}, time: ${seconds}s`);
  console.log(summaryLine(all));
  const bad = all.some((o) => o.failures > 0 || o.pending > 0 || o.crashed !== undefined);
  return bad || all.every((o) => o.passes === 0) ? 1 : 0;
}

if (require.main === module) process.exitCode = main(process.argv[2] ?? "", process.argv[3] ?? "?");
