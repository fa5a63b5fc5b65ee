/**
 * Upgrades: every resource's state holds the provider shim of the version that wrote it, and that shim
 * requires `pulumi-wpengine/dist/provider/index.js` from the installed package. A stack written by the
 * previous release (built here from git history and packed, as users got it) is refreshed, updated and
 * destroyed by the current package, ending with the state and the emulator agreeing user by user. The
 * first `up` also brings every resource onto the current shim (a delete runs with the shim recorded in
 * the old state, so an old shim must not linger).
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { backup, members, Scenario } from "../chaos/support";
import { installProject, repoRoot } from "./harness";

/** The last released main: the version whose states users have today. */
const PREVIOUS = "d2f9bf0";

/** Builds and packs the package as it was at {@link PREVIOUS}; fails loudly without git history. */
function packPrevious(into: string): string {
  try {
    execFileSync("git", ["-C", repoRoot, "cat-file", "-e", `${PREVIOUS}^{commit}`], { stdio: "ignore" });
  } catch {
    throw new Error(
      `the upgrade test builds the previous release from git history (commit ${PREVIOUS}), which this ` +
        "checkout does not have: run the suite in a full git clone (not a shallow clone or an export)",
    );
  }
  const src = join(into, "src");
  execFileSync("mkdir", ["-p", src]);
  execFileSync("git", ["-C", repoRoot, "archive", "--format=tar", "-o", join(into, "src.tar"), PREVIOUS]);
  execFileSync("tar", ["-xf", join(into, "src.tar"), "-C", src]);
  const quiet = { cwd: src, stdio: ["ignore", "ignore", "inherit"] as ("ignore" | "inherit")[] };
  execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], quiet);
  execFileSync(join(src, "node_modules/.bin/tsc"), ["-p", "tsconfig.build.json"], quiet);
  execFileSync("npm", ["pack", "--silent", "--pack-destination", into], quiet);
  const tgz = readdirSync(into).find((f) => f.endsWith(".tgz"));
  assert.ok(tgz, "npm pack of the previous release wrote a tarball");
  return join(into, tgz);
}

/** The shim text each wpengine resource's outputs hold, by resource name. */
async function shims(sc: Scenario): Promise<Map<string, string>> {
  const d = await sc.s.deployment();
  return new Map(
    (d.resources ?? [])
      .filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/wpengine:"))
      .map((r) => [r.urn.split("::").pop() ?? r.urn, String(r.outputs?.__provider)]),
  );
}

describe("upgrade: a stack written by the previous release, run by this one", function () {
  this.timeout(1_800_000);
  let sc: Scenario | undefined;
  let work: string | undefined;
  after(async () => {
    await sc?.dispose();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("refreshes, updates and destroys the previous release's stack, user by user", async () => {
    work = mkdtempSync(join(tmpdir(), "wpengine-upgrade-"));
    const previous = packPrevious(join(work, "previous"));
    const project = join(work, "project");
    await installProject(project, { tarball: previous });
    sc = await Scenario.open(`upgrade from ${PREVIOUS}`, { projectDir: project });
    const s = sc.s;
    const team = members("upgrade", 3);
    await sc.declare({ users: team, backups: [backup("gate", "sha-1")] });
    await s.up();
    const oldShims = await shims(sc);
    assert.equal(oldShims.size, 4);
    for (const [name, text] of oldShims) {
      assert.match(text, /pulumi-wpengine\/dist\/provider\/index\.js/, `${name}: the old shim`);
      assert.doesNotMatch(text, /could not start/, `${name}: written by the previous release`);
    }

    // Upgrade in place, as `npm install pulumi-wpengine@latest` does.
    await installProject(project);
    const installed = JSON.parse(
      readFileSync(join(project, "node_modules/pulumi-wpengine/package.json"), "utf8"),
    );
    assert.ok(installed.exports?.["./dist/provider/index.js"], "the current package is installed");
    assert.ok(existsSync(join(project, "node_modules/pulumi-wpengine/dist/provider/index.js")));

    await s.refresh();
    await s.preview({ refresh: true });
    // One member changes role, one leaves, one stays as is; the backup stays.
    const [keep, leave, change] = team;
    assert.ok(keep && change && leave);
    await sc.declare({ users: [keep, { ...change, args: { ...change.args, roles: "full" } }] });
    await s.up();
    const newShims = await shims(sc);
    // The current shim, installed under node_modules, is stored as a require of the kind's module.
    const current = /require\("pulumi-wpengine\/dist\/sdk\/shims\/(AccountUser|Backup)\.js"\)/;
    for (const [name, text] of newShims) {
      console.log(`      [upgrade] ${name}: ${current.test(text) ? "current shim" : "previous shim"}`);
    }
    for (const [name, text] of newShims) {
      assert.match(text, current, `${name} carries the current shim after the first up`);
      assert.ok(text.length < 512, `${name}: the stored shim is small (${text.length} characters)`);
    }
    await sc.converge();

    await s.destroy();
    const left = (await s.deployment()).resources?.filter((r) => r.type.includes("wpengine")) ?? [];
    assert.deepEqual(left, [], "destroy leaves no wpengine resource in the state");
    const emails = new Set(team.map((u) => String(u.args.email)));
    const remaining = s.emulator.store.snapshot().accountUsers.filter((u) => emails.has(u.email));
    assert.deepEqual(remaining, [], "destroy removed every managed user from WP Engine");
    // Destroy removed the stack itself too: an up of the now empty program recreates it alone.
    await sc.declare({ users: [], backups: [] });
    await s.up();
    await sc.converge();
  });
});
