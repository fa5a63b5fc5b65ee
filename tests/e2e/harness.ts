/**
 * The one end-to-end helper: runs Pulumi programs through the real Pulumi CLI (Automation API) on a
 * temporary file backend, against a fresh in-process emulator, with pulumi-wpengine installed from a
 * packed tarball exactly as a user installs it (a copy in node_modules, never a symlink: closure
 * serialization copies symlinked packages by value).
 */
import { execFileSync, spawn } from "node:child_process";
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, sep } from "node:path";
import {
  type ConfigMap,
  LocalWorkspace,
  type PreviewResult,
  PulumiCommand,
  type Stack,
  type UpResult,
} from "@pulumi/pulumi/automation";
import { type EmulatorOptions, profileFromEnv, type RunningEmulator, startEmulator } from "../../emulator";

/** The repository root (this file lives in dist/tests/e2e after the build). */
export const repoRoot = findRepoRoot(__dirname);

function findRepoRoot(from: string): string {
  let dir = from;
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, "utf8")).name === "pulumi-wpengine") return dir;
    const up = resolve(dir, "..");
    if (up === dir) throw new Error(`no pulumi-wpengine package.json above ${from}`);
    dir = up;
  }
}

interface Workbench {
  /** Directory whose node_modules holds the installed tarball; programs live below it. */
  base: string;
  cli: PulumiCommand;
  version: string;
}

let workbench: Promise<Workbench> | undefined;

/**
 * Packs the built package, installs the tarball once per mocha process into a scratch directory and
 * resolves the Pulumi CLI. Fails loudly (never skips) when no CLI can be had: under CI the suite must
 * run.
 */
export function getWorkbench(): Promise<Workbench> {
  workbench ??= (async () => {
    const cli = await PulumiCommand.get({ skipVersionCheck: false });
    const version = execFileSync(cli.command, ["version"], { encoding: "utf8" }).trim();
    console.log(`      [e2e] real Pulumi CLI: ${cli.command} ${version}`);
    const base = mkdtempSync(join(tmpdir(), "pulumi-wpengine-e2e-"));
    // The workbench (an npm install, ~120 MB) lives as long as this mocha process.
    process.once("exit", () => rmSync(base, { recursive: true, force: true }));
    const tgzName = execFileSync("npm", ["pack", "--silent", "--pack-destination", base], {
      cwd: repoRoot,
      encoding: "utf8",
    })
      .trim()
      .split("\n")
      .pop();
    if (!tgzName) throw new Error("npm pack printed no tarball name");
    const pulumiVersion = JSON.parse(
      readFileSync(join(repoRoot, "node_modules/@pulumi/pulumi/package.json"), "utf8"),
    ).version;
    // TypeScript programs (the root program, examples/) are compiled and type-checked by the Pulumi
    // Node runtime, which takes `typescript` from here (else its vendored TS 3.8) and needs Node's types.
    const devDeps = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")).devDependencies;
    writeFileSync(
      join(base, "package.json"),
      JSON.stringify({
        name: "pulumi-wpengine-e2e",
        private: true,
        dependencies: {
          "pulumi-wpengine": `file:./${tgzName}`,
          "@pulumi/pulumi": pulumiVersion,
          typescript: devDeps.typescript,
          "@types/node": devDeps["@types/node"],
        },
      }),
    );
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], {
      cwd: base,
      stdio: ["ignore", "ignore", "inherit"],
    });
    if (lstatSync(join(base, "node_modules/pulumi-wpengine")).isSymbolicLink()) {
      throw new Error("pulumi-wpengine was installed as a symlink; the e2e suite needs a copy");
    }
    return { base, cli, version };
  })();
  return workbench;
}

