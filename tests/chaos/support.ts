/**
 * Shared machinery of the chaos suite, built on the e2e harness: a {@link Scenario} wraps one stack of
 * the `team` test program against its own emulator, injects faults through the emulator's control
 * plane, runs the real Pulumi CLI, and ends with the same convergence check for every scenario:
 *
 * - the emulator's account users and backups equal what the program declares (no duplicate email in
 *   any account, no orphan user, exactly one backup per declared trigger),
 * - the Pulumi state records exactly those objects under their real ids, with no pending operation,
 * - `pulumi preview --refresh --expect-no-changes` passes,
 * - the password and every `Authorization` header form of it occur nowhere: not in the backend's
 *   files, not in `pulumi stack export --show-secrets`, not in any CLI output (which carries the
 *   provider's stderr) and not in any error message.
 *
 * Every scenario prints the faults it injected (with how often each fired), the requests the emulator
 * saw by route and status, and the result of the convergence check.
 */
import assert from "node:assert/strict";
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import type { AccountUserRecord, EmulatorState, Fault, FaultSpec, LoggedRequest } from "../../emulator";
import { SEED_IDS } from "../../emulator";
import {
  type Deployment,
  type E2EStack,
  getWorkbench,
  occurrences,
  openStack,
  resourcesOf,
  rolesKey,
  type StackOptions,
  secretForms,
} from "../e2e/harness";

/** The account every scenario manages users in. */
export const ACCOUNT = SEED_IDS.mainAccountId;
/** The install partial users get and backups are taken of. */
export const INSTALL = SEED_IDS.torquemagInstallId;

/** Route keys as the emulator's request log names them. */
export const ROUTES = {
  users: "/accounts/{account_id}/account_users",
  user: "/accounts/{account_id}/account_users/{user_id}",
  backups: "/installs/{install_id}/backups",
  backup: "/installs/{install_id}/backups/{backup_id}",
} as const;

/** One `AccountUser` of the `team` program: `test:users` entries. */
export interface UserSpec {
  name: string;
  args: Record<string, unknown>;
  opts?: Record<string, unknown>;
}

/** One `Backup` of the `team` program: `test:backups` entries. */
export interface BackupSpec {
  name: string;
  args: Record<string, unknown>;
}

/** What a program declares. */
export interface Declared {
  users: UserSpec[];
  backups: BackupSpec[];
}

const ROLE_CYCLE = ["full", "partial", "full,billing", "partial,billing", "owner"] as const;

/**
 * `count` distinct team members named `<prefix>-<n>`, cycling through every role (partial roles get
 * the install), so a scenario exercises every body shape the API accepts.
 */
export function members(prefix: string, count: number): UserSpec[] {
  return Array.from({ length: count }, (_, i) =>
    member(prefix, i, ROLE_CYCLE[i % ROLE_CYCLE.length] ?? "full"),
  );
}

/** One team member; partial roles get {@link INSTALL}. */
export function member(prefix: string, index: number, roles: string): UserSpec {
  const name = `${prefix}-${index}`;
  return {
    name,
    args: {
      accountId: ACCOUNT,
      email: `${name}@chaos.example.com`,
      firstName: "Chaos",
      lastName: `Member ${index}`,
      roles,
      ...(roles.startsWith("partial") ? { installIds: [INSTALL] } : {}),
    },
  };
}

/**
 * A backup of {@link INSTALL} for one trigger. The description carries the trigger so that the
 * convergence check can tell "one backup per trigger" from the emulator's state alone (the API has no
 * endpoint that lists backups, but the emulator's control plane does).
 */
export function backup(name: string, trigger: string): BackupSpec {
  return {
    name,
    args: {
      installId: INSTALL,
      description: `${name} at ${trigger}`,
      notificationEmails: ["ops@chaos.example.com"],
      triggers: { sha: trigger },
    },
  };
}

/** A result line of the convergence check. */
export interface CheckLine {
  what: string;
  ok: boolean;
  detail: string;
}

interface PendingOperation {
  type?: string;
  resource?: { urn?: string };
}

