import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadTeamFile, parseTeam, TeamFileError } from "../../sdk/team";

const ACCOUNT = "eeda3227-9a39-46ae-9e14-20958bb4e6c9";

/** A team file from lines, so tests can say which line a member starts on. */
function team(...lines: string[]): string {
  return `${lines.join("\n")}\n`;
}

/** Parses and returns the TeamFileError message; fails when parsing succeeds or throws anything else. */
function problemsOf(text: string, source?: string): string {
  try {
    parseTeam(text, source);
  } catch (err) {
    assert.ok(err instanceof TeamFileError, `expected TeamFileError, got ${String(err)}`);
    return err.message;
  }
  throw new Error("expected the team file to be rejected");
}

describe("parseTeam", () => {
  it("reads a valid team: canonical roles, installs, member lines and backups", () => {
    const spec = parseTeam(
      team(
        "# reviewed like code",
        `account: ${ACCOUNT}`,
        "members:",
        "  - email: jane@example.com", // line 4
        "    firstName: Jane",
        "    lastName: Lead",
        "    role: full",
        "    billing: true",
        "  - email: casey@example.com", // line 9
        "    firstName: ' Casey '",
        "    lastName: Contractor",
        "    role: Partial",
        "    installs: [torquemag, torquemagstg]",
        "  - email: olivia@example.com", // line 14
        "    firstName: Olivia",
        "    lastName: Owner",
        "    role: owner",
        "    billing: true",
        "backups:",
        "  installs: [torquemag]",
        "  notify: [ops@example.com]",
      ),
    );
    assert.equal(spec.account, ACCOUNT);
    assert.deepEqual(spec.members, [
      {
        email: "jane@example.com",
        firstName: "Jane",
        lastName: "Lead",
        roles: "full,billing",
        installs: [],
        line: 4,
      },
      {
        email: "casey@example.com",
        firstName: "Casey",
        lastName: "Contractor",
        roles: "partial",
        installs: ["torquemag", "torquemagstg"],
        line: 9,
      },
      {
        email: "olivia@example.com",
        firstName: "Olivia",
        lastName: "Owner",
        roles: "owner",
        installs: [],
        line: 14,
      },
    ]);
    assert.deepEqual(spec.backups, { installs: ["torquemag"], notify: ["ops@example.com"] });
  });

  it("reads the same team written as JSON", () => {
    const spec = parseTeam(
      JSON.stringify(
        {
          account: ACCOUNT,
          members: [
            { email: "j@example.com", firstName: "J", lastName: "K", role: "partial", billing: true },
          ],
        },
        null,
        2,
      ),
      "team.json",
    );
    assert.equal(spec.members[0]?.roles, "partial,billing");
    assert.equal(spec.members[0]?.line, 4);
    assert.equal("backups" in spec, false);
  });

  it("rejects an unknown role, naming the line, the member and the valid roles", () => {
    const message = problemsOf(
      team(
        `account: ${ACCOUNT}`,
        "members:",
        "  - email: ada@example.com",
        "    firstName: Ada",
        "    lastName: Lovelace",
        "    role: admin",
      ),
    );
    assert.match(
      message,
      /^team\.yaml line 3 \(member ada@example\.com\): role "admin" is not one of owner, full, partial/,
    );
  });

  it("rejects a billing role spelled into role and points to billing: true", () => {
    const message = problemsOf(
      team(
        `account: ${ACCOUNT}`,
        "members:",
        "  - email: ada@example.com",
        "    firstName: Ada",
        "    lastName: Lovelace",
        "    role: partial,billing",
      ),
    );
    assert.match(message, /line 3 \(member ada@example\.com\): .*set billing: true for billing access/);
  });

  it("rejects a duplicate email (case-insensitively), naming both lines", () => {
    const message = problemsOf(
      team(
        `account: ${ACCOUNT}`,
        "members:",
        "  - email: ada@example.com", // line 3
        "    firstName: Ada",
        "    lastName: Lovelace",
        "    role: full",
        "  - email: Ada@Example.com", // line 7
        "    firstName: Augusta",
        "    lastName: King",
        "    role: partial",
      ),
    );
    assert.match(
      message,
      /line 7 \(member Ada@Example\.com\): email Ada@Example\.com is declared twice \(first at line 3\)/,
    );
  });

  it("rejects installs on a role other than partial, naming the line and member", () => {
    for (const role of ["full", "owner"]) {
      const message = problemsOf(
        team(
          `account: ${ACCOUNT}`,
          "members:",
          "  - email: ada@example.com",
          "    firstName: Ada",
          "    lastName: Lovelace",
          `    role: ${role}`,
          "    installs: [torquemag]",
        ),
      );
      assert.match(
        message,
        new RegExp(
          `line 3 \\(member ada@example\\.com\\): installs only apply to role partial \\(role is ${role}`,
        ),
      );
    }
  });

  it("rejects text that is not YAML, with the line of the problem", () => {
    const message = problemsOf(
      team(
        `account: ${ACCOUNT}`,
        "members:",
        "  - email: ada@example.com",
        "    firstName: Ada",
        "  lastName: Lovelace", // line 5: out of line with its mapping
        "    role: full",
      ),
    );
    assert.match(message, /^team\.yaml line 5: not valid YAML: /);
    const duplicateKey = problemsOf(
      team(
        `account: ${ACCOUNT}`,
        "members:",
        "  - email: ada@example.com",
        "    firstName: Ada",
        "    firstName: Augusta", // line 5
      ),
    );
    assert.match(duplicateKey, /^team\.yaml line 5: not valid YAML: .*unique/);
  });

  it("rejects missing or empty names, naming the line, member and field", () => {
    const message = problemsOf(
      team(
        `account: ${ACCOUNT}`,
        "members:",
        "  - email: ada@example.com", // line 3
        "    role: full",
        "  - email: bob@example.com", // line 5
        "    firstName: '  '",
        "    lastName: Builder",
        "    role: full",
      ),
    );
    const lines = message.split("\n");
    assert.ok(
      lines.includes("team.yaml line 3 (member ada@example.com): firstName: firstName is required"),
      message,
    );
    assert.ok(
      lines.includes("team.yaml line 3 (member ada@example.com): lastName: lastName is required"),
      message,
    );
    assert.ok(
      lines.includes("team.yaml line 5 (member bob@example.com): firstName: firstName must not be empty"),
      message,
    );
  });

  it("names a member without an email by its position", () => {
    const message = problemsOf(
      team(
        `account: ${ACCOUNT}`,
        "members:",
        "  - firstName: Ada",
        "    lastName: Lovelace",
        "    role: full",
      ),
    );
    assert.match(message, /^team\.yaml line 3 \(member #1\): email: email is not a valid address/);
  });

  it("rejects unknown member fields, naming the line and member", () => {
    const message = problemsOf(
      team(
        `account: ${ACCOUNT}`,
        "members:",
        "  - email: ada@example.com",
        "    firstName: Ada",
        "    lastName: Lovelace",
        "    role: full",
        "    nickname: Countess",
      ),
    );
    assert.match(message, /^team\.yaml line 3 \(member ada@example\.com\): .*nickname/);
  });

  it("names the line of a member that is not a mapping", () => {
    const message = problemsOf(
      team(
        `account: ${ACCOUNT}`,
        "members:",
        "  - email: ada@example.com",
        "    firstName: Ada",
        "    lastName: Lovelace",
        "    role: full",
        "  - jane@example.com", // line 7
      ),
    );
    assert.match(message, /^team\.yaml line 7 \(member #2\): /);
  });

  it("reports every problem of every member at once, one per line", () => {
    const message = problemsOf(
      team(
        `account: ${ACCOUNT}`,
        "members:",
        "  - email: a@example.com",
        "    firstName: A",
        "    lastName: A",
        "    role: boss",
        "  - email: b@example.com",
        "    firstName: B",
        "    lastName: B",
        "    role: full",
        "    installs: [torquemag]",
      ),
    );
    const lines = message.split("\n");
    assert.equal(lines.length, 2, message);
    assert.match(lines[0] ?? "", /^team\.yaml line 3 \(member a@example\.com\)/);
    assert.match(lines[1] ?? "", /^team\.yaml line 7 \(member b@example\.com\)/);
  });

  it("rejects an account that is not a UUID, naming the field", () => {
    const message = problemsOf(team("account: my-account", "members: []"), "people.yaml");
    assert.match(message, /^people\.yaml: account: account must be the WP Engine account UUID/);
  });
});

describe("loadTeamFile", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "team-spec-"));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("reads and validates a file from disk", () => {
    const path = join(dir, "team.yaml");
    writeFileSync(
      path,
      team(
        `account: ${ACCOUNT}`,
        "members:",
        "  - email: ada@example.com",
        "    firstName: Ada",
        "    lastName: Lovelace",
        "    role: full",
      ),
    );
    const spec = loadTeamFile(path);
    assert.equal(spec.members.length, 1);
    assert.equal(spec.members[0]?.roles, "full");
  });

  it("names the file's path in its messages", () => {
    const path = join(dir, "bad-team.yaml");
    writeFileSync(
      path,
      team(
        `account: ${ACCOUNT}`,
        "members:",
        "  - email: ada@example.com",
        "    firstName: Ada",
        "    role: full",
      ),
    );
    assert.throws(
      () => loadTeamFile(path),
      (err: Error) =>
        err instanceof TeamFileError &&
        err.message.startsWith(`${path} line 3 (member ada@example.com): lastName: lastName is required`),
    );
  });

  it("fails a missing file with the file system's error", () => {
    assert.throws(() => loadTeamFile(join(dir, "missing.yaml")), /ENOENT/);
  });
});
