/**
 * Every example under examples/ is a complete Pulumi project: each is type-checked, deployed and
 * destroyed through the real Pulumi CLI against the emulator, exactly as its README tells a user to
 * run it (only the credentials and, for the deploy step, the command differ). The CI workflow
 * example cannot run here; its shape is checked instead.
 *
 * Within an example the tests share one stack, but each first brings it to its own starting point
 * (deployed, or destroyed, with the example's default configuration), so any test passes alone.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { UpResult } from "@pulumi/pulumi/automation";
import { parse } from "yaml";
import {
  profileFromEnv,
  type RunningEmulator,
  SEED_COUNTS,
  SEED_IDS,
  SEED_OWNER_EMAIL,
  startEmulator,
} from "../../emulator";
import {
  type E2EStack,
  exampleCopy,
  getWorkbench,
  installProject,
  openStack,
  repoRoot,
  resourcesOf,
  userDisagreements,
} from "./harness";

const A = SEED_IDS.mainAccountId;
const BACKUPS = "POST /installs/{install_id}/backups";

const scratch = mkdtempSync(join(tmpdir(), "pulumi-wpengine-examples-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of one example in this spec's scratch folder (see {@link exampleCopy}). */
function exampleProject(name: string): string {
  return exampleCopy(name, join(scratch, name));
}

/** `tsc --noEmit` of the installed copy, with the workbench's TypeScript and packed pulumi-wpengine. */
async function typecheck(s: E2EStack): Promise<void> {
  const { base } = await getWorkbench();
  try {
    execFileSync(process.execPath, [join(base, "node_modules/typescript/bin/tsc"), "-p", s.workDir], {
      encoding: "utf8",
    });
  } catch (err) {
    const out = (err as { stdout?: string }).stdout ?? String(err);
    assert.fail(`the example does not typecheck:\n${out}`);
  }
}

/** The stack outputs of an update, by name. */
function outputsOf(res: UpResult): Record<string, unknown> {
  return Object.fromEntries(Object.entries(res.outputs).map(([k, v]) => [k, v.value]));
}

/** Requests that change something (anything but GET), by route. */
function writes(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(counts).filter(([route, n]) => !route.startsWith("GET ") && n > 0),
  );
}

interface ApiUser {
  email: string;
  roles: string;
  installs?: { id: string; name: string }[];
}

/** A role as a set of words, since the API reads `billing, full` for a written `full,billing`. */
function roleSet(roles: string): string[] {
  return roles
    .split(",")
    .map((r) => r.trim().toLowerCase())
    .sort();
}

describe("examples/team-access: a data-driven team", function () {
  this.timeout(900_000);
  let s: E2EStack;
  const users = async () =>
    ((await s.api("GET", `/accounts/${A}/account_users`)) as { results: ApiUser[] }).results;
  const byEmail = async (email: string) => (await users()).find((u) => u.email === email);
  /** The fixture: the example deployed and matching the account (a no-op `up` when it already is). */
  const deployed = async () => {
    await s.up({ refresh: true });
  };

  before(async () => {
    s = await openStack({ program: exampleProject("team-access") });
  });
  after(async () => s?.dispose());

  it("typechecks", async () => {
    await typecheck(s);
  });

  it("invites every member of team.yaml with the declared role and installs, and reports the others", async () => {
    await s.destroy();
    const out = outputsOf(await s.up());
    const jane = await byEmail("jane.lead@example.com");
    assert.deepEqual(roleSet(jane?.roles ?? ""), ["billing", "full"]);
    const casey = await byEmail("contractor@example.com");
    assert.deepEqual(roleSet(casey?.roles ?? ""), ["partial"]);
    assert.deepEqual(casey?.installs?.map((i) => i.name).sort(), ["torquemag", "torquemagstg"]);
    assert.deepEqual(out.membersByRole, {
      "full,billing": ["jane.lead@example.com"],
      partial: ["contractor@example.com"],
    });
    assert.deepEqual([...(out.pendingInvites as string[])].sort(), [
      "contractor@example.com",
      "jane.lead@example.com",
    ]);
    const unmanaged = out.unmanaged as string[];
    assert.ok(unmanaged.includes(SEED_OWNER_EMAIL), `the seeded owner is reported unmanaged: ${unmanaged}`);
    assert.ok(!unmanaged.includes("jane.lead@example.com"), "declared members are managed");
    assert.equal(resourcesOf(await s.deployment(), "AccountUser").length, 2);
  });

  it("matches the live account afterwards: preview --refresh expects no changes", async () => {
    await deployed();
    await s.clearRequests();
    await s.preview({ refresh: true, expectNoChanges: true });
    assert.deepEqual(writes(await s.requestCounts()), {}, "a preview never writes");
  });

  it("destroys the declared members and leaves the account's other users alone", async () => {
    await deployed();
    const before = (await users()).map((u) => u.email);
    await s.destroy();
    const after = (await users()).map((u) => u.email).sort();
    const expected = before.filter((e) => e !== "jane.lead@example.com" && e !== "contractor@example.com");
    assert.deepEqual(after, expected.sort());
    assert.ok(after.includes(SEED_OWNER_EMAIL));
    assert.equal(resourcesOf(await s.deployment(), "AccountUser").length, 0);
  });
});

