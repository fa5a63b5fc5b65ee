/**
 * A program that only declares resources pays nothing for the lookups: requiring the SDK loads
 * neither zod nor the API client (they load on the first lookup). Checked in a child process, whose
 * module cache starts empty.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";

const SDK = join(__dirname, "../../sdk/index.js");

/** The modules a fresh Node process has loaded after running `script` (which may use SDK). */
function loadedAfter(script: string): string[] {
  const out = execFileSync(
    process.execPath,
    [
      "-e",
      `const SDK = ${JSON.stringify(SDK)};\n${script}\nconsole.log(JSON.stringify(Object.keys(require.cache)));`,
    ],
    { encoding: "utf8" },
  );
  return JSON.parse(out.trim().split("\n").pop() ?? "[]") as string[];
}

describe("sdk: what loading the package costs a program", () => {
  it("loads neither zod nor the API client when the SDK is required", () => {
    const loaded = loadedAfter("require(SDK);");
    assert.ok(
      loaded.some((m) => m.endsWith("sdk/accountUser.js")),
      "the resource classes are loaded",
    );
    assert.deepEqual(
      loaded.filter((m) =>
        /[\\/]node_modules[\\/]zod[\\/]|provider[\\/]client[\\/](client|schemas|http)\.js$/.test(m),
      ),
      [],
    );
  });

  it("loads the client on the first lookup's connection", () => {
    const loaded = loadedAfter(
      'process.env.WPENGINE_API_USER_ID = "u"; process.env.WPENGINE_API_PASSWORD = "p"; require(SDK.replace("index.js", "lookups.js")).clientFor();',
    );
    assert.ok(loaded.some((m) => m.endsWith("provider/client/client.js")));
  });
});