interface ScannedText {
  where: string;
  text: string;
}

function setKey(value: unknown): string {
  return Array.isArray(value) ? [...new Set(value.map((v) => String(v).toLowerCase()))].sort().join(",") : "";
}

function nameOfUrn(urn: string): string {
  return urn.split("::").pop() ?? urn;
}

function describeSpec(f: Fault): string {
  const action = f.reset
    ? "reset the connection"
    : f.afterProcessing
      ? "process, then drop the connection"
      : f.status !== undefined
        ? `answer ${f.status}${f.retryAfter === undefined ? " (no Retry-After)" : ` (Retry-After: ${f.retryAfter})`}`
        : "";
  const delay = f.latencyMs ? `delay ${f.latencyMs} ms` : action ? "" : "pass through untouched";
  const when = [
    f.every ? `every ${ordinal(f.every)} match` : "",
    f.probability !== undefined ? `p=${f.probability} seed=${f.seed ?? 1}` : "",
    f.count ? `at most ${f.count}x` : "",
  ]
    .filter(Boolean)
    .join(", ");
  return `${f.method ?? "ANY"} ${f.path}: ${[delay, action].filter(Boolean).join(" then ")}${when ? ` [${when}]` : ""}`;
}

/**
 * The ids of every live process below `pid`, read from /proc. Taken just before a SIGKILL, it lets a
 * test end the CLI's orphaned language host and provider by id afterwards (the engine starts plugins
 * in their own process groups, so killing the CLI's group does not reach them).
 */