describe("examples/yaml-team-access: team access in YAML through the provider plugin", function () {
  this.timeout(900_000);
  let s: E2EStack;

  before(async () => {
    // As its README says: `npm install` in the project puts the plugin in node_modules.
    const dir = join(scratch, "yaml-team-access-installed");
    await installProject(dir);
    s = await openStack({ program: exampleProject("yaml-team-access"), projectDir: dir });
    await s.stack.setConfig("yaml-team-access:accountId", { value: A });
  });
  after(async () => s?.dispose());

  it("invites the lead and the contractor (on the install the lookup found), then plans no change", async () => {
    const out = outputsOf(await s.up());
    assert.equal(out.leadRoles, "full,billing");
    assert.deepEqual(out.contractorInstalls, [{ id: SEED_IDS.torquemagInstallId, name: "torquemag" }]);
    assert.equal(resourcesOf(await s.deployment(), "AccountUser").length, 2);
    assert.deepEqual(await userDisagreements(s), []);
    await s.clearRequests();
    await s.preview({ refresh: true, expectNoChanges: true });
    assert.deepEqual(writes(await s.requestCounts()), {});
  });

  it("removes both on destroy and leaves the account's other users alone", async () => {
    await s.destroy();
    assert.equal(resourcesOf(await s.deployment(), "AccountUser").length, 0);
    assert.deepEqual(await userDisagreements(s), []);
  });
});

