import { appendFileSync } from "node:fs";
import Mocha from "mocha";
import type { SuiteCounts } from "./summary";

/**
 * Mocha's spec reporter, plus one JSON line of counts ({@link SuiteCounts}) appended to
 * `$TEST_SUMMARY_FILE`, so that scripts/test.sh can print one summary line over all suites (each suite
 * runs in its own mocha process). The line is written when the run ends, or when the process exits
 * before that (a test that kills the process), so the tests that did run are still counted. A suite
 * that dies before mocha starts (a spec file that does not load) writes nothing; the summary counts it
 * as crashed.
 */
class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    let written = false;
    const write = (ended: boolean) => {
      const file = process.env.TEST_SUMMARY_FILE;
      const stats = runner.stats;
      if (written || !file || !stats) return;
      written = true;
      const line: SuiteCounts = {
        suite: process.env.TEST_SUITE_NAME ?? "mocha",
        passes: stats.passes,
        failures: stats.failures,
        pending: stats.pending,
        ended,
      };
      appendFileSync(file, `${JSON.stringify(line)}\n`);
    };
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => write(true));
    process.once("exit", () => write(false));
  }
}

export = SummaryReporter;
