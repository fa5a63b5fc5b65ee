/**
 * Bad input never reaches the API: each mistake fails `pulumi preview` with an error that names the
 * property (or config key), and the emulator logs zero requests, so zero writes. One stack, one
 * preview per mistake. The emulator listens on every interface so that the non-HTTPS API URL case
 * points at a real, reachable emulator: a request, had the provider sent one, would be in its log.
 */
import assert from "node:assert/strict";
import { SEED_IDS } from "../../emulator";
import { type BackupSpec, errorDiagnostics, member, Scenario, type UserSpec } from "../chaos/support";

const A = SEED_IDS.mainAccountId;
const INSTALL = SEED_IDS.torquemagInstallId;

/** A valid user with some arguments replaced. */
function user(name: string, patch: Record<string, unknown>): UserSpec {
  const base = member(name, 0, "full");
  return { name, args: { ...base.args, email: `${name}@bad.example.com`, ...patch } };
}

/** A valid backup with some arguments replaced. */
function backupWith(patch: Record<string, unknown>): BackupSpec {
  return {
    name: "bk",
    args: {
      installId: INSTALL,
      description: "before deploy",
      notificationEmails: ["ops@example.com"],
      ...patch,
    },
  };
}

interface Case {
  what: string;
  users?: UserSpec[];
  backups?: BackupSpec[];
  /** Every pattern must match the failed preview's output. */
  expect: RegExp[];
}

const cases: Case[] = [
  {
    what: "an account id that is not a UUID",
    users: [user("baduuid", { accountId: "not-a-uuid" })],
    expect: [/accountId/, /is not a WP Engine account id/],
  },
  {
    what: "an install id that is not a UUID (partial user)",
    users: [user("badinstall", { roles: "partial", installIds: ["294deacc-d8b8"] })],
    expect: [/installIds/, /is not a WP Engine install id/],
  },
  {
    what: "a malformed email",
    users: [user("bademail", { email: "jane@" })],
    expect: [/email/, /not a valid email/],
  },
  {
    what: "an unknown role",
    users: [user("badrole", { roles: "admin" })],
    expect: [/roles/, /"admin" is not a WP Engine role/],
  },
  {
    what: "installIds with a full role",
    users: [user("fullinstalls", { roles: "full", installIds: [INSTALL] })],
    expect: [/installIds/, /only apply to partial roles/],
  },
  {
    what: "an empty first name",
    users: [user("nofirst", { firstName: "" })],
    expect: [/firstName must not be empty/],
  },
  {
    what: "a blank last name",
    users: [user("nolast", { lastName: "   " })],
    expect: [/lastName must not be empty/],
  },
  {
    what: "an empty notification list",
    backups: [backupWith({ notificationEmails: [] })],
    expect: [/notificationEmails/, /at least one address/],
  },
  {
    what: "the same email declared twice (different case)",
    users: [
      user("dup-a", { email: "twice@bad.example.com" }),
      user("dup-b", { email: "Twice@Bad.Example.com" }),
    ],
    // The names and the email also appear in progress lines; only the program's own refusal says
    // which declaration clashes with which.
    expect: [
      /AccountUser "dup-b": Twice@Bad\.Example\.com is already declared in account [^\n]* by AccountUser "dup-a"/,
    ],
  },
  {
    what: "an account id with path characters (../)",
    users: [user("dotdot", { accountId: `${A}/../../accounts` })],
    expect: [/accountId/, /is not a WP Engine account id/],
  },
  {
    what: "an install id with an encoded slash (%2F)",
    backups: [backupWith({ installId: `..%2F..%2F${INSTALL}` })],
    expect: [/installId/, /is not a WP Engine install id/],
  },
  {
    what: "an oversized first name",
    users: [user("longname", { firstName: "x".repeat(10_000) })],
    expect: [/firstName is longer than 100 characters/],
  },
  {
    what: "an oversized email",
    users: [user("longemail", { email: `${"a".repeat(300)}@example.com` })],
    expect: [/email/, /longer than 254 characters/],
  },
  {
    what: "an oversized backup description",
    backups: [backupWith({ description: "d".repeat(5000) })],
    expect: [/description is longer than 1000 characters/],
  },
];

describe("bad input fails at preview, naming the property, with zero requests", function () {
  this.timeout(900_000);
  let sc: Scenario;
  let goodUrl: string;

  before(async () => {
    sc = await Scenario.open("bad input");
    goodUrl = `http://127.0.0.1:${new URL(sc.s.emulator.baseUrl).port}/v1`;
    await sc.s.stack.setConfig("wpengine:apiUrl", { value: goodUrl });
  });
  after(async () => sc?.dispose());

  for (const c of cases) {
    it(`refuses ${c.what}`, async () => {
      await sc.declare({ users: c.users ?? [], backups: c.backups ?? [] });
      await sc.s.clearRequests();
      const message = await sc.failure("preview", sc.s.preview());
      const shown = errorDiagnostics(message).find((l) => l !== "error: preview failed") ?? message;
      console.log(`      [e2e]   ${shown.slice(0, 300)}`);
      for (const pattern of c.expect) assert.match(message, pattern);
      assert.deepEqual(await sc.s.requestCounts(), {}, "no request reached the API");
    });
  }

  it("refuses a plain-http API URL on a non-loopback host, naming wpengine:apiUrl", async () => {
    // A reserved name (RFC 6761) that never resolves: the refusal must come from the provider's
    // configuration check, before any connection is attempted; traffic stays on this machine.
    await sc.s.stack.setConfig("wpengine:apiUrl", { value: "http://api.example.invalid/v1" });
    await sc.declare({ users: [user("plainhttp", {})], backups: [] });
    await sc.s.clearRequests();
    try {
      const message = await sc.failure("preview", sc.s.preview());
      assert.match(message, /Refusing the WP Engine API URL "http:\/\//);
      assert.match(message, /wpengine:apiUrl/);
      assert.match(message, /https:\/\//);
      assert.deepEqual(await sc.s.requestCounts(), {}, "no request reached the API");
    } finally {
      await sc.s.stack.setConfig("wpengine:apiUrl", { value: goodUrl });
    }
  });

  it("leaves nothing behind and leaks no credentials", async () => {
    const deployment = await sc.s.deployment();
    const ours = (deployment.resources ?? []).filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"));
    assert.equal(ours.length, 0, "no resource reached the state");
    await sc.scanSecrets();
  });
});