export function descendants(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length) {
    for (const child of parents.get(queue.shift() as number) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${suffix}`;
}

/**
 * SIGKILLs a process this suite started (the Pulumi CLI or a plugin it launched), by id, only if that
 * id still belongs to a Pulumi process: after a failure the id may have been reused by someone else.
 */
export function killPulumiProcess(pid: number): boolean {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    if (!/pulumi/.test(cmdline)) return false;
    process.kill(pid, "SIGKILL");
    return true;
  } catch {
    return false;
  }
}

/** Runs `cmd args` and resolves with its exit code and output (never rejects on a non-zero exit). */
function run(
  cmd: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** One chaos scenario: a stack, its emulator, the faults injected so far and every text to scan. */
export class Scenario {
  /** Texts produced outside the harness's output log (CLI runs of our own, error messages). */
  private readonly scanned: ScannedText[] = [];
  /** Faults removed so far, with their final counters. */
  private readonly pastFaults: Fault[] = [];
  /** Faults injected by other means than fault rules (latency settings, SIGKILL), for the report. */
  private readonly notes: string[] = [];
  /** Every backup description ever declared: each must match exactly one backup. */
  private readonly triggers = new Set<string>();
  private readonly seed: EmulatorState;
  private declared: Declared = { users: [], backups: [] };

  private constructor(
    readonly title: string,
    readonly s: E2EStack,
  ) {
    this.seed = s.emulator.store.snapshot();
  }

  /** Opens a fresh stack of the `team` program against a fresh emulator. */
  static async open(title: string, options: Partial<StackOptions> = {}): Promise<Scenario> {
    const s = await openStack({
      program: "team",
      ...options,
      env: { WPENGINE_BACKUP_POLL_MS: "50", ...options.env },
    });
    return new Scenario(title, s);
  }

  /** The environment of every CLI run of this stack (backend, passphrase, offline switches). */
  get env(): NodeJS.ProcessEnv {
    return { ...process.env, ...this.s.stack.workspace.envVars };
  }

  /** Declares the program's users and backups (stack config `test:users`, `test:backups`). */
  async declare(next: Partial<Declared>): Promise<void> {
    this.declared = {
      users: next.users ?? this.declared.users,
      backups: next.backups ?? this.declared.backups,
    };
    for (const b of this.declared.backups) this.triggers.add(String(b.args.description));
    await this.s.setTestConfig("users", this.declared.users);
    await this.s.setTestConfig("backups", this.declared.backups);
  }

  /** Injects faults through the control plane (`POST /__emulator/faults`). */
  async inject(...faults: FaultSpec[]): Promise<void> {
    for (const f of faults) await this.s.control("POST", "/faults", f);
  }

  /** Records a fault injected by other means (e.g. a SIGKILL), so the report lists it. */
  note(fault: string): void {
    this.notes.push(fault);
    console.log(`      [chaos]   fault: ${fault}`);
  }

  /** Removes every fault (`DELETE /__emulator/faults`), keeping their counters for the report. */
  async clearFaults(): Promise<void> {
    const { faults } = (await this.s.control("GET", "/faults")) as { faults: Fault[] };
    this.pastFaults.push(...faults);
    await this.s.control("DELETE", "/faults");
  }

  /** Every request the emulator logged so far. */
  requests(): LoggedRequest[] {
    return this.s.emulator.store.requests.view().requests;
  }

  /** Write requests (POST, PATCH, DELETE) the emulator logged so far. */
  writes(): LoggedRequest[] {
    return this.requests().filter((r) => r.method !== "GET");
  }

  /** Records a text that the final secret scan must search (e.g. an error message). */
  remember(where: string, text: string): void {
    this.scanned.push({ where, text });
  }

  /** Awaits an operation that must fail; records and returns its message. */
  async failure(what: string, op: Promise<unknown>): Promise<string> {
    try {
      await op;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.remember(`error of ${what}`, message);
      return message;
    }
    assert.fail(`${what} was expected to fail`);
  }

  /**
   * `pulumi up`; if it fails, asserts the failure is a clear, provider-reported error (not a crash)
   * and runs it once more. Returns the messages of the failed attempts.
   */
  async upWithOneRerun(isClear: (message: string) => boolean): Promise<string[]> {
    try {
      await this.s.up();
      return [];
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.remember("error of the first up", message);
      assert.ok(isClear(message), `the first up failed with an unclear error:\n${message.slice(-3000)}`);
      console.log(`      [chaos]   first up failed clearly; re-running once:\n${clearLines(message)}`);
      await this.s.up();
      return [message];
    }
  }

  /** Runs the Pulumi CLI of the harness in the stack's directory with the stack's environment. */
  async cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const wb = await getWorkbench();
    const res = await run(wb.cli.command, [...args, "--stack", "e2e"], this.s.workDir, this.env);
    // Decrypted exports are scanned separately (see scanSecrets); everything else is scanned whole.
    if (!args.includes("--show-secrets"))
      this.remember(`pulumi ${args.join(" ")}`, `${res.stdout}\n${res.stderr}`);
    return res;
  }

  /**
   * Starts `pulumi up --yes --non-interactive --skip-preview` as a child process in its own process
   * group, so a test can SIGKILL the CLI alone (as a CI runner's hard cancel would) and later end the
   * orphaned language host and provider by the group id.
   */
  async spawnUp(): Promise<{ child: ChildProcess; output: () => string; exited: Promise<number | null> }> {
    const wb = await getWorkbench();
    const child = spawn(
      wb.cli.command,
      ["up", "--yes", "--non-interactive", "--skip-preview", "--color", "never", "--stack", "e2e"],
      { cwd: this.s.workDir, env: this.env, detached: true, stdio: ["ignore", "pipe", "pipe"] },
    );
    const chunks: string[] = [];
    child.stdout?.on("data", (d: Buffer) => chunks.push(d.toString("utf8")));
    child.stderr?.on("data", (d: Buffer) => chunks.push(d.toString("utf8")));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const output = () => chunks.join("");
    void exited.then(() => this.remember("output of the killed pulumi up", output()));
    return { child, output, exited };
  }

  /** Prints the faults and the requests of the scenario so far. */
  report(): void {
    const faults = [...this.pastFaults, ...this.s.emulator.store.faults.list()];
    console.log(`      [chaos] scenario: ${this.title}`);
    console.log(`      [chaos]   faults injected (${faults.length + this.notes.length}):`);
    for (const f of faults)
      console.log(`      [chaos]     ${describeSpec(f)}: matched ${f.matched}, fired ${f.fired}`);
    for (const n of this.notes) console.log(`      [chaos]     ${n}`);
    const requests = this.requests();
    const byRoute = new Map<string, Map<string, number>>();
    for (const r of requests) {
      const statuses = byRoute.get(r.route) ?? new Map<string, number>();
      const key = r.faulted ? `${r.status === 0 ? "dropped" : r.status}(${r.faulted})` : String(r.status);
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
      byRoute.set(r.route, statuses);
    }
    console.log(`      [chaos]   requests made: ${requests.length} (${this.writes().length} writes)`);
    for (const [route, statuses] of [...byRoute].sort(([a], [b]) => a.localeCompare(b))) {
      const total = [...statuses.values()].reduce((a, b) => a + b, 0);
      const parts = [...statuses].map(([k, n]) => `${k}x${n}`).join(" ");
      console.log(`      [chaos]     ${route}: ${total} [${parts}]`);
    }
  }

  /**
   * The end check of every scenario (see the module comment). Removes all faults first, prints each
   * check and fails with every failed line at once.
   */
  async converge(): Promise<CheckLine[]> {
    await this.clearFaults();
    this.report();
    const lines: CheckLine[] = [];
    const add = (what: string, problems: string[], detail: string) =>
      lines.push({ what, ok: problems.length === 0, detail: problems.length ? problems.join("; ") : detail });

    const state = this.s.emulator.store.snapshot();
    this.checkUsers(state.accountUsers, add);
    this.checkBackups(state, add);
    await this.checkPulumiState(state, add);

    const preview = await this.s.preview({ refresh: true, expectNoChanges: true }).then(
      () => [],
      (err: unknown) => {
        const message = err instanceof Error ? err.message : String(err);
        this.remember("error of the final preview", message);
        const errors = errorDiagnostics(message).filter((l) => !/^error: (update|preview) failed$/.test(l));
        return [`preview --refresh found changes or failed: ${errors.join(" | ").slice(0, 600)}`];
      },
    );
    add("pulumi preview --refresh --expect-no-changes", preview, "no changes");
    await this.scan(add);

    console.log("      [chaos]   convergence check:");
    for (const l of lines) console.log(`      [chaos]     ${l.ok ? "ok  " : "FAIL"} ${l.what}: ${l.detail}`);
    const failed = lines.filter((l) => !l.ok);
    assert.deepEqual(
      failed.map((l) => `${l.what}: ${l.detail}`),
      [],
      "the scenario did not converge",
    );
    return lines;
  }

  private checkUsers(
    users: AccountUserRecord[],
    add: (what: string, problems: string[], detail: string) => void,
  ): void {
    const duplicates: string[] = [];
    const seen = new Map<string, number>();
    for (const u of users) {
      const key = `${u.account_id}/${u.email.toLowerCase()}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    for (const [key, n] of seen) if (n > 1) duplicates.push(`${key} x${n}`);
    add(
      "no duplicate user (same email twice in an account)",
      duplicates,
      `${users.length} users, 0 duplicates`,
    );

    const declaredEmails = new Set(this.declared.users.map((u) => String(u.args.email).toLowerCase()));
    const mismatches: string[] = [];
    for (const d of this.declared.users) {
      const email = String(d.args.email).toLowerCase();
      const found = users.filter((u) => u.account_id === d.args.accountId && u.email.toLowerCase() === email);
      if (found.length !== 1) {
        mismatches.push(`${email}: ${found.length} users`);
        continue;
      }
      const u = found[0] as AccountUserRecord;
      if (rolesKey(u.roles) !== rolesKey(d.args.roles)) mismatches.push(`${email}: roles ${u.roles}`);
      const wantInstalls = String(d.args.roles).includes("partial") ? setKey(d.args.installIds) : "";
      if (setKey(u.install_ids) !== wantInstalls) mismatches.push(`${email}: installs ${u.install_ids}`);
    }
    add(
      "every declared user exists once with the declared roles and installs",
      mismatches,
      `${this.declared.users.length} declared users match`,
    );

    const seedEmails = new Set(this.seed.accountUsers.map((u) => `${u.account_id}/${u.email.toLowerCase()}`));
    const orphans = users
      .filter((u) => !seedEmails.has(`${u.account_id}/${u.email.toLowerCase()}`))
      .filter((u) => !declaredEmails.has(u.email.toLowerCase()))
      .map((u) => u.email);
    const lostSeed = [...seedEmails].filter((k) => !seen.has(k));
    add(
      "no undeclared user was created and no seeded user was lost",
      [...orphans.map((e) => `orphan ${e}`), ...lostSeed.map((e) => `lost ${e}`)],
      `${users.length - this.declared.users.length} seeded users untouched, 0 orphans`,
    );
  }

  private checkBackups(
    state: EmulatorState,
    add: (what: string, problems: string[], detail: string) => void,
  ) {
    const seedIds = new Set(this.seed.backups.map((b) => b.id));
    const fresh = state.backups.filter((b) => !seedIds.has(b.id));
    const problems: string[] = [];
    for (const trigger of this.triggers) {
      const n = fresh.filter((b) => b.description === trigger).length;
      if (n !== 1) problems.push(`"${trigger}": ${n} backups`);
    }
    for (const b of fresh)
      if (!this.triggers.has(b.description)) problems.push(`undeclared backup "${b.description}"`);
    add(
      "exactly one backup per declared trigger",
      problems,
      `${fresh.length} backups for ${this.triggers.size} triggers`,
    );
  }

  private async checkPulumiState(
    state: EmulatorState,
    add: (what: string, problems: string[], detail: string) => void,
  ) {
    const deployment = (await this.s.deployment()) as Deployment & {
      pending_operations?: PendingOperation[];
    };
    const pending = (deployment.pending_operations ?? []).map(
      (p) => `${p.type} ${nameOfUrn(p.resource?.urn ?? "")}`,
    );
    add("no pending operation in the Pulumi state", pending, "none");

    const problems: string[] = [];
    const inState = resourcesOf(deployment, "AccountUser");
    const names = new Set(inState.map((r) => nameOfUrn(r.urn)));
    for (const d of this.declared.users) {
      const r = inState.find((x) => nameOfUrn(x.urn) === d.name);
      const real = state.accountUsers.find(
        (u) =>
          u.account_id === d.args.accountId && u.email.toLowerCase() === String(d.args.email).toLowerCase(),
      );
      if (!r) problems.push(`${d.name} missing from the state`);
      else if (r.id !== real?.user_id) problems.push(`${d.name}: state id ${r.id}, real ${real?.user_id}`);
    }
    if (names.size !== this.declared.users.length)
      problems.push(`${names.size} AccountUsers in the state, ${this.declared.users.length} declared`);
    const backups = resourcesOf(deployment, "Backup");
    for (const b of this.declared.backups) {
      const r = backups.find((x) => nameOfUrn(x.urn) === b.name);
      const real = state.backups.find((x) => x.description === b.args.description);
      if (!r) problems.push(`${b.name} missing from the state`);
      else if (r.id !== real?.id) problems.push(`${b.name}: state id ${r.id}, real ${real?.id}`);
    }
    if (backups.length !== this.declared.backups.length)
      problems.push(`${backups.length} Backups in the state, ${this.declared.backups.length} declared`);
    add(
      "the Pulumi state records exactly the real objects under their real ids",
      problems,
      `${inState.length} users, ${backups.length} backups`,
    );
  }

  /** The secret scan alone, for scenarios that end in a refusal rather than in convergence. */
  async scanSecrets(): Promise<void> {
    const lines: CheckLine[] = [];
    await this.scan((what, problems, detail) =>
      lines.push({ what, ok: problems.length === 0, detail: problems.length ? problems.join("; ") : detail }),
    );
    for (const l of lines) console.log(`      [chaos]     ${l.ok ? "ok  " : "FAIL"} ${l.what}: ${l.detail}`);
    assert.deepEqual(
      lines.filter((l) => !l.ok).map((l) => l.detail),
      [],
      "credentials leaked",
    );
  }

  private async scan(add: (what: string, problems: string[], detail: string) => void) {
    const exported = await this.cli(["stack", "export"]);
    assert.equal(exported.code, 0, `pulumi stack export failed: ${exported.stderr}`);
    const decrypted = await this.cli(["stack", "export", "--show-secrets"]);
    assert.equal(decrypted.code, 0, `pulumi stack export --show-secrets failed: ${decrypted.stderr}`);
    const texts: ScannedText[] = [
      { where: "backend files (state, history, backups)", text: await this.s.stateText() },
      { where: "pulumi stack export", text: exported.stdout },
      {
        where: "pulumi stack export --show-secrets, outside the engine's copy of the secret stack config",
        text: withoutProviderConfig(decrypted.stdout),
      },
      { where: "CLI output of the harness runs (with the provider's stderr)", text: this.s.output.join("") },
      ...this.scanned,
    ];
    const hits: string[] = [];
    let bytes = 0;
    for (const t of texts) {
      bytes += t.text.length;
      for (const secret of secretForms(this.s.emulator)) {
        const n = occurrences(t.text, secret);
        if (n > 0) hits.push(`${n} in ${t.where}`);
      }
      const header = t.text.match(/authorization["']?\s*[:=]\s*["']?(basic|bearer)\s+\S+/gi) ?? [];
      if (header.length) hits.push(`${header.length} Authorization header values in ${t.where}`);
    }
    add(
      "no password or Authorization value in state, export --show-secrets, CLI output or errors",
      hits,
      `0 hits in ${texts.length} texts (${bytes} chars)`,
    );
  }

  /** Stops the emulator and removes the backend. */
  async dispose(): Promise<void> {
    await this.s.dispose();
  }
}

/**
 * A decrypted export without the one place Pulumi itself keeps the password: the engine copies the
 * whole stack config, secrets included, into the inputs and outputs of the default
 * `pulumi:providers:pulumi-nodejs` provider resource, where `pulumi stack export` shows it only as
 * ciphertext. That key must be a secret (asserted); every other byte must be free of credentials.
 */
export function withoutProviderConfig(exportJson: string): string {
  const parsed = JSON.parse(exportJson) as {
    deployment?: {
      resources?: { type?: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> }[];
    };
  };
  for (const r of parsed.deployment?.resources ?? []) {
    if (r.type !== "pulumi:providers:pulumi-nodejs") continue;
    for (const bag of [r.inputs, r.outputs]) {
      const value = bag?.["wpengine:apiPassword"];
      if (value === undefined || bag === undefined) continue;
      assert.ok(
        typeof value === "object" && value !== null && "4dabf18193072939515e22adb298388d" in value,
        "the engine's copy of wpengine:apiPassword is a secret",
      );
      delete bag["wpengine:apiPassword"];
    }
  }
  return JSON.stringify(parsed);
}

/** The distinct error diagnostics of a CLI failure, indented for the scenario report. */
export function clearLines(message: string): string {
  const lines = [
    ...new Set(errorDiagnostics(message).filter((l) => !/^error: (update|preview) failed$/.test(l))),
  ];
  const shown = lines.length ? lines : message.split("\n").slice(-5);
  return shown.map((l) => `      [chaos]     ${l.slice(0, 400)}`).join("\n");
}

/**
 * Whether a failed CLI run reports the provider's own clear error: it names the resource type, the
 * operation and the object (`wpengine:AccountUser create of x@y failed: ...`), and nothing in it is a
 * crash (a JavaScript exception type or an "unexpected" error).
 */
export function isClearProviderError(message: string): boolean {
  return (
    /wpengine:(AccountUser|Backup) [\w ]+ of .+ failed: /.test(message) &&
    !/\b(TypeError|ReferenceError|SyntaxError|RangeError|Unexpected struct type|unhandled)\b/i.test(message)
  );
}

/** Lines of CLI output that report an error diagnostic. */
export function errorDiagnostics(text: string): string[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => /^error:/.test(l));
}