/** Options of {@link openStack}. */
export interface StackOptions {
  /** Folder name under tests/e2e/programs (or an absolute path to a Pulumi project). */
  program: string;
  /** Extra stack config (`test:*` keys drive the test programs). */
  config?: ConfigMap;
  /** Options for the fresh emulator. */
  emulator?: EmulatorOptions;
  /**
   * Use this running emulator instead of a fresh one (stacks side by side against one WP Engine);
   * `dispose` then leaves it running for its owner to close.
   */
  sharedEmulator?: RunningEmulator;
  /** Skip writing the WP Engine credentials into stack config (the env fallback is then used). */
  credentialsFromEnv?: boolean;
  /** Extra environment for the CLI and so for the provider process (e.g. WPENGINE_BACKUP_POLL_MS). */
  env?: Record<string, string>;
  /**
   * Copy the program into this directory and run it there (a project with its own node_modules, see
   * {@link installProject}) instead of under the shared workbench.
   */
  projectDir?: string;
}

/** A stack of a test program bound to its own emulator, backend and output log. */
export interface E2EStack {
  stack: Stack;
  emulator: RunningEmulator;
  /** Every line the CLI printed (stdout and stderr) so far, for assertions and secret scans. */
  output: string[];
  workDir: string;
  backendDir: string;
  /**
   * The environment the CLI runs with (backend, passphrase, offline switches, `env`): what another
   * driver of the same stack, such as a Go Automation API program, needs.
   */
  env: Record<string, string>;
  /** `pulumi up`; `replace` lists URNs to replace whatever their diff says (`--replace`). */
  up(opts?: { refresh?: boolean; replace?: string[]; expectNoChanges?: boolean }): Promise<UpResult>;
  preview(opts?: { refresh?: boolean; expectNoChanges?: boolean }): Promise<PreviewResult>;
  refresh(): Promise<void>;
  destroy(): Promise<void>;
  /**
   * Every file the file backend wrote (current state, backups, history), as text: what a secret scan
   * must search. Secrets in it are ciphertext; `pulumi stack export --show-secrets` would decrypt them.
   */
  stateText(): Promise<string>;
  /** The current deployment (resources with inputs and outputs), parsed from the backend's stack file. */
  deployment(): Promise<Deployment>;
  /** Per-route request counters from the emulator's log. */
  requestCounts(): Promise<Record<string, number>>;
  clearRequests(): Promise<void>;
  /**
   * Calls the emulator's API with the stack's credentials, as a person in the WP Engine portal would
   * change things behind Pulumi's back. Returns the parsed body (or null for 204).
   */
  api(method: string, path: string, body?: unknown): Promise<unknown>;
  /** Calls the emulator's control plane (no auth), e.g. `control("POST", "/config", {...})`. */
  control(method: string, path: string, body?: unknown): Promise<unknown>;
  setTestConfig(key: string, value: unknown): Promise<void>;
  /** Ids of the account users the emulator was seeded with (not Pulumi's to manage). */
  seedUserIds: Set<string>;
  dispose(): Promise<void>;
}

let counter = 0;

