/**
 * The provider shim as the dynamic-provider runtime of @pulumi/pulumi 3.276 uses it: serialized by
 * Pulumi's own closure serializer, loaded from text with `require-from-string` (as
 * `cmd/dynamic-provider/index.js` does), cached per process BEFORE `configure` is awaited, then asked
 * for its methods. A provider that cannot start must fail every operation, in every later call of the
 * same process: the runtime answers a `delete` it finds no method for as a success.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { SEED_IDS } from "../../emulator";
import { providerShim } from "../../sdk/shim";
import { requestCounts, stackConfig, useEmulator, withEnv } from "../provider/support";

// The runtime's own loader (a dependency of @pulumi/pulumi), so the test loads the text as it does.
const requireFromString = require("require-from-string") as (code: string) => {
  handler: () => pulumi.dynamic.ResourceProvider;
};

const METHODS = ["check", "diff", "create", "read", "update", "delete"] as const;
const KINDS = [
  "AccountUser",
  "Backup",
  "AccountUserRemoval",
  "Site",
  "SshKey",
  "Install",
  "CachePurge",
  "InstallCopy",
] as const;

/** The shim's text as Pulumi stores it in `__provider`. */
async function serialized(kind: (typeof KINDS)[number]): Promise<string> {
  const shim = providerShim(kind);
  return (await pulumi.runtime.serializeFunction(() => shim, { allowSecrets: true })).text;
}

/** The repository root (this file runs from dist/tests/sdk). */
const REPO = resolve(__dirname, "../../..");

/**
 * A program directory for the provider process to run in (its cwd, where the shim's `require`
 * resolves from): with `pulumi-wpengine` installed (a link to this repository, through its
 * `exports` map) or without it (the package was removed from the program).
 */
function programDir(withPackage: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), "wpengine-shim-"));
  if (withPackage) {
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(REPO, join(dir, "node_modules/pulumi-wpengine"));
  }
  return dir;
}

/**
 * What `getProvider` of the runtime does: deserialize, cache, then await `configure`. Returns the
 * cached object and the configure error (if any), as a later call of the same process would see it.
 */
async function startLikeTheRuntime(
  text: string,
  config: pulumi.dynamic.Config,
  withPackage = true,
): Promise<{ provider: pulumi.dynamic.ResourceProvider; configureError: unknown }> {
  const cwd = process.cwd();
  const dir = programDir(withPackage);
  // The shim loads the package synchronously, before configure's first await.
  process.chdir(dir);
  let configured: Promise<void> | undefined;
  let provider: pulumi.dynamic.ResourceProvider;
  try {
    provider = requireFromString(text).handler();
    configured = provider.configure?.({ config });
  } finally {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  }
  try {
    await configured;
    return { provider, configureError: undefined };
  } catch (err) {
    return { provider, configureError: err };
  }
}

async function rejection(p: Promise<unknown> | undefined): Promise<Error> {
  assert.ok(p, "the method exists");
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof Error, `rejects with an Error, got ${String(err)}`);
    return err;
  }
  assert.fail("the method succeeded");
}

describe("providerShim", () => {
  const ctx = useEmulator();

  for (const kind of KINDS) {
    it(`fails every ${kind} operation with the configure error when no password is configured`, async () => {
      const text = await serialized(kind);
      // configure reads the environment synchronously, before its first await.
      let started: ReturnType<typeof startLikeTheRuntime> | undefined;
      withEnv({}, () => {
        started = startLikeTheRuntime(
          text,
          stackConfig({ "wpengine:apiUrl": ctx.emu.baseUrl, "wpengine:apiUserId": ctx.emu.apiUserId }),
        );
      });
      assert.ok(started);
      const { provider, configureError } = await started;
      assert.ok(configureError instanceof Error, "configure fails");
      assert.match(configureError.message, /wpengine:apiPassword/);
      const props = { __provider: text, accountId: SEED_IDS.mainAccountId, installId: "x" };
      for (const m of METHODS) {
        const err = await rejection(
          m === "check"
            ? provider.check?.({}, props)
            : m === "create"
              ? provider.create?.(props)
              : m === "diff" || m === "update"
                ? provider[m]?.(SEED_IDS.fullUserId, props, props)
                : provider[m]?.(SEED_IDS.fullUserId, props),
        );
        assert.match(err.message, /could not start/, `${m} says the provider could not start`);
        assert.match(err.message, /wpengine:apiPassword/, `${m} carries the configure error`);
        assert.match(err.message, /Fix: keep pulumi-wpengine installed/, `${m} names the fix`);
      }
      assert.deepEqual(await requestCounts(ctx.emu), {}, "no request was made");
    });
  }

  it("fails every operation when the package was removed from the program", async () => {
    // A process of its own, as the runtime has: Node caches resolutions per process, and a program
    // whose package was removed starts its provider in a directory where nothing resolves it.
    const dir = programDir(false);
    try {
      const script = `
        const provider = require(${JSON.stringify(require.resolve("require-from-string"))})(process.env.SHIM).handler();
        const seen = [];
        provider.configure({ config: { get: () => undefined } }).catch((e) => seen.push("configure: " + e.message))
          .then(() => Promise.allSettled(["check", "diff", "create", "read", "update", "delete"].map((m) =>
            typeof provider[m] === "function" ? provider[m]("id", {}, {}) : Promise.resolve("missing"))))
          .then((r) => console.log(JSON.stringify({ seen, results: r.map((x) => x.status === "rejected" ? x.reason.message : "ok: " + x.value) })));`;
      const text = await serialized("AccountUser");
      {
        const out = execFileSync(process.execPath, ["-e", script], {
          cwd: dir,
          env: { ...process.env, SHIM: text },
          encoding: "utf8",
        });
        const { seen, results } = JSON.parse(out.trim().split("\n").pop() ?? "{}") as {
          seen: string[];
          results: string[];
        };
        assert.match(
          String(seen[0]),
          /could not start.*Cannot find module 'pulumi-wpengine\/dist\/provider\/index\.js'/s,
        );
        assert.equal(results.length, 6);
        for (const r of results)
          assert.match(r, /could not start.*Cannot find module.*Fix: keep pulumi-wpengine installed/s);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("installs the real methods when configure succeeds", async () => {
    const text = await serialized("AccountUser");
    const { provider, configureError } = await startLikeTheRuntime(
      text,
      stackConfig({
        "wpengine:apiUrl": ctx.emu.baseUrl,
        "wpengine:apiUserId": ctx.emu.apiUserId,
        "wpengine:apiPassword": ctx.emu.apiPassword,
      }),
    );
    assert.equal(configureError, undefined);
    const read = await provider.read?.(SEED_IDS.fullUserId, { accountId: SEED_IDS.mainAccountId });
    assert.equal(read?.id, SEED_IDS.fullUserId);
  });

  it("stays a thin shim that requires the package's contract entry point, under 1.5 KB of text", async () => {
    for (const kind of KINDS) {
      const text = await serialized(kind);
      assert.match(text, /require\("pulumi-wpengine\/dist\/provider\/index\.js"\)/);
      assert.ok(text.length < 1536, `${kind} shim is ${text.length} bytes`);
      console.log(`      [shim] ${kind}: ${text.length} bytes`);
    }
  });
});
