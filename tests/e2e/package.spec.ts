/**
 * A complete package: what the README tells users to use is in what `npm pack` ships, and works from
 * an empty project that installed the tarball: resources, lookups and AccountTeam through the real
 * CLI, the type declarations through the `exports` map, `wpengine-drift --help`, and the policy pack
 * through `pulumi preview --policy-pack` at its path inside the installed package. The shim's entry
 * point `pulumi-wpengine/dist/provider/index.js` is a contract: every state file requires it.
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SEED_IDS } from "../../emulator";
import { Scenario } from "../chaos/support";
import { installProject, repoRoot, resourcesOf } from "./harness";

interface PackedFile {
  path: string;
  mode: number;
}

/** What `npm pack --dry-run` would ship. */
function packedFiles(): PackedFile[] {
  const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--silent"], {
    cwd: repoRoot,
    encoding: "utf8",
  });
  const [pack] = JSON.parse(out) as { files: PackedFile[] }[];
  assert.ok(pack, "npm pack --dry-run --json printed the package");
  return pack.files;
}

const pkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as {
  exports: Record<string, string | Record<string, string>>;
  bin: Record<string, string>;
};

describe("the packed package", function () {
  this.timeout(1_800_000);

  it("ships the policy pack with its launcher, the CLIs, type declarations and every exports target", () => {
    const files = packedFiles();
    const paths = new Set(files.map((f) => f.path));
    for (const f of ["index.js", "rules.js", "PulumiPolicy.yaml", "package.json", "wpengine-policy"])
      assert.ok(paths.has(`policy/${f}`), `policy/${f} is packed`);
    const launcher = files.find((f) => f.path === "policy/wpengine-policy");
    assert.ok(launcher && (launcher.mode & 0o111) !== 0, "the policy launcher is executable");
    for (const [name, target] of Object.entries(pkg.bin))
      assert.ok(paths.has(target), `bin ${name}: ${target}`);
    for (const [subpath, target] of Object.entries(pkg.exports)) {
      for (const file of typeof target === "string" ? [target] : Object.values(target)) {
        if (!file.includes("*"))
          assert.ok(paths.has(file.replace(/^\.\//, "")), `exports ${subpath}: ${file}`);
      }
    }
    assert.ok(paths.has("dist/provider/index.js"), "the shim's entry point is packed");
    assert.ok(paths.has("dist/sdk/index.d.ts"), "type declarations are packed");
    assert.deepEqual(
      [...paths].filter((p) => /\.spec\.|node_modules|^tests\//.test(p)),
      [],
      "no tests or node_modules",
    );
  });

  it("keeps the shim's entry point pulumi-wpengine/dist/provider/index.js in the exports map", () => {
    // Every resource's state requires this subpath; it must never move or be hidden.
    const entry = pkg.exports["./dist/provider/index.js"];
    assert.deepEqual(entry, { types: "./dist/provider/index.d.ts", default: "./dist/provider/index.js" });
    assert.deepEqual(pkg.exports["."], { types: "./dist/sdk/index.d.ts", default: "./dist/sdk/index.js" });
  });

  it("keeps every kind's shim module pulumi-wpengine/dist/sdk/shims/<Kind>.js in the exports map and the package", () => {
    // States written since the shim became a require of these modules load them by this subpath.
    assert.equal(pkg.exports["./dist/sdk/shims/*.js"], "./dist/sdk/shims/*.js");
    const kinds = ["AccountUser", "Backup", "AccountUserRemoval", "Site", "SshKey", "Install"];
    kinds.push("CachePurge", "InstallCopy", "Domain", "DomainCertificate");
    const paths = new Set(packedFiles().map((f) => f.path));
    for (const kind of kinds) assert.ok(paths.has(`dist/sdk/shims/${kind}.js`), `${kind}'s shim is shipped`);
  });

  describe("installed into an empty project", () => {
    let project: string;
    let sc: Scenario | undefined;
    before(async () => {
      project = mkdtempSync(join(tmpdir(), "wpengine-package-"));
      const devDeps = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")).devDependencies;
      const policyDeps = JSON.parse(readFileSync(join(repoRoot, "policy/package.json"), "utf8")).dependencies;
      await installProject(project, {
        extra: {
          "@pulumi/policy": policyDeps["@pulumi/policy"],
          typescript: devDeps.typescript,
          "@types/node": devDeps["@types/node"],
        },
      });
    });
    after(async () => {
      await sc?.dispose();
      rmSync(project, { recursive: true, force: true });
    });

    it("type-checks a program against the declarations, through the exports map", () => {
      writeFileSync(
        join(project, "check.ts"),
        [
          'import * as wpe from "pulumi-wpengine";',
          'import { createProvider, type ProviderKind } from "pulumi-wpengine/dist/provider/index.js";',
          "const kind: ProviderKind = 'Backup';",
          "const args: wpe.AccountUserArgs = { accountId: 'a', email: 'e', firstName: 'f', lastName: 'l', roles: 'full' };",
          "export const used = [wpe.AccountUser, wpe.Backup, wpe.Site, wpe.SshKey, wpe.getSshKeys, wpe.AccountTeam, wpe.getInstallOutput, wpe.loadTeamFile, createProvider, kind, args];",
          "",
        ].join("\n"),
      );
      const tsc = spawnSync(
        join(project, "node_modules/.bin/tsc"),
        [
          "--noEmit",
          "--strict",
          "--module",
          "nodenext",
          "--moduleResolution",
          "nodenext",
          "--types",
          "node",
          "check.ts",
        ],
        { cwd: project, encoding: "utf8" },
      );
      assert.equal(tsc.status, 0, `tsc failed:\n${tsc.stdout}${tsc.stderr}`);
    });

    for (const [bin, usage] of [
      ["wpengine-drift", /Usage: wpengine-drift --stack NAME/],
      ["wpengine-import", /Usage: wpengine-import \[--account UUID/],
    ] as const) {
      it(`runs ${bin} --help from the installed bin`, () => {
        const run = spawnSync(join(project, `node_modules/.bin/${bin}`), ["--help"], {
          cwd: project,
          encoding: "utf8",
        });
        assert.equal(run.status, 0, run.stderr);
        assert.match(run.stdout, usage);
      });
    }

    it("declares users, a team, a backup and lookups, passes the installed policy pack, and destroys", async () => {
      sc = await Scenario.open("packed package in an empty project", {
        program: "package",
        projectDir: project,
        config: { "test:accountId": { value: SEED_IDS.mainAccountId } },
      });
      const s = sc.s;
      const up = await s.up();
      assert.equal(up.outputs.installId?.value, SEED_IDS.torquemagInstallId, "getInstallOutput by name");
      assert.ok(Number(up.outputs.siteCount?.value) > 0, "getSitesOutput");
      assert.deepEqual(up.outputs.teamMembers?.value, ["dana@package.example.com"]);
      assert.ok(up.outputs.backupId?.value, "the backup was taken");

      const users = s.emulator.store
        .snapshot()
        .accountUsers.filter((u) => u.email.endsWith("@package.example.com"));
      const inState = resourcesOf(await s.deployment(), "AccountUser");
      assert.deepEqual(
        inState.map((r) => String(r.id)).sort(),
        users.map((u) => u.user_id).sort(),
        "the state and WP Engine agree user by user",
      );
      assert.equal(users.length, 2);

      // The policy pack at its path inside the installed package.
      const pack = join(project, "node_modules/pulumi-wpengine/policy/wpengine-policy");
      const config = join(project, "policy-config.json");
      const policy = (allowedDomains: string[]) => {
        writeFileSync(config, JSON.stringify({ "wpengine-member-email-domain": { allowedDomains } }));
        return s.stack.preview({ policyPacks: [pack], policyPackConfigs: [config], color: "never" });
      };
      await policy(["package.example.com"]);
      const refused = await sc.failure("preview with a violating policy config", policy(["elsewhere.org"]));
      assert.match(refused, /wpengine-member-email-domain/, "the installed policy pack ran and refused");

      await s.destroy();
      const left = s.emulator.store
        .snapshot()
        .accountUsers.filter((u) => u.email.endsWith("@package.example.com"));
      assert.deepEqual(left, [], "destroy removed the users");
      assert.deepEqual(resourcesOf(await s.deployment(), "AccountUser"), []);
      await sc.scanSecrets();
    });
  });
});
