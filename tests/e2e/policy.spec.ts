/**
 * The WP Engine policy pack (policy/) through the real, offline Pulumi CLI: `--policy-pack` on a
 * compliant team reports nothing; MFA turned off for an owner fires the advisory MFA policy only;
 * a violating team (two owners with at most one allowed, a partial user without installs, a member
 * outside the allowed domains) fails the preview with each mandatory policy naming its subject.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { EngineEvent, PolicyEvent } from "@pulumi/pulumi/automation";
import { SEED_IDS } from "../../emulator";
import { type E2EStack, openStack, repoRoot } from "./harness";

const A = SEED_IDS.mainAccountId;
const POLICY_DIR = join(repoRoot, "policy");
// The executable launcher: this project's CLI cannot start a Node policy pack from its directory
// (its Node language host predates RunPlugin), but starts an executable pack directly.
const POLICY_PACK = join(POLICY_DIR, "wpengine-policy");

const compliant = [
  { email: "owner@example.com", firstName: "Olivia", lastName: "Owner", roles: "owner" },
  { email: "frank.full@example.com", firstName: "Frank", lastName: "Full", roles: "full,billing" },
  {
    email: "alice@example.com",
    firstName: "Alice",
    lastName: "Author",
    roles: "partial",
    installIds: [SEED_IDS.torquemagInstallId],
  },
];

const violating = [
  compliant[0],
  { ...compliant[1], roles: "owner" },
  { ...compliant[2], installIds: [] },
  { email: "eve@elsewhere.org", firstName: "Eve", lastName: "Outsider", roles: "full" },
];

/** The violations a run reported, as "level policy: message" (the message without the policy's description). */
function violations(events: EngineEvent[]): string[] {
  return events
    .map((e) => e.policyEvent)
    .filter((p): p is PolicyEvent => p !== undefined)
    .map((p) => `${p.enforcementLevel} ${p.policyName}: ${p.message.trim().split("\n").pop()}`)
    .sort();
}

describe("policy pack: WP Engine team rules through `pulumi preview --policy-pack`", function () {
  this.timeout(900_000);
  let s: E2EStack;
  let configFile: string;
  const policyOpts = () => ({
    policyPacks: [POLICY_PACK],
    policyPackConfigs: [configFile],
    color: "never" as const,
  });

  before(async () => {
    if (!existsSync(join(POLICY_DIR, "node_modules/@pulumi/policy"))) {
      // The pack is its own npm project; install its locked dependencies the first time.
      execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], {
        cwd: POLICY_DIR,
        stdio: ["ignore", "ignore", "inherit"],
      });
    }
    s = await openStack({ program: "accountTeam" });
    configFile = join(s.workDir, "policy-config.json");
    writeFileSync(
      configFile,
      JSON.stringify({
        "wpengine-owners-max": { maxOwners: 1 },
        "wpengine-member-email-domain": { allowedDomains: ["example.com"] },
      }),
    );
  });
  after(async () => {
    await s?.dispose();
  });

  /**
   * The fixture: the compliant team declared with the owner's MFA on, and, when `deployed`, the
   * stack converged on it. Each test calls it first, so none depends on what another left.
   */
  const startFrom = async (start: { deployed: boolean }) => {
    await s.control("POST", `/accounts/${A}/users/${SEED_IDS.ownerUserId}/mfa`, { enabled: true });
    await s.setTestConfig("team", { accountId: A, members: compliant });
    if (start.deployed) await s.up({ refresh: true });
  };

  it("stays quiet on a compliant team (preview and up)", async () => {
    await startFrom({ deployed: false });
    const events: EngineEvent[] = [];
    const preview = await s.stack.preview({ ...policyOpts(), onEvent: (e) => events.push(e) });
    const up = await s.stack.up({ ...policyOpts(), onEvent: (e) => events.push(e) });
    // The pack did run: the CLI lists it as passed.
    assert.match(preview.stdout, /Policies:\s+✅ wpengine@v0\.1\.0/);
    assert.match(up.stdout, /Policies:\s+✅ wpengine@v0\.1\.0/);
    assert.deepEqual(violations(events), []);
  });

  it("fires the advisory MFA policy, and only it, when an owner turns MFA off", async () => {
    await startFrom({ deployed: true });
    await s.control("POST", `/accounts/${A}/users/${SEED_IDS.ownerUserId}/mfa`, { enabled: false });
    const events: EngineEvent[] = [];
    await s.stack.preview({ ...policyOpts(), refresh: true, onEvent: (e) => events.push(e) });
    assert.deepEqual(violations(events), [
      "advisory wpengine-owner-mfa: owner owner@example.com has no multi-factor authentication; ask them to enable it in the WP Engine portal.",
    ]);
  });

  it("fails a violating team with each mandatory policy naming its subject", async () => {
    await startFrom({ deployed: false });
    await s.setTestConfig("team", { accountId: A, members: violating });
    const events: EngineEvent[] = [];
    await assert.rejects(s.stack.preview({ ...policyOpts(), onEvent: (e) => events.push(e) }));
    const found = violations(events);
    const mandatory = found.filter((v) => v.startsWith("mandatory"));
    assert.equal(mandatory.length, 3, found.join("\n"));
    assert.match(
      mandatory.join("\n"),
      /wpengine-owners-max: account \S+ declares 2 owners \(frank\.full@example\.com, owner@example\.com\); at most 1 allowed/,
    );
    assert.match(
      mandatory.join("\n"),
      /wpengine-partial-needs-install: alice@example\.com has the partial role/,
    );
    assert.match(
      mandatory.join("\n"),
      /wpengine-member-email-domain: eve@elsewhere\.org is not in an allowed domain \(example\.com\)/,
    );
  });
});
