/**
 * The root program (Pulumi.yaml, program/index.ts, team.yaml), as `npm run demo` and the CI workflow
 * run it, through the real Pulumi CLI against the emulator: it deploys the repository's team.yaml with a
 * pre-deploy backup and destroys it; the CI example's drift gate passes on it and fails on portal drift;
 * and a broken team file (unknown role, an email twice, an unknown install) fails `pulumi preview`
 * with a message naming the member, before any write request reaches the API.
 */
import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { parse } from "yaml";
import { SEED_IDS, SEED_OWNER_EMAIL } from "../../emulator";
import { type E2EStack, getWorkbench, openStack, repoRoot, resourcesOf } from "./harness";

const A = SEED_IDS.mainAccountId;
const run = promisify(execFile);
const TEAM = readFileSync(join(repoRoot, "team.yaml"), "utf8");
const MEMBERS = [
  "jane.lead@example.com",
  "dev.one@example.com",
  "contractor@example.com",
  "accounting@example.com",
];

/** The root project laid out as in the repository (the program reads `teamFile` relative to it). */
function rootProject(): string {
  const dir = mkdtempSync(join(tmpdir(), "pulumi-wpengine-root-"));
  mkdirSync(join(dir, "program"));
  cpSync(join(repoRoot, "Pulumi.yaml"), join(dir, "Pulumi.yaml"));
  cpSync(join(repoRoot, "team.yaml"), join(dir, "team.yaml"));
  for (const f of ["index.ts", "tsconfig.json"])
    cpSync(join(repoRoot, "program", f), join(dir, "program", f));
  return dir;
}

/** Requests that change something (anything but GET), by route. */
function writes(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(counts).filter(([route, n]) => !route.startsWith("GET ") && n > 0),
  );
}

/** Replaces exactly one occurrence of `from` in the team file, so each broken file has one known defect. */
function edit(text: string, from: string, to: string): string {
  assert.equal(text.split(from).length, 2, `team.yaml contains "${from}" once`);
  return text.replace(from, to);
}

interface ApiUser {
  user_id: string;
  email: string;
  roles: string;
}