describe("examples/pre-deploy-backup: back up production, keyed by the git SHA, then deploy", function () {
  this.timeout(900_000);
  let s: E2EStack;
  // The deploy step's command appends one line per run to a file in the project directory, where the
  // provider process runs it.
  const deployCommand = `printf '%s %s %s\\n' "$GIT_SHA" "$WPENGINE_INSTALL" "$WPENGINE_BACKUP_ID" >> deploys.log`;
  const deploys = () => {
    const file = join(s.workDir, "deploys.log");
    return existsSync(file) ? readFileSync(file, "utf8").trim().split("\n") : [];
  };
  const setSha = (sha: string) => s.stack.setConfig("gitSha", { value: sha });
  /** The example's default configuration (production install, the logging deploy command) at `sha`. */
  const configure = async (sha: string) => {
    await s.stack.removeConfig("install");
    await s.stack.setAllConfig({ deployCommand: { value: deployCommand }, gitSha: { value: sha } });
  };
  /**
   * The fixture: the example deployed at `sha` with its default configuration (a no-op `up` when it
   * already is). Answers how many deploys the log holds, so a test counts only its own.
   */
  const deployedAt = async (sha: string): Promise<number> => {
    await configure(sha);
    await s.up({ refresh: true });
    return deploys().length;
  };

  before(async () => {
    s = await openStack({
      program: exampleProject("pre-deploy-backup"),
      config: { deployCommand: { value: deployCommand } },
      // Backups in the emulator complete on the third status read; poll fast so the suite stays lean.
      env: { WPENGINE_BACKUP_POLL_MS: "50" },
    });
  });
  after(async () => s?.dispose());

  it("typechecks", async () => {
    await typecheck(s);
  });

  it("takes one backup of the production install and deploys only after it completed", async () => {
    await s.destroy();
    rmSync(join(s.workDir, "deploys.log"), { force: true });
    await configure("1111111aaaaaaa");
    await s.clearRequests();
    const out = outputsOf(await s.up());
    const backupId = out.backupId as string;
    assert.equal(out.backupStatus, "completed");
    assert.equal((await s.requestCounts())[BACKUPS], 1, "exactly one backup requested");
    const stored = (await s.api("GET", `/installs/${SEED_IDS.torquemagInstallId}/backups/${backupId}`)) as {
      status: string;
    };
    assert.equal(stored.status, "completed");
    assert.deepEqual(
      deploys(),
      [`1111111aaaaaaa torquemag ${backupId}`],
      "the deploy ran once, with the backup id",
    );
    const [backup] = resourcesOf(await s.deployment(), "Backup");
    const completedAt = String(backup?.outputs?.completedAt);
    assert.ok(
      String(out.deployedAt) >= completedAt,
      `deployed at ${out.deployedAt}, backup completed at ${completedAt}`,
    );
  });

  it("takes no new backup and deploys nothing when the same commit runs again", async () => {
    const deployed = await deployedAt("1111111aaaaaaa");
    await s.clearRequests();
    await s.preview({ expectNoChanges: true });
    const res = await s.up();
    assert.deepEqual(res.summary.resourceChanges, { same: 3 });
    assert.equal((await s.requestCounts())[BACKUPS], undefined);
    assert.equal(deploys().length, deployed, "nothing was deployed");
  });

  it("takes a new backup for a new commit, then deploys that commit", async () => {
    const deployed = await deployedAt("1111111aaaaaaa");
    await setSha("2222222bbbbbbb");
    await s.clearRequests();
    const out = outputsOf(await s.up());
    const backupId = out.backupId as string;
    assert.equal((await s.requestCounts())[BACKUPS], 1);
    assert.equal(out.deployedSha, "2222222bbbbbbb");
    assert.deepEqual(deploys().slice(deployed), [`2222222bbbbbbb torquemag ${backupId}`]);
  });

  it("fails the run when the deploy command fails, and the re-run deploys without another backup", async () => {
    const deployed = await deployedAt("2222222bbbbbbb");
    await setSha("3333333ccccccc");
    await s.stack.setConfig("deployCommand", { value: "echo 'rsync: connection refused' >&2; exit 3" });
    await s.clearRequests();
    await assert.rejects(s.up(), /deploy command failed \(exit 3\): rsync: connection refused/);
    assert.equal((await s.requestCounts())[BACKUPS], 1, "the backup was taken");
    await s.stack.setConfig("deployCommand", { value: deployCommand });
    await s.clearRequests();
    const out = outputsOf(await s.up());
    assert.equal((await s.requestCounts())[BACKUPS], undefined, "no second backup for the same commit");
    assert.deepEqual(deploys().slice(deployed), [`3333333ccccccc torquemag ${out.backupId}`]);
  });

  it("refuses to deploy, and takes no backup, when the install is not a production install", async () => {
    const deployed = await deployedAt("3333333ccccccc");
    await s.stack.setConfig("install", { value: "torquemagstg" });
    await s.clearRequests();
    await assert.rejects(s.up(), /torquemagstg is a staging install/);
    assert.deepEqual(writes(await s.requestCounts()), {}, "nothing was requested");
    assert.equal(deploys().length, deployed, "nothing was deployed");
  });

  it("destroys cleanly: the deploy step is forgotten and WP Engine keeps the backups", async () => {
    const deployed = await deployedAt("3333333ccccccc");
    await s.clearRequests();
    await s.destroy();
    assert.deepEqual(writes(await s.requestCounts()), {}, "the API has no way to delete a backup");
    assert.equal((await s.deployment()).resources?.length ?? 0, 0);
    assert.equal(deploys().length, deployed, "destroying a deploy runs nothing");
  });
});

describe("examples/lookups: sites and installs", function () {
  this.timeout(900_000);
  let s: E2EStack;

  /** The example's default configuration: the torquemag install and the default PHP threshold. */
  const defaults = async () => {
    await s.stack.removeConfig("install");
    await s.stack.removeConfig("minPhpVersion");
  };

  before(async () => {
    s = await openStack({ program: exampleProject("lookups") });
  });
  after(async () => s?.dispose());

  it("typechecks", async () => {
    await typecheck(s);
  });

  it("resolves an install by name, its site and account, and lists outdated PHP, without writing", async () => {
    await defaults();
    await s.clearRequests();
    const out = outputsOf(await s.up());
    const production = s.emulator.store.listInstalls(A).filter((i) => i.environment === "production");
    assert.equal(out.installId, SEED_IDS.torquemagInstallId);
    assert.equal(out.primaryDomain, "mywebsite.wpengine.com");
    assert.deepEqual(out.siteEnvironments, {
      site: "Torque Magazine",
      environments: { production: "torquemag", staging: "torquemagstg" },
    });
    assert.equal(out.siteCount, SEED_COUNTS.mainSites);
    assert.equal(out.productionInstallCount, production.length);
    assert.deepEqual(out.outdatedPhp, [{ name: "torquemag", phpVersion: "7.0" }]);
    assert.deepEqual(writes(await s.requestCounts()), {}, "lookups only read");
  });

  it("follows its configuration: another install and another PHP threshold", async () => {
    await s.stack.setAllConfig({ install: { value: "torquemagstg" }, minPhpVersion: { value: "8.3" } });
    const out = outputsOf(await s.up());
    const production = s.emulator.store.listInstalls(A).filter((i) => i.environment === "production");
    assert.equal(out.installId, SEED_IDS.torquemagStagingInstallId);
    assert.equal((out.outdatedPhp as unknown[]).length, production.length, "all are below 8.3");
  });

  it("destroys cleanly", async () => {
    await defaults();
    await s.up();
    assert.ok((await s.deployment()).resources?.length, "deployed first");
    await s.destroy();
    assert.equal((await s.deployment()).resources?.length ?? 0, 0);
  });
});

