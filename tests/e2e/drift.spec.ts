/**
 * `wpengine-drift` as a user runs it (the bin of the installed package, as a child process, through
 * the real Pulumi CLI) on a stack whose team comes from a YAML file: after three changes made in the
 * "portal" (a role change, a removal, a new unmanaged user) it exits 2 and its Markdown names each
 * change, and its JSON adds the hygiene facts; after `pulumi up --refresh` it exits 0.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SEED_IDS } from "../../emulator";
import type { DriftReport } from "../../sdk/drift/analyse";
import { type E2EStack, openStack, runInstalledBin } from "./harness";

const A = SEED_IDS.mainAccountId;
const USERS = `/accounts/${A}/account_users`;

interface ApiUser {
  user_id: string;
  email: string;
  roles: string;
}

/** Runs the installed `wpengine-drift` for the stack. */
function runDrift(
  s: E2EStack,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return runInstalledBin(s, "dist/sdk/drift/cli.js", ["--stack", "e2e", "--cwd", s.workDir, ...args]);
}

describe("wpengine-drift: access changed outside code, for a pull-request comment", function () {
  this.timeout(900_000);
  let s: E2EStack;
  let md: string;
  let jsonFile: string;
  const users = async () => ((await s.api("GET", USERS)) as { results: ApiUser[] }).results;
  const userByEmail = async (email: string) => {
    const u = (await users()).find((x) => x.email === email);
    assert.ok(u, `${email} is in the account`);
    return u;
  };

  /** Three changes made in the portal: a role changed, a managed user removed, a stranger invited. */
  const changeInPortal = async () => {
    const frank = await userByEmail("frank.full@example.com");
    await s.api("PATCH", `${USERS}/${frank.user_id}`, {
      roles: "partial",
      install_ids: [SEED_IDS.torquemagInstallId],
    });
    const alice = await userByEmail("alice@example.com");
    await s.api("DELETE", `${USERS}/${alice.user_id}`);
    await s.api("POST", USERS, {
      user: {
        account_id: A,
        first_name: "Mallory",
        last_name: "Mole",
        email: "mallory@example.com",
        roles: "full",
      },
    });
  };

  // Each test has its own emulator and freshly deployed stack, so either passes alone (`--grep`).
  beforeEach(async () => {
    s = await openStack({ program: "drift" });
    md = join(s.workDir, "drift.md");
    jsonFile = join(s.workDir, "drift.json");
    await s.up();
  });
  afterEach(async () => {
    await s?.dispose();
  });

  it("exits 2 after three portal changes and names each one in the Markdown", async () => {
    await changeInPortal();
    // Hygiene facts that are not drift: the owner's MFA off, the pre-deploy backup aborted.
    await s.control("POST", `/accounts/${A}/users/${SEED_IDS.ownerUserId}/mfa`, { enabled: false });
    const backupId = String((await s.deployment()).resources?.find((r) => r.type.endsWith(":Backup"))?.id);
    await s.control("POST", `/backups/${backupId}/abort`);

    const run = await runDrift(s, ["--markdown", md, "--json", jsonFile, "--pending-days", "0"]);
    assert.equal(run.code, 2, run.stderr);
    const text = readFileSync(md, "utf8");
    assert.match(text, /^<!-- wpengine-drift -->/);
    assert.match(
      text,
      /\*\*Drift found:\*\* 2 managed user\(s\) changed outside code and 1 unmanaged user\(s\)/,
    );
    assert.match(
      text,
      /\| frank\.full@example\.com \| role `full,billing` → `partial`; installs: gained `torquemag` \| restore `full,billing` \|/,
    );
    assert.match(
      text,
      /\| alice@example\.com \| removed from the account \| invite again as `partial` on 1 install\(s\) \|/,
    );
    assert.match(
      text,
      /\| mallory@example\.com \| `full` \| pending \| off \| remove the user \(`removeUnmanaged`\) \|/,
    );

    const report = JSON.parse(readFileSync(jsonFile, "utf8")) as DriftReport;
    assert.equal(report.drift, true);
    assert.deepEqual(
      report.users.map((u) => [u.email, u.changes.map((c) => c.kind)]),
      [
        ["alice@example.com", ["removed"]],
        ["frank.full@example.com", ["role", "installs"]],
      ],
    );
    assert.deepEqual(
      report.unmanaged.map((u) => [u.email, u.action]),
      [["mallory@example.com", "remove"]],
    );
    assert.deepEqual(
      report.ownersWithoutMfa.map((o) => o.email),
      ["owner@example.com"],
    );
    assert.deepEqual(
      report.incompleteBackups.map((b) => [b.backupId, b.status]),
      [[backupId, "aborted"]],
    );
    assert.deepEqual(
      report.pendingInvites.invites.map((i) => [i.email, i.managed, i.ageDays]),
      [["mallory@example.com", false, null]],
    );
  });

  it("exits 0 after `pulumi up --refresh` puts the declared access back", async () => {
    await changeInPortal();
    await s.up({ refresh: true });
    const after = (await users()).map((u) => [u.email, u.roles]).sort();
    assert.deepEqual(
      after.map(([e]) => e),
      ["alice@example.com", "frank.full@example.com", "owner@example.com"],
    );
    const run = await runDrift(s, ["--json", jsonFile]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stdout,
      /\*\*No drift:\*\* every managed user matches the last `pulumi up` and the account has no unmanaged users\./,
    );
    const report = JSON.parse(readFileSync(jsonFile, "utf8")) as DriftReport;
    assert.deepEqual(report.users, []);
    assert.deepEqual(report.unmanaged, []);
  });
});
