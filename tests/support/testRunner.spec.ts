/**
 * The test runner itself (scripts/test.sh with tests/support/summary*.ts): it runs fixture spec files
 * (tests/support/fixtures/runner/*.fixture, outside every suite glob) as ad-hoc suites and reads the
 * closing line and the exit code, which must agree.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { findRepoRoot } from "./swagger";

interface RunnerResult {
  status: number | null;
  output: string;
  /** The closing line, `tests: N passed, M failed[, S skipped][, K suites crashed]`. */
  closing: string;
}

describe("test runner: scripts/test.sh and its summary line", () => {
  const repo = findRepoRoot();
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "runner-fixtures-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs each fixture as its own suite (named after it), with optional environment additions. */
  function run(fixtures: string[], env: Record<string, string> = {}): RunnerResult {
    const args = fixtures.map((name) => {
      const file = path.join(dir, `${name}.spec.js`);
      copyFileSync(path.join(repo, "tests/support/fixtures/runner", `${name}.fixture`), file);
      return `${name}=${file}`;
    });
    const result = spawnSync("bash", [path.join(repo, "scripts/test.sh"), "--no-setup", ...args], {
      cwd: repo,
      encoding: "utf8",
      env: { ...process.env, ...env },
    });
    const output = `${result.stdout}${result.stderr}`;
    const closing = result.stdout.split("\n").filter((l) => l.startsWith("tests: "));
    assert.equal(closing.length, 1, output);
    return { status: result.status, output, closing: closing[0] ?? "" };
  }

  it("ends with `tests: N passed, 0 failed` and exit 0 when every suite passes", () => {
    const r = run(["passes"]);
    assert.equal(r.closing, "tests: 1 passed, 0 failed");
    assert.equal(r.status, 0, r.output);
  });

  it("counts a suite whose spec file does not parse as crashed, and exits non-zero", () => {
    const r = run(["passes", "syntax-error"]);
    assert.equal(r.closing, "tests: 1 passed, 0 failed, 1 suites crashed");
    assert.match(
      r.output,
      /suite syntax-error: 0 passed, 0 failed; CRASHED: crashed before running any test/,
    );
    assert.notEqual(r.status, 0);
  });

  it("counts a suite that runs no test as crashed, and exits non-zero", () => {
    const r = run(["passes", "no-tests"]);
    assert.equal(r.closing, "tests: 1 passed, 0 failed, 1 suites crashed");
    assert.match(r.output, /suite no-tests: .*CRASHED: ran no test/);
    assert.notEqual(r.status, 0);
  });

  it("fails the run for each skipped test (it.skip and this.skip)", () => {
    const r = run(["skipped"]);
    assert.equal(r.closing, "tests: 1 passed, 2 failed");
    assert.notEqual(r.status, 0);
  });

  it("refuses a suite left with .only, counting it as crashed", () => {
    const r = run(["only"]);
    assert.equal(r.closing, "tests: 0 passed, 0 failed, 1 suites crashed");
    assert.notEqual(r.status, 0);
  });

  it("counts a suite whose glob matches no spec file as crashed", () => {
    const missing = path.join(dir, "nothing-here", "*.spec.js");
    const result = spawnSync("bash", [path.join(repo, "scripts/test.sh"), "--no-setup", `empty=${missing}`], {
      cwd: repo,
      encoding: "utf8",
    });
    assert.match(
      result.stdout,
      /^tests: 0 passed, 0 failed, 1 suites crashed$/m,
      result.stdout + result.stderr,
    );
    assert.notEqual(result.status, 0);
  });

  it("keeps the tests that ran before a suite's process died, and counts the suite as crashed", () => {
    const r = run(["passes", "dies-mid-run"]);
    assert.equal(r.closing, "tests: 2 passed, 0 failed, 1 suites crashed");
    assert.match(r.output, /suite dies-mid-run: 1 passed, 0 failed; CRASHED: crashed while running/);
    assert.notEqual(r.status, 0);
  });

  it("counts a suite that outlives its time limit as crashed (timed out)", () => {
    const r = run(["hangs"], { TEST_SUITE_TIME_LIMIT: "3s" });
    assert.equal(r.closing, "tests: 1 passed, 0 failed, 1 suites crashed");
    assert.match(r.output, /suite hangs: 1 passed, 0 failed; CRASHED: timed out \(killed after 3s\)/);
    assert.notEqual(r.status, 0);
  });
});