/** Starts a fresh emulator and a stack of the given program on a new file backend. */
export async function openStack(opts: StackOptions): Promise<E2EStack> {
  const wb = await getWorkbench();
  const emulator =
    opts.sharedEmulator ??
    (await startEmulator({ port: 0, quiet: true, profile: profileFromEnv(), ...opts.emulator }));
  const seedUserIds = new Set(emulator.store.snapshot().accountUsers.map((u) => u.user_id));
  counter += 1;
  const source = opts.program.startsWith("/")
    ? opts.program
    : join(repoRoot, "tests/e2e/programs", opts.program);
  const workDir = opts.projectDir ?? join(wb.base, "programs", `${counter}-${source.split("/").pop()}`);
  mkdirSync(workDir, { recursive: true });
  cpSync(source, workDir, { recursive: true });
  if (!existsSync(join(workDir, "Pulumi.yaml"))) {
    writeFileSync(join(workDir, "Pulumi.yaml"), `name: e2e-${counter}\nruntime: nodejs\n`);
  }
  const backendDir = mkdtempSync(join(tmpdir(), "pulumi-wpengine-state-"));
  const output: string[] = [];
  const onOutput = (line: string) => {
    output.push(line);
    if (process.env.E2E_VERBOSE) process.stdout.write(line);
  };
  const envVars: Record<string, string> = {
    PULUMI_BACKEND_URL: `file://${backendDir}`,
    PULUMI_CONFIG_PASSPHRASE: "e2e-passphrase",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    ...opts.env,
  };
  if (opts.credentialsFromEnv) {
    envVars.WPENGINE_API_URL = emulator.baseUrl;
    envVars.WPENGINE_API_USER_ID = emulator.apiUserId;
    envVars.WPENGINE_API_PASSWORD = emulator.apiPassword;
  }
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: "e2e", workDir },
    { pulumiCommand: wb.cli, envVars },
  );
  const config: ConfigMap = { ...opts.config };
  if (!opts.credentialsFromEnv) {
    config["wpengine:apiUrl"] = { value: emulator.baseUrl };
    config["wpengine:apiUserId"] = { value: emulator.apiUserId };
    config["wpengine:apiPassword"] = { value: emulator.apiPassword, secret: true };
  }
  await stack.setAllConfig(config);

  const call = async (url: string, method: string, body: unknown, headers: Record<string, string>) => {
    const res = await fetch(url, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
    return text ? (JSON.parse(text) as unknown) : null;
  };
  const auth = `Basic ${Buffer.from(`${emulator.apiUserId}:${emulator.apiPassword}`).toString("base64")}`;
  const control = (method: string, path: string, body?: unknown) =>
    call(`${emulator.controlUrl}${path}`, method, body, {});
  return {
    stack,
    emulator,
    output,
    workDir,
    backendDir,
    env: envVars,
    up: (u) => stack.up({ onOutput, color: "never", ...u }),
    preview: (p) => stack.preview({ onOutput, color: "never", ...p }),
    refresh: async () => {
      await stack.refresh({ onOutput, color: "never" });
    },
    destroy: async () => {
      await stack.destroy({ onOutput, color: "never" });
    },
    stateText: async () => readTree(backendDir),
    deployment: async () => {
      const dir = join(backendDir, ".pulumi", "stacks");
      const [project] = readdirSync(dir);
      const file = join(dir, String(project), "e2e.json");
      return (JSON.parse(readFileSync(file, "utf8")) as { checkpoint: { latest: Deployment } }).checkpoint
        .latest;
    },
    requestCounts: async () =>
      ((await control("GET", "/requests")) as { counts: Record<string, number> }).counts,
    clearRequests: async () => {
      await control("DELETE", "/requests");
    },
    api: (method, path, body) => call(`${emulator.baseUrl}${path}`, method, body, { authorization: auth }),
    control,
    setTestConfig: (key, value) => stack.setConfig(`test:${key}`, { value: JSON.stringify(value) }),
    seedUserIds,
    dispose: async () => {
      if (!opts.sharedEmulator) await emulator.close();
      rmSync(backendDir, { recursive: true, force: true });
    },
  };
}

/**
 * Makes `dir` a project of its own, as a user's: `npm install` of a packed pulumi-wpengine (the
 * workbench's tarball unless `tarball` is given) with @pulumi/pulumi and any `extra` dependencies.
 * Nothing resolves from the shared workbench, so a test may remove or replace the package.
 */
export async function installProject(
  dir: string,
  opts: { tarball?: string; extra?: Record<string, string> } = {},
): Promise<void> {
  const wb = await getWorkbench();
  const tarball = opts.tarball ?? join(wb.base, readdirSync(wb.base).find((f) => f.endsWith(".tgz")) ?? "");
  const pulumiVersion = JSON.parse(
    readFileSync(join(repoRoot, "node_modules/@pulumi/pulumi/package.json"), "utf8"),
  ).version;
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({
      name: "pulumi-wpengine-user",
      private: true,
      dependencies: { "pulumi-wpengine": `file:${tarball}`, "@pulumi/pulumi": pulumiVersion, ...opts.extra },
    }),
  );
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], {
    cwd: dir,
    stdio: ["ignore", "ignore", "inherit"],
  });
}

