/**
 * `wpengine-import` end to end, with full and with minimal answers: against an emulator whose two
 * accounts already hold 2 sites, 5 installs, 8 domains (one redirecting), 3 SSH keys and 6 users (most
 * made in the portal), the generated TypeScript program typechecks, its first `pulumi up` (real CLI,
 * file backend) adopts every object with no write at WP Engine and the state matches the emulator
 * object by object, nothing extra on either side; `preview --expect-no-changes` passes right after;
 * generating again (also through the installed bin, with the stack's config as credentials) gives the
 * same file; and a later portal change shows as drift. The generator reads with list calls only. At
 * agency scale (225 installs, 600 domains) the first `up` of the generated program writes nothing.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultSeed, type RunningEmulator, SEED_COUNTS, SEED_IDS, startEmulator } from "../../emulator";
import type { Seed } from "../../emulator/model";
import { WpEngineClient } from "../../provider/client/client";
import { collectEstate, IMPORT_KINDS } from "../../sdk/importer/estate";
import { renderProgram } from "../../sdk/importer/program";
import { REAL_KEYS } from "../support/sshKeys";
import {
  type E2EStack,
  estateDisagreements,
  openStack,
  resourcesOf,
  runInstalledBin,
  userDisagreements,
  writeRoutes,
} from "./harness";

/** Two accounts with one site each (their installs) and the accounts' users; the rest is portal-made below. */
function smallSeed(): Seed {
  const full = defaultSeed();
  const accounts = [SEED_IDS.mainAccountId, SEED_IDS.secondAccountId];
  const siteIds = new Set(
    accounts.map((a) => full.sites.filter((s) => s.account_id === a)[0]?.id ?? "").filter((id) => id !== ""),
  );
  const installs = full.installs.filter((i) => siteIds.has(i.site_id ?? ""));
  const installIds = new Set(installs.map((i) => i.id));
  return {
    ...full,
    accounts: full.accounts.filter((a) => accounts.includes(a.id)),
    sites: full.sites.filter((s) => siteIds.has(s.id)),
    installs,
    accountUsers: full.accountUsers
      .filter((u) => accounts.includes(u.account_id))
      .map((u) => ({ ...u, install_ids: u.install_ids.filter((i) => installIds.has(i)) })),
    backups: full.backups.filter((b) => installIds.has(b.install_id)),
    domains: full.domains.filter((d) => installIds.has(d.install_id)),
  };
}

const LISTS = new Set([
  "GET /accounts",
  "GET /sites",
  "GET /installs",
  "GET /installs/{install_id}/domains",
  "GET /ssh_keys",
  "GET /accounts/{account_id}/account_users",
]);

/** Generates the program with the request log cleared first; fails unless only list calls were sent. */
async function generateFromLists(
  emu: RunningEmulator,
): Promise<{ program: string; counts: Record<string, number> }> {
  await fetch(`${emu.controlUrl}/requests`, { method: "DELETE" });
  const program = await generate(emu);
  const { counts } = (await (await fetch(`${emu.controlUrl}/requests`)).json()) as {
    counts: Record<string, number>;
  };
  assert.deepEqual(
    Object.keys(counts).filter((route) => !LISTS.has(route)),
    [],
    `list calls only: ${JSON.stringify(counts)}`,
  );
  return { program, counts };
}

/** The generated program, read through the client as the bin reads it. */
async function generate(emu: RunningEmulator, users: "each" | "team" = "each"): Promise<string> {
  const client = new WpEngineClient({
    apiUrl: emu.baseUrl,
    apiUserId: emu.apiUserId,
    apiPassword: emu.apiPassword,
  });
  const only = new Set(IMPORT_KINDS);
  return renderProgram(await collectEstate(client, { accountIds: [], only }), only, { users });
}

/** A project directory holding `program` as a strict TypeScript Pulumi program. */
function project(dir: string, name: string, program: string): string {
  const at = join(dir, name);
  mkdirSync(at, { recursive: true });
  writeFileSync(join(at, "index.ts"), program);
  writeFileSync(
    join(at, "Pulumi.yaml"),
    `name: ${name}\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n`,
  );
  writeFileSync(
    join(at, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        target: "es2022",
        module: "commonjs",
        moduleResolution: "node",
        skipLibCheck: true,
      },
      files: ["index.ts"],
    }),
  );
  return at;
}

