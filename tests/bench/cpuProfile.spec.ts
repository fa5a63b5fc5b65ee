import assert from "node:assert/strict";
import { type CpuProfile, gapTable, moduleOf, summarise, topFunctions } from "../../bench/cpuProfile";

/** A profile whose samples hit the given frames for the given microseconds. */
function profile(urls: string[], samples: [number, number][]): CpuProfile {
  const nodes = urls.map((url, i) => ({
    id: i + 1,
    callFrame: { functionName: url === "" ? "(idle)" : `f${i}`, url, lineNumber: 9 },
  }));
  return {
    nodes,
    startTime: 0,
    endTime: 1_000_000,
    samples: samples.map(([id]) => id),
    timeDeltas: samples.map(([, us]) => us),
  };
}

const PROVIDER = "file:///p/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js";
const ZOD = "file:///p/node_modules/zod/v4/core/schemas.js";
const OURS = "file:///p/node_modules/pulumi-wpengine/dist/provider/client/client.js";

describe("bench: CPU profile summary", () => {
  it("names the module of a frame by its package, with the part for @pulumi/pulumi and pulumi-wpengine", () => {
    assert.equal(moduleOf(ZOD, "parse"), "zod");
    assert.equal(moduleOf(PROVIDER, "x"), "@pulumi/pulumi/cmd/dynamic-provider");
    assert.equal(moduleOf(OURS, "x"), "pulumi-wpengine/provider/client");
    assert.equal(moduleOf("node:internal/streams", "x"), "node:internal");
    assert.equal(moduleOf("", "(garbage collector)"), "V8: GC");
    assert.equal(moduleOf("file:///p/index.js", "x"), "program");
  });

  it("sums self time by module, leaves idle out, and tells the provider process by its runtime", () => {
    const p = summarise(
      profile(
        [PROVIDER, ZOD, ""],
        [
          [1, 1000],
          [2, 3000],
          [2, 2000],
          [3, 50_000],
        ],
      ),
    );
    assert.equal(p.role, "provider");
    assert.equal(p.busyMs, 6);
    assert.equal(p.byModule.get("zod"), 5);
    assert.deepEqual(topFunctions([p], "provider", 1), ["      5 ms  zod: f1 (schemas.js:10)"]);
  });

  it("gives each module's gap over the floor and its share of the whole gap", () => {
    const ours = summarise(
      profile(
        [PROVIDER, ZOD],
        [
          [1, 2000],
          [2, 6000],
        ],
      ),
    );
    const floor = summarise(profile([PROVIDER], [[1, 4000]]));
    const { rows, totalGapMs } = gapTable([ours], [floor]);
    assert.equal(totalGapMs, 4);
    assert.deepEqual(
      rows.map((r) => [r.module, r.gapMs, r.share]),
      [
        ["zod", 6, 1.5],
        ["@pulumi/pulumi/cmd/dynamic-provider", -2, -0.5],
      ],
    );
  });
});
