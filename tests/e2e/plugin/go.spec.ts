/**
 * examples/go-pr-environment: a Go program on the Go SDK generated from the plugin's schema
 * (sdks/go), run inline through the Automation API against the installed package's plugin, with
 * the real CLI and a file backend. The account already holds the production and staging installs
 * the program looks up, and other sites and installs it must leave alone. Each step ends with the
 * state and the emulator compared object by object.
 */
import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { SEED_IDS } from "../../../emulator";
import {
  type E2EStack,
  type EstateSeed,
  estateDisagreements,
  estateSeedOf,
  exampleCopy,
  installProject,
  openStack,
  repoRoot,
  resourcesOf,
  secretForms,
  writeRoutes,
} from "../harness";

const run = promisify(execFile);
const SDK_MODULE = "github.com/pulumi-wpengine/pulumi-wpengine/sdks/go";

describe("examples/go-pr-environment: the PR environment in Go, through the generated Go SDK (Automation API, real CLI)", function () {
  this.timeout(900_000);
  const scratch = mkdtempSync(join(tmpdir(), "pulumi-wpengine-go-"));
  let s: E2EStack;
  let seed: Required<EstateSeed>;
  let binary: string;

  /** Runs the example's command (`up`, `preview`, `destroy`) for pull request 7 on the e2e stack. */
  const go = async (step: string, ...flags: string[]) => {
    try {
      const { stdout, stderr } = await run(
        binary,
        [step, "-pr", "7", "-stack", "e2e", "-dir", s.workDir, ...flags],
        {
          cwd: s.workDir,
          env: { ...process.env, ...s.env },
          maxBuffer: 64 * 1024 * 1024,
        },
      );
      s.output.push(stdout, stderr);
      return stdout;
    } catch (err) {
      const e = err as Error & { stdout?: string; stderr?: string };
      s.output.push(e.stdout ?? "", e.stderr ?? "");
      throw new Error(`go-pr-environment ${step} failed: ${e.stderr ?? ""}\n${e.stdout ?? ""}`);
    }
  };
  const environment = () => {
    const real = s.emulator.store.snapshot();
    const site = real.sites.find((x) => x.name === "PR 7");
    const install = real.installs.find((x) => x.name === "torquepr7");
    return { real, site, install };
  };
  const agree = async () => assert.deepEqual(await estateDisagreements(s, seed), []);

  before(async () => {
    // As the example's README says: `npm install` puts the plugin in node_modules; the go.mod's
    // replace points at this repository's sdks/go, wherever the copy lives.
    const dir = join(scratch, "project");
    await installProject(dir);
    s = await openStack({
      program: exampleCopy("go-pr-environment", join(scratch, "source")),
      projectDir: dir,
    });
    execFileSync("go", ["mod", "edit", `-replace=${SDK_MODULE}=${join(repoRoot, "sdks/go")}`], { cwd: dir });
    binary = join(dir, "go-pr-environment");
    execFileSync("go", ["build", "-o", binary, "."], {
      cwd: dir,
      env: { ...process.env, GOFLAGS: "-mod=mod" },
      stdio: ["ignore", "ignore", "inherit"],
    });
    seed = estateSeedOf(s);
  });
  after(async () => {
    await s?.dispose();
    rmSync(scratch, { recursive: true, force: true });
  });

  it("fails before any write when the install name would be too long", async () => {
    await s.stack.setConfig("go-pr-environment:installPrefix", { value: "averyverylongprefix" });
    await s.clearRequests();
    await assert.rejects(
      go("up", "-sha", "sha-1"),
      /install name "averyverylongprefix7" is not valid: shorten installPrefix/,
    );
    assert.deepEqual(await writeRoutes(s), []);
    await s.stack.removeConfig("go-pr-environment:installPrefix");
    await agree();
  });

  it("creates the site, install, domain, content copy and production backup, one POST each", async () => {
    await s.clearRequests();
    const out = await go("up", "-sha", "sha-1");
    assert.match(out, /output url = https:\/\/pr-7\.preview\.torque\.news/);
    const { real, site, install } = environment();
    assert.ok(site && install, "the pull request's site and install exist");
    assert.equal(install.site_id, site.id);
    assert.equal(install.environment, "development");
    assert.deepEqual(
      s.emulator.store.listDomains(install.id).map((d) => [d.name, d.primary, d.secure_all_urls]),
      [["pr-7.preview.torque.news", true, true]],
    );
    assert.deepEqual(
      real.installCopies.map((c) => [c.source_environment_id, c.destination_environment_id]),
      [[SEED_IDS.torquemagStagingInstallId, install.id]],
    );
    const backups = real.backups.filter((b) => b.description === "Before deploying PR 7 at sha-1");
    assert.deepEqual(
      backups.map((b) => b.install_id),
      [SEED_IDS.torquemagInstallId],
    );
    const writes = await writeRoutes(s);
    assert.equal(writes.filter((w) => w.startsWith("POST")).length, 5, writes.join("\n"));
    // The API sets secure_all_urls only by a PATCH: the domain's one write after its POST.
    assert.deepEqual(
      writes.filter((w) => !w.startsWith("POST") && !w.startsWith("GET")),
      ["PATCH /installs/{install_id}/domains/{domain_id}"],
    );
    const d = await s.deployment();
    for (const kind of ["Site", "Install", "Domain", "InstallCopy", "Backup"] as const)
      assert.equal(resourcesOf(d, kind).length, 1, kind);
    const state = await s.stateText();
    assert.doesNotMatch(state, /__provider/);
    for (const secret of secretForms(s.emulator))
      assert.ok(!state.includes(secret), "a credential is in the state");
    await agree();
  });

  it("plans no change on a second run of the same commit, and sends no write", async () => {
    await s.clearRequests();
    await go("preview", "-sha", "sha-1", "-expect-no-changes");
    await go("up", "-sha", "sha-1", "-expect-no-changes");
    assert.deepEqual(
      (await writeRoutes(s)).filter((w) => !w.startsWith("GET")),
      [],
    );
  });

  it("backs up production again for a new commit, then purges the cache once after the deploy", async () => {
    await s.clearRequests();
    await go("up", "-sha", "sha-2");
    assert.deepEqual(
      (await writeRoutes(s)).filter((w) => !w.startsWith("GET")),
      ["POST /installs/{install_id}/backups"],
    );
    await s.clearRequests();
    await go("up", "-sha", "sha-2", "-deployed-sha", "sha-2");
    await go("preview", "-sha", "sha-2", "-deployed-sha", "sha-2", "-expect-no-changes");
    const { real, install } = environment();
    assert.deepEqual(
      real.cachePurges.map((p) => p.install_id),
      [install?.id],
    );
    assert.equal(real.installCopies.length, 1, "the content is copied once, not per commit");
    assert.equal((await writeRoutes(s)).filter((w) => !w.startsWith("GET")).length, 1);
    await agree();
  });

  it("destroys the pull request's environment and leaves the account's other sites, installs and the backups", async () => {
    const backupsBefore = environment().real.backups.length;
    await go("destroy");
    const { real, site, install } = environment();
    assert.equal(site, undefined);
    assert.equal(install, undefined);
    assert.equal(real.domains.filter((x) => x.name === "pr-7.preview.torque.news").length, 0);
    assert.equal(real.backups.length, backupsBefore, "WP Engine keeps the backups");
    for (const id of seed.installIds)
      assert.ok(
        real.installs.some((i) => i.id === id),
        `seed install ${id} is kept`,
      );
    for (const id of seed.siteIds)
      assert.ok(
        real.sites.some((x) => x.id === id),
        `seed site ${id} is kept`,
      );
    assert.equal((await s.deployment()).resources?.length ?? 0, 0);
    await agree();
  });
});
