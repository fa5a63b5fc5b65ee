import assert from "node:assert/strict";
import { sizeAndSteps } from "../../bench/args";
import { heapTable, summariseSnapshot } from "../../bench/heapSnapshot";
import { kindOf } from "../../bench/rss";

/** A heap snapshot in V8's format with the given nodes: [type, name, self size]. */
function snapshot(nodes: [string, string, number][]) {
  const types = ["hidden", "array", "string", "object", "code", "closure", "native"];
  const strings: string[] = [];
  const at = (s: string) => {
    const i = strings.indexOf(s);
    return i >= 0 ? i : strings.push(s) - 1;
  };
  return {
    snapshot: {
      meta: {
        node_fields: ["type", "name", "id", "self_size", "edge_count", "trace_node_id", "detachedness"],
        node_types: [types, "string"] as [string[], string],
      },
    },
    nodes: nodes.flatMap(([type, name, size], id) => [types.indexOf(type), at(name), id, size, 0, 0, 0]),
    strings,
  };
}

describe("bench:heap", () => {
  it("groups objects by constructor and strings by type, largest first", () => {
    const s = summariseSnapshot(
      snapshot([
        ["object", "Client", 100],
        ["string", "hello world", 40],
        ["string", "another text", 60],
        ["object", "Client", 100],
        ["closure", "read", 30],
        ["code", "(compiled)", 500],
        ["string", "/* a module's source */", 5000],
      ]),
    );
    assert.equal(s.totalBytes, 5830);
    assert.deepEqual(
      s.rows.map((r) => [r.what, r.count, r.selfBytes]),
      [
        ["(string of 4 KiB or more: module source text)", 1, 5000],
        ["(code)", 1, 500],
        ["Client", 2, 200],
        ["(string)", 2, 100],
        ["closure read", 1, 30],
      ],
    );
    const table = heapTable(s, 2);
    assert.match(table, /\| \(code\) \| 1 \| 0\.0 \| 8\.6 % \|/);
    assert.doesNotMatch(table, /\(string\)/);
  });

  it("refuses a file that is not a heap snapshot", () => {
    const bad = snapshot([]);
    bad.snapshot.meta.node_fields = ["id"];
    assert.throws(() => summariseSnapshot(bad), /not a V8 heap snapshot/);
  });

  it("probes only the provider processes: the dynamic-provider host and the plugin", () => {
    // The probe classifies its own process.argv with the sampler's rule, joined as /proc writes it.
    const argv = (...a: string[]) => kindOf(["node", ...a].join("\0"));
    assert.equal(argv("/x/@pulumi/pulumi/cmd/dynamic-provider/index.js", "127.0.0.1:1"), "provider");
    assert.equal(argv("/x/pulumi-wpengine/dist/plugin/main.js"), "provider");
    assert.equal(argv("/x/@pulumi/pulumi/cmd/run/index.js"), "program");
    assert.equal(argv("-e", "console.log(require.resolve('@pulumi/pulumi/cmd/dynamic-provider'))"), "other");
  });

  it("takes --n and --steps, and names both flags and the known steps when they are wrong", () => {
    assert.deepEqual(sizeAndSteps("1000", "create, refresh", ["create", "refresh", "destroy"]), {
      n: 1000,
      steps: ["create", "refresh"],
    });
    assert.throws(() => sizeAndSteps("0", "create", ["create"]), /--n must be a positive integer/);
    assert.throws(
      () => sizeAndSteps("10", "craete", ["create", "refresh"]),
      /--steps a subset of create,refresh/,
    );
  });
});
