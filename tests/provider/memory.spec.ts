import assert from "node:assert/strict";
import { favourMemoryInProviderHost, favoursMemory } from "../../provider/memory";

const HOST = "/app/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js";
const ON = { WPENGINE_OPTIMIZE_FOR_SIZE: "1" };

describe("provider memory policy", () => {
  it("sets --optimize-for-size in Pulumi's dynamic-provider host when WPENGINE_OPTIMIZE_FOR_SIZE=1", () => {
    const set: string[] = [];
    assert.equal(
      favourMemoryInProviderHost(["/usr/bin/node", HOST, "127.0.0.1:1234"], ON, (f) => set.push(f)),
      true,
    );
    assert.deepEqual(set, ["--optimize-for-size"]);
  });

  it("leaves every other process alone: a program, a test runner, an in-process script", () => {
    for (const script of [
      "/app/node_modules/@pulumi/pulumi/cmd/run/index.js",
      "/app/node_modules/.bin/mocha",
      "/app/scripts/dynamic-provider-notes.js",
      "",
    ])
      assert.equal(favoursMemory(["/usr/bin/node", script], ON), false, script);
    const set: string[] = [];
    favourMemoryInProviderHost(["/usr/bin/node", "/app/index.js"], ON, (f) => set.push(f));
    assert.deepEqual(set, []);
  });

  it("keeps V8's default unless asked: unset, 0 or false (it costs time)", () => {
    assert.equal(favoursMemory(["node", HOST], {}), false);
    for (const v of ["0", "false", ""])
      assert.equal(favoursMemory(["node", HOST], { WPENGINE_OPTIMIZE_FOR_SIZE: v }), false, v);
    assert.equal(favoursMemory(["node", HOST], { WPENGINE_OPTIMIZE_FOR_SIZE: "true" }), true);
  });
});
