/**
 * The `wpengine-drift` command line: usage errors and failures exit 1 with a message, `--help` exits
 * 0. (Exit codes 0 and 2 on real stacks are proven end to end in tests/e2e/drift.spec.ts.)
 */
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../sdk/drift/cli";

/** Runs `main` with stderr and stdout captured. */
async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const saved = { out: process.stdout.write, err: process.stderr.write };
  process.stdout.write = ((s: string) => out.push(s) > 0) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => err.push(s) > 0) as typeof process.stderr.write;
  try {
    const code = await main(args);
    return { code, out: out.join(""), err: err.join("") };
  } finally {
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
  }
}

describe("wpengine-drift command line", () => {
  it("prints the usage with --help and exits 0", async () => {
    const r = await run(["--help"]);
    assert.equal(r.code, 0);
    assert.match(r.out, /Exit code: 0 no drift, 2 drift found, 1 error/);
  });

  it("exits 1 without a stack, with an unknown option, or with a bad --pending-days", async () => {
    const saved = process.env.PULUMI_STACK;
    delete process.env.PULUMI_STACK;
    try {
      assert.match((await run([])).err, /--stack is required/);
      assert.equal((await run(["--stack", "dev", "--bogus"])).code, 1);
      const bad = await run(["--stack", "dev", "--pending-days", "1.5"]);
      assert.equal(bad.code, 1);
      assert.match(bad.err, /--pending-days must be a whole number/);
    } finally {
      if (saved !== undefined) process.env.PULUMI_STACK = saved;
    }
  });

  it("exits 1 with the reason when the stack cannot be previewed", async () => {
    const empty = mkdtempSync(join(tmpdir(), "drift-cli-"));
    const r = await run(["--stack", "dev", "--cwd", empty]);
    assert.equal(r.code, 1);
    // The reason must be the one this case sets up (a directory without a Pulumi project), so a
    // failure for any other cause (no Pulumi CLI, a crash in the report code) does not pass it.
    assert.match(r.err, /^wpengine-drift: [\s\S]*no Pulumi\.yaml project file found/);
    assert.equal(r.out, "", "no report is printed");
  });
});