describe("examples/pr-environment: an environment per pull request, two side by side", function () {
  this.timeout(900_000);
  let emulator: RunningEmulator;
  const stacks: E2EStack[] = [];
  const ofPr = (pr: number) => ({
    site: `PR ${pr}`,
    install: `torquepr${pr}`,
  });

  before(async () => {
    emulator = await startEmulator({ port: 0, quiet: true, profile: profileFromEnv() });
  });
  after(async () => {
    for (const s of stacks) await s.dispose();
    await emulator?.close();
  });

  /** A stack of the example for one pull request, on the shared emulator (its own project copy). */
  async function prStack(pr: number): Promise<E2EStack> {
    const s = await openStack({
      program: exampleProject("pr-environment"),
      sharedEmulator: emulator,
      config: { pullRequest: { value: String(pr) }, gitSha: { value: `sha-${pr}-1` } },
      env: { WPENGINE_BACKUP_POLL_MS: "50" },
    });
    stacks.push(s);
    return s;
  }

  /** What WP Engine holds for a pull request: its site, its install (and the install's site). */
  function environmentOf(pr: number) {
    const state = emulator.store.snapshot();
    const site = state.sites.find((x) => x.name === ofPr(pr).site);
    const install = state.installs.find((x) => x.name === ofPr(pr).install);
    return { site, install, state };
  }

  it("runs the whole lifecycle for two pull requests, and destroying one leaves the other untouched", async () => {
    const a = await prStack(101);
    const b = await prStack(102);
    await typecheck(a);
    for (const s of [a, b]) {
      await s.clearRequests();
      const out = outputsOf(await s.up());
      assert.match(String(out.url), /^https:\/\/pr-10[12]\.preview\.torque\.news$/);
    }
    for (const pr of [101, 102]) {
      const { site, install } = environmentOf(pr);
      assert.ok(site && install, `PR ${pr} has its site and install`);
      assert.equal(install.site_id, site.id);
      assert.equal(install.environment, "development");
      const domains = emulator.store.listDomains(install.id);
      assert.deepEqual(
        domains.map((d) => [d.name, d.primary, d.secure_all_urls]),
        [[`pr-${pr}.preview.torque.news`, true, true]],
      );
    }
    let state = emulator.store.snapshot();
    assert.deepEqual(
      state.installCopies.map((c) => c.destination_environment_id).sort(),
      [environmentOf(101).install?.id, environmentOf(102).install?.id].sort(),
      "staging copied once into each new install",
    );
    assert.equal(state.backups.filter((x) => x.description.startsWith("Before deploying PR")).length, 2);

    // The CI deployed each pull request's commit; the second up purges each install's cache once.
    for (const [pr, s] of [
      [101, a],
      [102, b],
    ] as const) {
      await s.stack.setConfig("deployedSha", { value: `sha-${pr}-1` });
      await s.up();
      await s.preview({ expectNoChanges: true, refresh: true });
    }
    state = emulator.store.snapshot();
    assert.deepEqual(
      state.cachePurges.map((p) => p.install_id).sort(),
      [environmentOf(101).install?.id, environmentOf(102).install?.id].sort(),
    );

    // A new commit on PR 101: one new production backup, no new copy.
    await a.stack.setAllConfig({ gitSha: { value: "sha-101-2" }, deployedSha: { value: "sha-101-2" } });
    await a.clearRequests();
    await a.up();
    const counts = writes(await a.requestCounts());
    assert.deepEqual(counts, { [BACKUPS]: 1, "POST /installs/{install_id}/purge_cache": 1 });

    // PR 101 closes: its install and site go; PR 102's stay and still match its stack.
    await a.destroy();
    assert.equal(
      emulator.store.snapshot().domains.some((d) => d.name === "pr-101.preview.torque.news"),
      false,
      "PR 101's domain is gone",
    );
    assert.equal(environmentOf(101).install, undefined);
    assert.equal(environmentOf(101).site, undefined);
    const other = environmentOf(102);
    assert.ok(other.install && other.site, "PR 102 is untouched");
    assert.equal(emulator.store.listDomains(other.install.id).length, 1, "PR 102 keeps its domain");
    await b.preview({ refresh: true, expectNoChanges: true });
    assert.deepEqual(resourcesOf(await b.deployment(), "Install")[0]?.id, other.install.id);

    await b.destroy();
    assert.equal(environmentOf(102).install, undefined);
    assert.equal(environmentOf(102).site, undefined);
  });
});