/**
 * A copy of examples/<name> at `copy`, without node_modules or stack files: a developer who ran
 * `npm install` (or `pulumi config`) in the example must not make a suite use a stale tarball
 * instead of the workbench's freshly packed one, or their settings.
 */
export function exampleCopy(name: string, copy: string): string {
  cpSync(join(repoRoot, "examples", name), copy, {
    recursive: true,
    filter: (p) => !p.split(sep).includes("node_modules") && !/Pulumi\.[^/]+\.yaml$/.test(p),
  });
  return copy;
}

/** The parts of a Pulumi deployment the tests look at. */
export interface Deployment {
  resources?: {
    urn: string;
    type: string;
    id?: string;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
    /** Set when the engine refuses to delete it (`protect`). */
    protect?: boolean;
  }[];
}

/** Resources of one kind in a deployment, from the dynamic resources or the provider plugin. */
export function resourcesOf(
  d: Deployment,
  type:
    | "AccountUser"
    | "Backup"
    | "Site"
    | "SshKey"
    | "Install"
    | "Domain"
    | "DomainCertificate"
    | "InstallCopy"
    | "CachePurge",
) {
  // The dynamic resource's type, or the provider plugin's token for the same kind.
  return (d.resources ?? []).filter(
    (r) => r.type === `pulumi-nodejs:dynamic/wpengine:${type}` || r.type === `wpengine:index:${type}`,
  );
}

function readTree(dir: string): string {
  const parts: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) parts.push(readFileSync(join(entry.parentPath, entry.name), "utf8"));
  }
  return parts.join("\n");
}

/** A role (or role list) as a sorted set of its parts: `"billing, partial"` equals `"partial,billing"`. */
export function rolesKey(value: unknown): string {
  return String(value)
    .toLowerCase()
    .split(",")
    .map((r) => r.trim())
    .filter((r) => r !== "")
    .sort()
    .join(",");
}

/**
 * Where the Pulumi state and the emulator disagree about the account users Pulumi manages: every
 * AccountUser in the state must exist in the emulator under its id with the same email, roles (as a
 * set) and installs, and every user the emulator holds that was not in its seed must be in the state.
 * Answers the problems (empty when they agree), so a test can assert on all of them at once.
 */
export async function userDisagreements(s: E2EStack): Promise<string[]> {
  const real = s.emulator.store.snapshot().accountUsers;
  const inState = resourcesOf(await s.deployment(), "AccountUser");
  const problems: string[] = [];
  for (const r of inState) {
    const out = r.outputs ?? {};
    const u = real.find((x) => x.user_id === r.id);
    if (!u) {
      problems.push(`${out.email} (${r.id}) is in the state but not in WP Engine`);
      continue;
    }
    if (String(u.email).toLowerCase() !== String(out.email).toLowerCase())
      problems.push(`${r.id}: email ${out.email} in the state, ${u.email} in WP Engine`);
    if (rolesKey(u.roles) !== rolesKey(out.roles))
      problems.push(`${out.email}: roles ${out.roles} in the state, ${u.roles} in WP Engine`);
    const installs = (v: unknown) => (Array.isArray(v) ? v.map((x) => String(x).toLowerCase()).sort() : []);
    if (installs(u.install_ids).join() !== installs(out.installIds).join())
      problems.push(`${out.email}: installs ${out.installIds} in the state, ${u.install_ids} in WP Engine`);
  }
  const ids = new Set(inState.map((r) => r.id));
  for (const u of real)
    if (!s.seedUserIds.has(u.user_id) && !ids.has(u.user_id))
      problems.push(`${u.email} (${u.user_id}) exists in WP Engine but not in the state`);
  return problems;
}

/**
 * Where the Pulumi state and the emulator disagree about the sites, installs and SSH keys Pulumi
 * manages: each Site in the state exists under its id with the same name and account, each Install
 * with the same name, account, site and environment, each SshKey with the same fingerprint, each
 * Domain on the same install with the same name, primary flag and redirect, and every site, install
 * or key (and domain, when the seed's domain ids are given) the emulator holds beyond its seed is in
 * the state.
 */
