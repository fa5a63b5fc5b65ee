import { readFileSync } from "node:fs";

/**
 * Prints the closing line of `npm test` over every suite's counts: `tests: N passed, N failed`
 * (with `, N skipped` only when something was skipped, which this project treats as a defect).
 * Exits 1 when a suite failed or when no test ran at all.
 */
function main(file: string, seconds: string): number {
  const lines = readFileSync(file, "utf8").split("\n").filter(Boolean);
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const line of lines) {
    const c = JSON.parse(line) as { passes: number; failures: number; pending: number };
    passed += c.passes;
    failed += c.failures;
    skipped += c.pending;
  }
  console.log(`suites: ${lines.length}, time: ${seconds}s`);
  console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
  return failed > 0 || passed === 0 ? 1 : 0;
}

process.exitCode = main(process.argv[2] ?? "", process.argv[3] ?? "?");
