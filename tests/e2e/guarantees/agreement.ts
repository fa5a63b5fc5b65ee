/**
 * What the access guarantees need beyond the chaos `Scenario`: a program that declares plain
 * `AccountUser`s and `AccountTeam`s side by side (so users can move between them, and a value can be
 * made unknown at preview), and an end check that holds for both: the Pulumi state and the emulator
 * agree user by user, and no password or phone number appears anywhere the CLI wrote.
 *
 * The program is written to a scratch directory by the suite (it is plain JavaScript run by the real
 * CLI against the packed tarball). Stack config `test:users` = `[{name, args, opts?}]` and
 * `test:teams` = `[{name, args}]`; `args.rolesAfter` / `args.accountIdAfter` name a user of the same
 * program whose `userId` the value waits for (unknown at preview while that user is new), and an alias
 * `{parent: "root"}` means `pulumi.rootStackResource`. The program exports every resource whole, so
 * `pulumi stack output --json` shows every output a user could export.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AccountUserRecord, defaultSeed, type EmulatorState } from "../../../emulator";
import type { Scenario, UserSpec } from "../../chaos/support";
import { occurrences, resourcesOf } from "../harness";

const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const wpe = require("pulumi-wpengine");
const cfg = new pulumi.Config("test");
const made = {};
const after = (name, value) => (name ? made[name].userId.apply(() => value) : value);
const alias = (a) => (a.parent === "root" ? { ...a, parent: pulumi.rootStackResource } : a);
for (const u of cfg.getObject("users") || []) {
  const { rolesAfter, ...args } = u.args;
  const opts = u.opts ? { ...u.opts, aliases: (u.opts.aliases || []).map(alias) } : undefined;
  made[u.name] = new wpe.AccountUser(u.name, { ...args, roles: after(rolesAfter, args.roles) }, opts);
}
const teams = {};
for (const t of cfg.getObject("teams") || []) {
  const { accountIdAfter, members, ...args } = t.args;
  const team = new wpe.AccountTeam(t.name, {
    ...args,
    accountId: after(accountIdAfter, args.accountId),
    members: members.map((m) => (m.aliases ? { ...m, aliases: m.aliases.map(alias) } : m)),
  });
  teams[t.name] = { unmanaged: team.unmanaged, users: team.users, removal: team.removal };
}
module.exports = { users: made, teams };
`;

/**
 * A user of the default seed, declared as WP Engine has them (account, names, role) with `adopt: true`,
 * so adopting them writes nothing; `extra` overrides any argument.
 */
export function adoptSeeded(name: string, email: string, extra: Record<string, unknown> = {}): UserSpec {
  const u = defaultSeed().accountUsers.find((x) => x.email === email);
  if (!u) throw new Error(`${email} is not a seeded user`);
  return {
    name,
    args: {
      accountId: u.account_id,
      email,
      firstName: u.first_name,
      lastName: u.last_name,
      roles: u.roles,
      ...(u.install_ids.length ? { installIds: u.install_ids } : {}),
      adopt: true,
      ...extra,
    },
  };
}

/** A new user of account `accountId` (`<name>@guarantee.example.com`), invited with one POST. */
export function newUser(name: string, accountId: string, roles = "full"): UserSpec {
  return {
    name,
    args: { accountId, email: `${name}@guarantee.example.com`, firstName: "New", lastName: name, roles },
  };
}

let programDir: string | undefined;

/** The directory of the guarantees program (written once per mocha process). */
export function guaranteesProgram(): string {
  if (!programDir) {
    programDir = join(mkdtempSync(join(tmpdir(), "pulumi-wpengine-guarantees-")), "access");
    mkdirSync(programDir, { recursive: true });
    writeFileSync(join(programDir, "index.js"), PROGRAM);
    writeFileSync(join(programDir, "Pulumi.yaml"), "name: guarantees\nruntime: nodejs\n");
  }
  return programDir;
}

function rolesKey(value: unknown): string {
  return String(value)
    .toLowerCase()
    .split(",")
    .map((r) => r.trim())
    .filter(Boolean)
    .sort()
    .join(",");
}

/** Every phone number the emulator knows (users and the API person), for the personal-data scan. */
export function phoneNumbers(state: EmulatorState): string[] {
  const phones = state.accountUsers.map((u) => u.phone).filter((p): p is string => Boolean(p));
  if (state.apiUser.phone_number) phones.push(state.apiUser.phone_number);
  return [...new Set(phones)];
}