for (const profile of ["default", "minimal"] as const) {
  const minimal = profile === "minimal";
  describe(`wpengine-import: a generated program adopts an existing estate (real CLI, ${profile} answers)`, function () {
    this.timeout(900_000);
    let emu: RunningEmulator;
    let s: E2EStack | undefined;
    let dir: string;

    before(async () => {
      emu = await startEmulator({ port: 0, quiet: true, seed: smallSeed(), profile });
      dir = mkdtempSync(join(tmpdir(), "wpengine-import-"));
      // Made in the portal: a fifth install, seven more domains (one redirecting), two more keys.
      const TORQUE = SEED_IDS.torquemagInstallId;
      const torque = emu.store.install(TORQUE);
      const dev = emu.store.createInstall({
        name: "torquemagdev",
        account_id: SEED_IDS.mainAccountId,
        site_id: torque.site_id,
        environment: "development",
      });
      const [stg, gxPrd, gxStg] = ["torquemagstg", "gx001prd", "gx001stg"].map((n) => {
        const found = emu.store.listInstalls().find((i) => i.name === n);
        assert.ok(found, n);
        return found;
      });
      const apex = emu.store.listDomains(TORQUE).find((d) => d.name === "torquemag.io");
      assert.ok(apex && stg && gxPrd && gxStg);
      const add = (installId: string, name: string, redirect_to: string | null = null) =>
        emu.store.createDomain(installId, { name, primary: false, redirect_to });
      add(TORQUE, "www.torquemag.io", apex.id);
      add(TORQUE, "shop.torquemag.io");
      add(stg.id, "staging.torquemag.io");
      add(dev.id, "dev.torquemag.io");
      add(gxPrd.id, "globex.example");
      add(gxPrd.id, "www.globex.example");
      add(gxStg.id, "stage.globex.example");
      emu.store.createSshKey(REAL_KEYS.ed25519.line);
      emu.store.createSshKey(REAL_KEYS.rsa.line);
      const real = emu.store.snapshot();
      assert.deepEqual(
        [real.accounts, real.sites, real.installs, real.domains, real.sshKeys, real.accountUsers].map(
          (x) => x.length,
        ),
        [2, 2, 5, 8, 3, 6],
        "2 accounts: 2 sites, 5 installs, 8 domains, 3 keys, 6 users",
      );
    });
    after(async () => {
      await s?.dispose();
      await emu?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it("generates from list calls only, the same file twice, and the first up adopts everything with no write", async () => {
      const { program } = await generateFromLists(emu);
      assert.equal(await generate(emu), program, "the same estate gives the same file");
      // Minimal answers leave out an install's site and environment and a domain's redirect: the
      // program then declares none of them (each stays as WP Engine has it).
      if (!minimal) {
        assert.match(
          program,
          /new wpe\.Install\(\n {2}"install_torquemag",[^)]*siteId: site_torque_magazine\.siteId,/,
        );
        assert.match(program, /redirectTo: domain_torquemag_io\.domainId/);
      }

      s = await openStack({ program: project(dir, `imported-${profile}`, program), sharedEmulator: emu });
      const st = s;
      await st.clearRequests();
      await st.up();
      assert.deepEqual(await writeRoutes(st), [], "adopting the estate writes nothing");
      const real = emu.store.snapshot();
      const d = await st.deployment();
      // Object by object, nothing extra on either side. Keys: minimal lists have no fingerprints, so
      // no key can be shown to be a declared one: they stay comments, and outside the state.
      const keysOutside = minimal ? new Set(real.sshKeys.map((k) => k.uuid)) : new Set<string>();
      const none = new Set<string>();
      const problems = await estateDisagreements(st, {
        siteIds: none,
        installIds: none,
        keyIds: keysOutside,
        domainIds: none,
      });
      // Minimal answers report no install's site or environment and no redirect, so the state cannot
      // hold them (the program does not declare them either): only those may differ, nothing else.
      const unreported = (p: string) =>
        /\/undefined\/undefined in the state|\/redirect undefined in the state/.test(p);
      assert.deepEqual(
        problems.filter((p) => !minimal || !unreported(p)),
        [],
      );
      assert.equal(resourcesOf(d, "SshKey").length, minimal ? 0 : 3);
      if (minimal) assert.equal(program.match(/^\/\/ new wpe\.SshKey\(/gm)?.length, 3);
      assert.equal(st.seedUserIds.size, 6);
      assert.deepEqual(
        resourcesOf(d, "AccountUser")
          .map((r) => r.id)
          .sort(),
        real.accountUsers.map((u) => u.user_id).sort(),
        "every user in the state",
      );
      if (!minimal) assert.deepEqual(await userDisagreements(st), []);
      await st.preview({ expectNoChanges: true });
      await st.preview({ refresh: true, expectNoChanges: true });
      assert.deepEqual(await writeRoutes(st), []);

      // The installed bin, with the stack's config as its only credentials, writes the same file.
      // The installed bin, with only the stack's config for credentials (none in its environment).
      const bin = await runInstalledBin(
        st,
        "dist/sdk/importer/cli.js",
        ["--stack", "e2e", "--cwd", st.workDir],
        (k) => k.startsWith("WPENGINE_API"),
      );
      assert.equal(bin.code, 0, bin.stderr);
      assert.equal(bin.stdout, program, "the bin with the stack's credentials gives the same file");
      assert.doesNotMatch(bin.stderr, new RegExp(emu.apiPassword.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));

      // A later portal change of a person's access is in the drift report (the installed bin).
      await st.api("PATCH", `/accounts/${SEED_IDS.mainAccountId}/account_users/${SEED_IDS.fullUserId}`, {
        roles: "full",
      });
      const report = await runInstalledBin(st, "dist/sdk/drift/cli.js", [
        "--stack",
        "e2e",
        "--cwd",
        st.workDir,
      ]);
      assert.equal(report.code, 2, `drift exits 2: ${report.stderr}`);
      assert.match(report.stdout, /frank\.full@example\.com/);
      // A later portal change of a domain is drift for `preview --refresh`.
      const shop = emu.store
        .listDomains(SEED_IDS.torquemagInstallId)
        .find((x) => x.name === "shop.torquemag.io");
      assert.ok(shop);
      await st.api("PATCH", `/installs/${SEED_IDS.torquemagInstallId}/domains/${shop.id}`, {
        secure_all_urls: true,
      });
      const drift = await st.preview({ refresh: true });
      assert.match(drift.stdout, /Domain domain_shop_torquemag_io update \[diff: ~secureAllUrls\]/);

      // Deletion protection holds for the imported estate.
      await st.clearRequests();
      await assert.rejects(st.destroy(), /protect/);
      assert.deepEqual(await writeRoutes(st), [], "destroying the imported estate writes nothing");
    });

    if (!minimal)
      it("with --users team, declares one AccountTeam per account whose first up adopts every member with no write", async () => {
        await s?.dispose();
        s = undefined;
        const program = await generate(emu, "team");
        assert.match(program, /new wpe\.AccountTeam\(\n {2}"team_/);
        s = await openStack({ program: project(dir, "imported-team", program), sharedEmulator: emu });
        const st = s;
        await st.clearRequests();
        await st.up();
        assert.deepEqual(await writeRoutes(st), [], "adopting the teams writes nothing");
        assert.deepEqual(await userDisagreements(st), []);
        await st.preview({ refresh: true, expectNoChanges: true });
      });
  });
}

describe("wpengine-import at agency scale: 225 installs and 600 domains (real CLI)", function () {
  this.timeout(1_800_000);
  let emu: RunningEmulator;
  let s: E2EStack | undefined;
  let dir: string;
  before(async () => {
    emu = await startEmulator({ port: 0, quiet: true, profile: "default" });
    dir = mkdtempSync(join(tmpdir(), "wpengine-import-agency-"));
  });
  after(async () => {
    await s?.dispose();
    await emu?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("generates the program from list calls only, and its first up adopts every object with no write", async () => {
    const visible = emu.store.listInstalls().slice(0, SEED_COUNTS.visibleInstalls);
    for (let n = 0; n < 600; n++) {
      const install = visible[n % visible.length];
      assert.ok(install);
      emu.store.createDomain(install.id, { name: `d${n}.agency.example`, primary: false, redirect_to: null });
    }
    const { program, counts } = await generateFromLists(emu);
    assert.equal(
      counts["GET /installs/{install_id}/domains"],
      SEED_COUNTS.visibleInstalls,
      "one domain list per install",
    );

    s = await openStack({ program: project(dir, "agency", program), sharedEmulator: emu });
    const st = s;
    await st.clearRequests();
    await st.up();
    assert.deepEqual(await writeRoutes(st), [], "the first up writes nothing");
    const d = await st.deployment();
    assert.equal(resourcesOf(d, "Install").length, SEED_COUNTS.visibleInstalls);
    assert.ok(resourcesOf(d, "Domain").length >= 600);
    const hidden = new Set(
      emu.store
        .snapshot()
        .installs.filter((i) => !visible.some((v) => v.id === i.id))
        .map((i) => i.id),
    );
    // What the credentials cannot see (the seed's hidden account) is the only thing outside the state.
    const seen = new Set(visible.map((i) => i.account_id));
    const hiddenSites = new Set(
      emu.store
        .snapshot()
        .sites.filter((x) => !seen.has(x.account_id))
        .map((x) => x.id),
    );
    const hiddenDomains = new Set(
      emu.store
        .snapshot()
        .domains.filter((x) => hidden.has(x.install_id))
        .map((x) => x.id),
    );
    assert.deepEqual(
      await estateDisagreements(st, {
        siteIds: hiddenSites,
        installIds: hidden,
        keyIds: new Set(),
        domainIds: hiddenDomains,
      }),
      [],
    );
  });
});