describe("examples/pr-environment: its GitHub Actions workflow", () => {
  const text = readFileSync(join(repoRoot, "examples/pr-environment/pr-environment.yml"), "utf8");
  const workflow = parse(text) as {
    on: { pull_request?: { types?: string[] } };
    env: Record<string, string>;
    jobs: Record<string, { if?: string; steps: { run?: string }[] }>;
  };
  const runs = (job: string) => (workflow.jobs[job]?.steps ?? []).map((st) => st.run ?? "").join("\n");

  it("keeps one stack per pull request: up on open and update, destroy --remove on close", () => {
    assert.deepEqual(workflow.on.pull_request?.types, ["opened", "synchronize", "reopened", "closed"]);
    assert.equal(workflow.env.STACK, `pr-\${{ github.event.pull_request.number }}`);
    assert.match(String(workflow.jobs.up?.if), /!= 'closed'/);
    assert.match(
      runs("up"),
      /pulumi up --yes[^\n]*gitSha[\s\S]*git push[\s\S]*pulumi up --yes[^\n]*deployedSha/,
    );
    assert.match(String(workflow.jobs.destroy?.if), /== 'closed'/);
    assert.match(runs("destroy"), /pulumi destroy --yes --remove/);
  });

  it("takes every credential from the CI's secret store", () => {
    for (const key of ["WPENGINE_API_USER_ID", "WPENGINE_API_PASSWORD", "PULUMI_ACCESS_TOKEN"]) {
      assert.equal(workflow.env[key], `\${{ secrets.${key} }}`);
    }
    assert.doesNotMatch(text, /apiPassword/);
  });
});

describe("examples/ci: the GitHub Actions workflow", () => {
  interface Step {
    run?: string;
    uses?: string;
    with?: Record<string, unknown>;
  }
  interface Job {
    if?: string;
    env?: Record<string, string>;
    steps: Step[];
  }
  const text = readFileSync(join(repoRoot, "examples/ci/preview-and-deploy.yml"), "utf8");
  const workflow = parse(text) as {
    on: { pull_request?: unknown; push?: { branches?: string[] } };
    env?: Record<string, string>;
    jobs: Record<string, Job>;
  };
  const runs = (job: Job | undefined) => (job?.steps ?? []).map((st) => st.run ?? "").join("\n");
  const jobRunning = (pattern: RegExp) => Object.values(workflow.jobs).find((j) => pattern.test(runs(j)));

  it("runs preview --refresh --expect-no-changes on pull requests", () => {
    assert.ok(workflow.on.pull_request !== undefined, "triggered by pull requests");
    const job = jobRunning(/pulumi preview[^\n]*--refresh[^\n]*--expect-no-changes/);
    assert.ok(job, "a job runs pulumi preview --refresh --expect-no-changes");
    assert.match(String(job.if), /pull_request/);
  });

  it("runs pulumi up on merge to main, keyed by the merged commit", () => {
    assert.deepEqual(workflow.on.push?.branches, ["main"]);
    const job = jobRunning(/pulumi up /);
    assert.ok(job, "a job runs pulumi up");
    assert.match(String(job.if), /push/);
    assert.match(runs(job), /deployId="?(\$\{\{ github\.sha \}\}|\$GITHUB_SHA)/);
  });

  it("takes every credential from the CI's secret store, never from the file", () => {
    const env = {
      ...workflow.env,
      ...Object.assign({}, ...Object.values(workflow.jobs).map((j) => j.env ?? {})),
    };
    for (const key of ["WPENGINE_API_USER_ID", "WPENGINE_API_PASSWORD", "PULUMI_ACCESS_TOKEN"]) {
      assert.equal(env[key], `\${{ secrets.${key} }}`, `${key} comes from secrets`);
    }
    assert.doesNotMatch(text, /apiPassword/, "no password in stack config set by the workflow");
  });
});