/**
 * The end check of an access scenario. Records the emulator's starting state when made (right after
 * `Scenario.open`), then `check()` asserts, for the given accounts:
 *
 * - no pending operation in the state;
 * - every AccountUser in the state is a real user of the emulator under the same id, email and roles;
 * - every user of the emulator is in the state, or was there at the start and is not managed
 *   (nothing extra on either side), and no user of the start was lost unless the scenario removed it;
 * - `pulumi preview --refresh --expect-no-changes` passes;
 * - no password or `Authorization` value anywhere (the chaos scan), and no phone number in the
 *   backend's files, `pulumi stack export`, `pulumi stack output --json` or any CLI output.
 */
export class Agreement {
  private readonly start: EmulatorState;

  constructor(
    private readonly sc: Scenario,
    private readonly accounts: readonly string[],
  ) {
    this.start = sc.s.emulator.store.snapshot();
  }

  /** Runs the end check; `removed` lists emails of starting users the scenario meant to remove. */
  async check(opts: { removed?: string[]; preview?: boolean } = {}): Promise<void> {
    await this.sc.clearFaults();
    const s = this.sc.s;
    const deployment = (await s.deployment()) as Awaited<ReturnType<typeof s.deployment>> & {
      pending_operations?: unknown[];
    };
    assert.deepEqual(deployment.pending_operations ?? [], [], "no pending operation in the state");
    const real = s.emulator.store.snapshot().accountUsers.filter((u) => this.accounts.includes(u.account_id));
    const inState = resourcesOf(deployment, "AccountUser");
    const problems: string[] = [];
    const ids = new Set<string>();
    for (const r of inState) {
      const id = String(r.id);
      if (ids.has(id)) problems.push(`${r.urn}: id ${id} is recorded twice`);
      ids.add(id);
      const u = real.find((x) => x.user_id === id);
      if (!u) {
        problems.push(`${r.urn}: id ${id} does not exist in WP Engine`);
        continue;
      }
      if (String(r.outputs?.email).toLowerCase() !== u.email.toLowerCase())
        problems.push(`${r.urn}: email ${String(r.outputs?.email)} vs ${u.email}`);
      if (rolesKey(r.outputs?.roles) !== rolesKey(u.roles))
        problems.push(`${r.urn}: roles ${String(r.outputs?.roles)} vs ${u.roles}`);
    }
    const startIds = new Set(this.start.accountUsers.map((u) => u.user_id));
    const extra = real.filter((u) => !ids.has(u.user_id) && !startIds.has(u.user_id));
    for (const u of extra) problems.push(`${u.email} exists in WP Engine but not in the state`);
    const removed = new Set((opts.removed ?? []).map((e) => e.toLowerCase()));
    const lost = this.start.accountUsers
      .filter((u: AccountUserRecord) => this.accounts.includes(u.account_id))
      .filter((u) => !real.some((x) => x.user_id === u.user_id) && !removed.has(u.email.toLowerCase()));
    for (const u of lost) problems.push(`${u.email} was lost from WP Engine`);
    console.log(
      `      [agreement] ${inState.length} users in the state, ${real.length} in WP Engine: ` +
        (problems.length ? problems.join("; ") : "agree"),
    );
    assert.deepEqual(problems, [], "the state and WP Engine agree user by user");

    if (opts.preview !== false) await s.preview({ refresh: true, expectNoChanges: true });
    await this.scanPersonalData();
    await this.sc.scanSecrets();
  }

  /** Fails when a phone number appears in the backend's files, an export, the outputs or CLI output. */
  async scanPersonalData(): Promise<void> {
    const s = this.sc.s;
    const exported = await this.sc.cli(["stack", "export"]);
    const outputs = await this.sc.cli(["stack", "output", "--json"]);
    const texts = [
      { where: "backend files", text: await s.stateText() },
      { where: "pulumi stack export", text: exported.stdout },
      { where: "pulumi stack output --json", text: outputs.stdout },
      { where: "CLI output", text: s.output.join("") },
    ];
    const phones = [...phoneNumbers(this.start), ...phoneNumbers(s.emulator.store.snapshot())];
    const hits: string[] = [];
    for (const t of texts)
      for (const p of new Set(phones)) {
        const n = occurrences(t.text, p);
        if (n) hits.push(`${n}x ${p} in ${t.where}`);
      }
    console.log(
      `      [agreement] phone numbers in ${texts.length} texts: ${hits.length ? hits.join("; ") : "none"}`,
    );
    assert.deepEqual(hits, [], "no phone number in the state, exports, outputs or CLI output");
  }
}
