import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { favourMemoryInProviderHost, favoursMemory, type HeapControls } from "../../provider/memory";

const HOST = "/app/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js";

/** Heap controls that record what the policy asked of V8. */
function recorder(): HeapControls & { calls: string[] } {
  const calls: string[] = [];
  return { calls, setFlags: (f) => calls.push(f), collect: () => calls.push("collect") };
}

describe("provider memory policy", () => {
  it("sets --optimize-for-size and then collects once in Pulumi's dynamic-provider host, by default", () => {
    const v8 = recorder();
    assert.equal(favourMemoryInProviderHost(["/usr/bin/node", HOST, "127.0.0.1:1234"], {}, v8), true);
    assert.deepEqual(v8.calls, ["--optimize-for-size", "collect"]);
  });

  it("leaves every other process alone: a program, a test runner, an in-process script", () => {
    for (const script of [
      "/app/node_modules/@pulumi/pulumi/cmd/run/index.js",
      "/app/node_modules/.bin/mocha",
      "/app/scripts/dynamic-provider-notes.js",
      "",
    ])
      assert.equal(favoursMemory(["/usr/bin/node", script], {}), false, script);
    const v8 = recorder();
    favourMemoryInProviderHost(["/usr/bin/node", "/app/index.js"], {}, v8);
    assert.deepEqual(v8.calls, []);
  });

  it("keeps V8's default policy when WPENGINE_OPTIMIZE_FOR_SIZE is 0 or false", () => {
    for (const v of ["0", "false", " FALSE "]) {
      const v8 = recorder();
      assert.equal(
        favourMemoryInProviderHost(["node", HOST], { WPENGINE_OPTIMIZE_FOR_SIZE: v }, v8),
        false,
        v,
      );
      assert.deepEqual(v8.calls, [], v);
    }
    for (const v of ["1", "true", ""])
      assert.equal(favoursMemory(["node", HOST], { WPENGINE_OPTIMIZE_FOR_SIZE: v }), true, v);
  });

  it("runs a forced full collection in a real host process and leaves no gc() on its global", function () {
    this.timeout(30_000);
    // A script at the host's path, so the policy sees the process as Pulumi's dynamic-provider host.
    const root = mkdtempSync(join(tmpdir(), "wpe-memory-"));
    try {
      const script = join(root, "cmd", "dynamic-provider", "index.js");
      mkdirSync(join(root, "cmd", "dynamic-provider"), { recursive: true });
      writeFileSync(
        script,
        `const { PerformanceObserver, constants } = require("node:perf_hooks");
const gcs = [];
new PerformanceObserver((l) => gcs.push(...l.getEntries().map((e) => e.detail))).observe({ entryTypes: ["gc"] });
const applied = require(${JSON.stringify(join(__dirname, "../../provider/memory.js"))}).favourMemoryInProviderHost();
setTimeout(() => {
  const forced = gcs.filter((d) => d.kind === constants.NODE_PERFORMANCE_GC_MAJOR && (d.flags & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED));
  process.stdout.write(JSON.stringify({ applied, forced: forced.length, gc: typeof globalThis.gc }));
}, 100);`,
      );
      const run = (env: NodeJS.ProcessEnv) =>
        JSON.parse(
          execFileSync(process.execPath, [script], { env: { ...process.env, ...env }, encoding: "utf8" }),
        );
      assert.deepEqual(run({ WPENGINE_OPTIMIZE_FOR_SIZE: "" }), {
        applied: true,
        forced: 1,
        gc: "undefined",
      });
      assert.deepEqual(run({ WPENGINE_OPTIMIZE_FOR_SIZE: "0" }), {
        applied: false,
        forced: 0,
        gc: "undefined",
      });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