export async function estateDisagreements(s: E2EStack, seed: EstateSeed): Promise<string[]> {
  const real = s.emulator.store.snapshot();
  const d = await s.deployment();
  const problems: string[] = [];
  const sites = resourcesOf(d, "Site");
  for (const r of sites) {
    const site = real.sites.find((x) => x.id === r.id);
    if (!site) problems.push(`site ${r.outputs?.name} (${r.id}) is in the state but not in WP Engine`);
    else if (site.name !== r.outputs?.name || site.account_id !== r.outputs?.accountId)
      problems.push(
        `site ${r.id}: ${r.outputs?.name}/${r.outputs?.accountId} in the state, ${site.name}/${site.account_id} in WP Engine`,
      );
  }
  const siteIds = new Set(sites.map((r) => r.id));
  for (const site of real.sites)
    if (!seed.siteIds.has(site.id) && !siteIds.has(site.id))
      problems.push(`site ${site.name} (${site.id}) exists in WP Engine but not in the state`);
  const installs = resourcesOf(d, "Install");
  for (const r of installs) {
    const install = real.installs.find((x) => x.id === r.id);
    const out = r.outputs ?? {};
    if (!install) problems.push(`install ${out.name} (${r.id}) is in the state but not in WP Engine`);
    else if (
      install.name !== out.name ||
      install.account_id !== out.accountId ||
      (install.site_id ?? undefined) !== out.siteId ||
      (install.environment ?? undefined) !== out.environment
    )
      problems.push(
        `install ${r.id}: ${out.name}/${out.siteId}/${out.environment} in the state, ${install.name}/${install.site_id}/${install.environment} in WP Engine`,
      );
  }
  const installIds = new Set(installs.map((r) => r.id));
  for (const install of real.installs)
    if (!seed.installIds.has(install.id) && !installIds.has(install.id))
      problems.push(`install ${install.name} (${install.id}) exists in WP Engine but not in the state`);
  const keys = resourcesOf(d, "SshKey");
  for (const r of keys) {
    const key = real.sshKeys.find((x) => x.uuid === r.id);
    if (!key)
      problems.push(`SSH key ${r.outputs?.fingerprint} (${r.id}) is in the state but not in WP Engine`);
    else if (key.fingerprint !== r.outputs?.fingerprint)
      problems.push(
        `SSH key ${r.id}: ${r.outputs?.fingerprint} in the state, ${key.fingerprint} in WP Engine`,
      );
  }
  const keyIds = new Set(keys.map((r) => r.id));
  for (const key of real.sshKeys)
    if (!seed.keyIds.has(key.uuid) && !keyIds.has(key.uuid))
      problems.push(`SSH key ${key.fingerprint} (${key.uuid}) exists in WP Engine but not in the state`);
  const domains = resourcesOf(d, "Domain");
  for (const r of domains) {
    const out = r.outputs ?? {};
    const domain = real.domains.find((x) => x.id === r.id);
    const redirect = (v: unknown) => (typeof v === "string" ? v.toLowerCase() : null);
    if (!domain) problems.push(`domain ${out.name} (${r.id}) is in the state but not in WP Engine`);
    else if (
      domain.name !== out.name ||
      domain.install_id !== String(out.installId).toLowerCase() ||
      domain.primary !== (out.primary ?? domain.primary) ||
      redirect(domain.redirect_to) !== redirect(out.redirectTo)
    )
      problems.push(
        `domain ${r.id}: ${out.name}/${out.installId}/primary ${out.primary}/redirect ${out.redirectTo} in the state, ` +
          `${domain.name}/${domain.install_id}/primary ${domain.primary}/redirect ${domain.redirect_to} in WP Engine`,
      );
  }
  // A certificate cannot be revoked, so WP Engine may keep some the state forgot: only the state's are checked.
  for (const r of resourcesOf(d, "DomainCertificate")) {
    const cert = real.certificates.find((c) => c.domain_id === r.id);
    if (!cert || cert.install_id !== String(r.outputs?.installId).toLowerCase())
      problems.push(`certificate of domain ${r.id} is in the state but WP Engine has none for it`);
  }
  if (seed.domainIds !== undefined) {
    const inState = new Set(domains.map((r) => r.id));
    for (const domain of real.domains)
      if (!seed.domainIds.has(domain.id) && !inState.has(domain.id))
        problems.push(`domain ${domain.name} (${domain.id}) exists in WP Engine but not in the state`);
  }
  return problems;
}

