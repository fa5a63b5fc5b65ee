import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { keepsV8Default } from "../../provider/memory";

const BIN = join(__dirname, "../../../bin/pulumi-resource-wpengine");

/** Starts the plugin as the engine does, waits for its port, and returns its command line. */
async function commandLineOf(env: NodeJS.ProcessEnv): Promise<string[]> {
  const child = spawn(BIN, [], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.once("data", () => resolve());
      child.once("exit", (code) => reject(new Error(`the plugin exited (${code}) before printing its port`)));
    });
    // The script execs node, so the child's pid is node's.
    return readFileSync(`/proc/${child.pid}/cmdline`, "utf8").split("\0").filter(Boolean);
  } finally {
    child.kill("SIGKILL");
  }
}

describe("bin/pulumi-resource-wpengine", () => {
  it("passes --optimize-for-size to node by default (the provider's memory policy, provider/memory.ts)", async () => {
    const args = await commandLineOf({ WPENGINE_OPTIMIZE_FOR_SIZE: "" });
    assert.deepEqual(args.slice(1), ["--optimize-for-size", args.at(-1)]);
    assert.match(args.at(-1) ?? "", /dist\/plugin\/main\.js$/);
  });

  it("runs node with V8's default heap policy exactly when keepsV8Default reads the setting so", async () => {
    // The shell script and provider/memory.ts must accept the same spellings, or the plugin and the
    // dynamic host would follow different policies under one setting.
    for (const value of ["0", "false", " FALSE ", "False\t", "1", "true", "no", "off0"]) {
      const args = await commandLineOf({ WPENGINE_OPTIMIZE_FOR_SIZE: value });
      const keeps = keepsV8Default({ WPENGINE_OPTIMIZE_FOR_SIZE: value });
      assert.equal(
        args.includes("--optimize-for-size"),
        !keeps,
        `${JSON.stringify(value)}: ${args.join(" ")}`,
      );
      assert.match(args.at(-1) ?? "", /dist\/plugin\/main\.js$/);
    }
  });
});