describe("the root program (Pulumi.yaml, program/, team.yaml) through the real Pulumi CLI", function () {
  this.timeout(900_000);
  let project: string;
  let s: E2EStack;
  const users = async () =>
    ((await s.api("GET", `/accounts/${A}/account_users`)) as { results: ApiUser[] }).results;
  /**
   * The fixture of the tests that need the team deployed: one `up --refresh` of the repository's
   * team.yaml (a no-op when it is already deployed and unchanged), so each test passes alone.
   */
  const deployed = async () => {
    await s.up({ refresh: true });
  };

  before(async () => {
    project = rootProject();
    s = await openStack({
      program: project,
      config: { deployId: { value: "e2e-0001" } },
      env: { WPENGINE_BACKUP_POLL_MS: "50" },
    });
  });
  after(async () => {
    await s?.dispose();
    if (project) rmSync(project, { recursive: true, force: true });
  });

  // Mocha runs a describe's own tests before its nested describes: every step is nested, in order.
  // The order only keeps the run short; each test sets up what it needs (see `deployed`).
  describe("deploy", () => {
    it("typechecks", async () => {
      const { base } = await getWorkbench();
      const tsc = join(base, "node_modules/typescript/bin/tsc");
      try {
        execFileSync(process.execPath, [tsc, "-p", join(s.workDir, "program")], { encoding: "utf8" });
      } catch (err) {
        assert.fail(`program/ does not typecheck:\n${(err as { stdout?: string }).stdout ?? String(err)}`);
      }
    });

    it("deploys team.yaml: every member invited, and one completed backup keyed by the deploy id", async () => {
      await s.destroy();
      const res = await s.up();
      const out = Object.fromEntries(Object.entries(res.outputs).map(([k, v]) => [k, v.value]));
      const emails = (await users()).map((u) => u.email);
      for (const m of MEMBERS) assert.ok(emails.includes(m), `${m} was invited`);
      assert.deepEqual([...(out.pendingInvites as string[])].sort(), [...MEMBERS].sort());
      const backups = out.preDeployBackups as { installId: string; status: string }[];
      assert.deepEqual(
        backups.map((b) => [b.installId, b.status]),
        [[SEED_IDS.torquemagInstallId, "completed"]],
      );
      const [backup] = resourcesOf(await s.deployment(), "Backup");
      assert.deepEqual(backup?.inputs?.triggers, { deployId: "e2e-0001" });
    });
  });

  describe("the CI example's drift gate (examples/ci, job `drift`)", () => {
    const workflow = parse(readFileSync(join(repoRoot, "examples/ci/preview-and-deploy.yml"), "utf8")) as {
      jobs: { drift: { steps: { run?: string }[] } };
    };
    const script = workflow.jobs.drift.steps
      .map((st) => st.run ?? "")
      .find((r) => r.includes("--expect-no-changes"));
    /**
     * Runs the drift step as GitHub would (bash -e -o pipefail) against this stack. Asynchronously: the
     * emulator answers from this very process.
     */
    const driftGate = async (): Promise<{ passed: boolean; output: string }> => {
      assert.ok(script, "the drift job has a preview --expect-no-changes step");
      try {
        const { stdout } = await run("bash", ["-eo", "pipefail", "-c", script], {
          cwd: s.workDir,
          env: { ...process.env, ...s.stack.workspace.envVars, STACK: "e2e" },
          encoding: "utf8",
        });
        return { passed: true, output: stdout };
      } catch (err) {
        const e = err as { stdout?: string; stderr?: string };
        return { passed: false, output: `${e.stdout ?? ""}\n${e.stderr ?? String(err)}` };
      }
    };

    it("passes when the account matches what is deployed (the backups' deploy id is read from the state)", async () => {
      await deployed();
      const gate = await driftGate();
      assert.ok(gate.passed, `the drift gate failed on a stack without drift:\n${gate.output}`);
    });

    it("fails when someone changed a member's role in the portal", async () => {
      await deployed();
      const dev = (await users()).find((u) => u.email === "dev.one@example.com");
      assert.ok(dev);
      await s.api("PATCH", `/accounts/${A}/account_users/${dev.user_id}`, {
        roles: "partial",
        install_ids: [SEED_IDS.torquemagInstallId],
      });
      const gate = await driftGate();
      assert.ok(!gate.passed, `the drift gate passed despite the portal change:\n${gate.output}`);
      assert.match(gate.output, /dev\.one@example\.com/, "the gate's output shows the drifted member");
      await s.up({ refresh: true });
      assert.equal((await users()).find((u) => u.email === "dev.one@example.com")?.roles, "full");
    });
  });

  describe("a broken team file fails at preview, naming the member, with zero write requests", () => {
    const cases: { defect: string; text: () => string; member: string; says: RegExp }[] = [
      {
        defect: "an unknown role",
        text: () => edit(TEAM, "lastName: One\n    role: full", "lastName: One\n    role: admin"),
        member: "dev.one@example.com",
        says: /role "admin" is not one of owner, full, partial/,
      },
      {
        defect: "an email declared twice",
        text: () =>
          edit(
            TEAM,
            "backups:",
            "  - email: Jane.Lead@example.com\n    firstName: Janet\n    lastName: Lead\n    role: partial\n    installs: [torquemag]\nbackups:",
          ),
        member: "Jane.Lead@example.com",
        says: /declared twice/,
      },
      {
        defect: "an unknown install name",
        text: () =>
          edit(
            TEAM,
            "lastName: Contractor\n    role: partial\n    installs: [torquemag]",
            "lastName: Contractor\n    role: partial\n    installs: [torquemagg]",
          ),
        member: "contractor@example.com",
        says: /torquemagg/,
      },
    ];
    for (const c of cases) {
      it(`${c.defect}`, async () => {
        const file = `team-${c.defect.replaceAll(" ", "-")}.yaml`;
        writeFileSync(join(s.workDir, file), c.text());
        await s.stack.setConfig("teamFile", { value: file });
        await s.clearRequests();
        const outputBefore = s.output.length;
        try {
          await assert.rejects(s.preview({ refresh: true }), (err: Error) => {
            // Only the error itself counts: the progress lines name every member anyway.
            const printed = `${err.message}\n${s.output.slice(outputBefore).join("")}`;
            const diagnostics = printed.split("Diagnostics:")[1]?.split(/\nResources:/)[0] ?? "";
            assert.ok(
              diagnostics.includes(c.member),
              `the error names ${c.member}:\n${diagnostics || printed}`,
            );
            assert.match(diagnostics, c.says);
            return true;
          });
          assert.deepEqual(writes(await s.requestCounts()), {}, "no write request reached the API");
        } finally {
          await s.stack.removeConfig("teamFile");
        }
      });
    }
  });

  describe("destroy", () => {
    it("destroys the team and leaves the account's other users alone", async () => {
      await deployed();
      await s.destroy();
      const emails = (await users()).map((u) => u.email);
      for (const m of MEMBERS) assert.ok(!emails.includes(m), `${m} was removed`);
      assert.ok(emails.includes(SEED_OWNER_EMAIL));
      assert.equal((await s.deployment()).resources?.length ?? 0, 0);
    });
  });
});