/** The sites, installs, SSH keys and domains an {@link estateDisagreements} comparison leaves alone. */
export interface EstateSeed {
  siteIds: Set<string>;
  installIds: Set<string>;
  keyIds: Set<string>;
  domainIds?: Set<string>;
}

/**
 * What the emulator holds now, as the seed of an {@link estateDisagreements} comparison: taken
 * before a stack runs (after any portal-made objects are added), none of it may end up in the state.
 */
export function estateSeedOf(s: E2EStack): Required<EstateSeed> {
  const state = s.emulator.store.snapshot();
  return {
    siteIds: new Set(state.sites.map((x) => x.id)),
    installIds: new Set(state.installs.map((x) => x.id)),
    keyIds: new Set(state.sshKeys.map((k) => k.uuid)),
    domainIds: new Set(state.domains.map((d) => d.id)),
  };
}

/**
 * Mocha hooks for a spec whose tests each open a stack of the estate program: `open()` starts one on
 * its own emulator and records the emulator's objects as the seed (`reseed` again, after a test adds
 * portal-made objects); `disagreements` compares the state and WP Engine object by object; the stack
 * is disposed after each test.
 */
export function estateStacks(): {
  open(): Promise<E2EStack>;
  reseed(s: E2EStack): void;
  disagreements(s: E2EStack): Promise<string[]>;
} {
  let current: E2EStack | undefined;
  let seed: EstateSeed = { siteIds: new Set(), installIds: new Set(), keyIds: new Set() };
  afterEach(async () => {
    await current?.dispose();
    current = undefined;
  });
  return {
    open: async () => {
      current = await openStack({ program: "estate" });
      seed = estateSeedOf(current);
      return current;
    },
    reseed: (s) => {
      seed = estateSeedOf(s);
    },
    disagreements: (s) => estateDisagreements(s, seed),
  };
}

/** Each write (not GET) the emulator received since the last clear, in order, as "METHOD /route". */
export async function writeRoutes(s: E2EStack): Promise<string[]> {
  const log = (await s.control("GET", "/requests")) as { requests: { method: string; route: string }[] };
  return log.requests.filter((r) => r.method !== "GET").map((r) => r.route);
}

/** Counts how often `needle` occurs in `haystack` (for secret scans). */
export function occurrences(haystack: string, needle: string): number {
  return needle ? haystack.split(needle).length - 1 : 0;
}

/** The secrets a scan looks for: the password and every Authorization header form of it. */
export function secretForms(emulator: RunningEmulator): string[] {
  const token = Buffer.from(`${emulator.apiUserId}:${emulator.apiPassword}`).toString("base64");
  return [emulator.apiPassword, token, `Basic ${token}`];
}

/**
 * Runs a bin of the package installed beside the stack's program (`pulumi-wpengine/dist/...`) as a
 * user runs it, against the stack's file backend, without blocking the event loop (the emulator
 * runs in this process). `dropEnv` names environment variables the child must not inherit.
 */
export function runInstalledBin(
  s: E2EStack,
  script: string,
  args: string[],
  dropEnv: (name: string) => boolean = () => false,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const cli = require.resolve(`pulumi-wpengine/${script}`, { paths: [s.workDir] });
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !dropEnv(k)));
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      env: {
        ...inherited,
        PULUMI_BACKEND_URL: `file://${s.backendDir}`,
        PULUMI_CONFIG_PASSPHRASE: "e2e-passphrase",
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolveRun({ code, stdout, stderr }));
  });
}
