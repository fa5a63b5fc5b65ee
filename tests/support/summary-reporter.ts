import { appendFileSync } from "node:fs";
import Mocha from "mocha";

/**
 * Mocha's spec reporter, plus one JSON line of counts appended to `$TEST_SUMMARY_FILE` when the run
 * ends, so that scripts/test.sh can print one summary line over all suites (each suite runs in its
 * own mocha process).
 */
class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const file = process.env.TEST_SUMMARY_FILE;
      const stats = runner.stats;
      if (!file || !stats) return;
      const line = { passes: stats.passes, failures: stats.failures, pending: stats.pending };
      appendFileSync(file, `${JSON.stringify(line)}\n`);
    });
  }
}

export = SummaryReporter;
