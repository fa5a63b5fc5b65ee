/**
 * scripts/dev-env.sh's choice of Pulumi CLI: a compatible `pulumi` already on PATH is used as it is
 * (no build), an incompatible one is refused with the reason. Fake CLIs (sh scripts that print a
 * version) stand in for installed ones; PULUMI_WPENGINE_BUILD_CLI=never turns "would build" into a
 * failure, and an empty cache directory makes sure no earlier build is picked up instead.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { findRepoRoot } from "./swagger";

interface FakeCli {
  /** What `pulumi version` prints, e.g. `v3.280.0`. */
  version: string;
  /** Put pulumi-language-nodejs beside it (official installs do). */
  langhost?: boolean;
  /** Put pulumi-resource-pulumi-nodejs beside it (official installs do). */
  launcher?: boolean;
}

describe("dev-env: which Pulumi CLI it puts on PATH", () => {
  const repo = findRepoRoot();
  // The SDK version dev-env compares against: the lock file's @pulumi/pulumi.
  const lock = JSON.parse(readFileSync(path.join(repo, "package-lock.json"), "utf8")) as {
    packages: Record<string, { version: string }>;
  };
  const locked = lock.packages["node_modules/@pulumi/pulumi"]?.version;
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), "dev-env-"));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function executable(file: string, body: string): void {
    writeFileSync(file, `#!/bin/sh\n${body}\n`);
    chmodSync(file, 0o755);
  }

  /** Installs a fake CLI in its own directory and runs dev-env with only it (and Node) on PATH. */
  function devEnv(cli: FakeCli) {
    const bin = path.join(root, "cli");
    mkdirSync(bin);
    executable(path.join(bin, "pulumi"), `echo ${cli.version}`);
    if (cli.langhost ?? true) executable(path.join(bin, "pulumi-language-nodejs"), "exit 0");
    if (cli.launcher ?? true) executable(path.join(bin, "pulumi-resource-pulumi-nodejs"), "exit 0");
    const before = readdirSync(bin).sort();
    const result = spawnSync("bash", [path.join(repo, "scripts/dev-env.sh")], {
      encoding: "utf8",
      env: {
        HOME: root,
        PATH: [bin, path.dirname(process.execPath), "/usr/bin", "/bin"].join(":"),
        PULUMI_WPENGINE_CACHE: path.join(root, "cache"),
        PULUMI_WPENGINE_STATE: path.join(root, "state"),
        PULUMI_WPENGINE_BUILD_CLI: "never",
      },
    });
    const exported = /^export PATH="([^"]*)"$/m.exec(result.stdout)?.[1] ?? "";
    return { ...result, bin, exported, untouched: readdirSync(bin).sort().join() === before.join() };
  }

  it("uses a newer pulumi 3.x from PATH instead of building one", () => {
    const r = devEnv({ version: "v3.999.0" });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(r.exported.startsWith(`${r.bin}:`), r.exported);
    assert.match(r.stderr, /using pulumi v3\.999\.0 at .* \(compatible with @pulumi\/pulumi /);
    assert.doesNotMatch(r.stderr, /building/);
    assert.ok(r.untouched, "dev-env wrote into the CLI's directory");
  });

  it("uses a pulumi of exactly the locked SDK version", () => {
    const r = devEnv({ version: `v${locked}` });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(r.exported.startsWith(`${r.bin}:`), r.exported);
  });

  it("refuses a pulumi older than the locked SDK, saying so", () => {
    const r = devEnv({ version: "v3.100.0" });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, new RegExp(`not using pulumi v3\\.100\\.0 .*older than @pulumi/pulumi ${locked}`));
    assert.match(r.stderr, /PULUMI_WPENGINE_BUILD_CLI=never forbids building one/);
  });

  it("refuses a pulumi of another major version", () => {
    const r = devEnv({ version: "v4.0.0" });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /major version 4 is not the SDK major 3/);
  });

  it("refuses a pulumi with no Node.js language host beside it or on PATH", () => {
    const r = devEnv({ version: "v3.999.0", langhost: false });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /no pulumi-language-nodejs beside it or on PATH/);
  });

  it("puts the dynamic-provider launcher on PATH from its own cache directory when the CLI lacks it", () => {
    const r = devEnv({ version: "v3.999.0", launcher: false });
    assert.equal(r.status, 0, r.stderr);
    const launcherDir = path.join(root, "cache", `launcher-v${locked}`);
    assert.ok(r.exported.startsWith(`${r.bin}:${launcherDir}:`), r.exported);
    assert.ok(existsSync(path.join(launcherDir, "pulumi-resource-pulumi-nodejs")));
    assert.ok(r.untouched, "dev-env wrote into the CLI's directory");
  });
});
