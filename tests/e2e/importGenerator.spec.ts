/**
 * `wpengine-import` end to end: against an emulator account that already has sites, installs,
 * domains (one redirecting) and users in two accounts, the generated TypeScript program typechecks,
 * and its first `pulumi up` (real CLI, file backend) adopts every object with no write at WP Engine;
 * `preview --expect-no-changes` passes right after; generating again gives the same file; and a
 * later portal change shows as drift. The generator reads with list calls only.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultSeed, type RunningEmulator, SEED_IDS, startEmulator } from "../../emulator";
import type { Seed } from "../../emulator/model";
import { WpEngineClient } from "../../provider/client/client";
import { collectEstate, IMPORT_KINDS } from "../../sdk/importer/estate";
import { renderProgram } from "../../sdk/importer/program";
import { type E2EStack, openStack, resourcesOf, userDisagreements, writeRoutes } from "./harness";

/** Two accounts, one site each with its installs, their domains, the accounts' users and the key. */
function smallSeed(): Seed {
  const full = defaultSeed();
  const accounts = [SEED_IDS.mainAccountId, SEED_IDS.secondAccountId];
  const sites = accounts.map((a) =>
    full.sites.find(
      (s) => s.account_id === a && (a !== SEED_IDS.mainAccountId || s.id === SEED_IDS.torqueSiteId),
    ),
  );
  const siteIds = new Set(sites.map((s) => s?.id));
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

describe("wpengine-import: a generated program adopts an existing estate (real CLI)", function () {
  this.timeout(900_000);
  let emu: RunningEmulator;
  let s: E2EStack | undefined;
  let dir: string;

  before(async () => {
    // Full answers: under minimal ones a partial user's installs are not reported, so the program
    // leaves them unmanaged (it says so in a comment) and the state cannot list them.
    emu = await startEmulator({ port: 0, quiet: true, seed: smallSeed(), profile: "default" });
    dir = mkdtempSync(join(tmpdir(), "wpengine-import-"));
  });
  after(async () => {
    await s?.dispose();
    await emu?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const generate = async (users: "each" | "team" = "each") => {
    const client = new WpEngineClient({
      apiUrl: emu.baseUrl,
      apiUserId: emu.apiUserId,
      apiPassword: emu.apiPassword,
    });
    const only = new Set(IMPORT_KINDS);
    return renderProgram(await collectEstate(client, { accountIds: [], only }), only, { users });
  };

  /** A project directory holding `program` as a strict TypeScript Pulumi program. */
  const project = (name: string, program: string) => {
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
  };
  it("generates from list calls only, the same file twice, and the first up adopts everything with no write", async () => {
    // Made in the portal: more domains on torquemag, one redirecting to another.
    const TORQUE = SEED_IDS.torquemagInstallId;
    const api = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${emu.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Basic ${Buffer.from(`${emu.apiUserId}:${emu.apiPassword}`).toString("base64")}`,
          "content-type": "application/json",
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      assert.ok(res.ok, `${method} ${path}: ${res.status}`);
      return (await res.json()) as { id: string };
    };
    const shop = await api("POST", `/installs/${TORQUE}/domains`, { name: "shop.torquemag.io" });
    await api("POST", `/installs/${TORQUE}/domains`, { name: "www.shop.torquemag.io", redirect_to: shop.id });

    await fetch(`${emu.controlUrl}/requests`, { method: "DELETE" });
    const program = await generate();
    const counts = (
      (await (await fetch(`${emu.controlUrl}/requests`)).json()) as { counts: Record<string, number> }
    ).counts;
    const lists = new Set([
      "GET /accounts",
      "GET /sites",
      "GET /installs",
      "GET /installs/{install_id}/domains",
      "GET /ssh_keys",
      "GET /accounts/{account_id}/account_users",
    ]);
    assert.deepEqual(
      Object.keys(counts).filter((route) => !lists.has(route)),
      [],
      `list calls only: ${JSON.stringify(counts)}`,
    );
    assert.equal(await generate(), program, "the same estate gives the same file");
    assert.match(
      program,
      /new wpe\.Install\(\n {2}"install_torquemag",[^)]*siteId: site_torque_magazine\.siteId,/,
    );
    assert.match(program, /redirectTo: domain_shop_torquemag_io\.domainId/);

    s = await openStack({ program: project("imported", program), sharedEmulator: emu });
    const st = s;
    await st.clearRequests();
    await st.up();
    assert.deepEqual(await writeRoutes(st), [], "adopting the estate writes nothing");
    const d = await st.deployment();
    const real = emu.store.snapshot();
    assert.deepEqual(
      resourcesOf(d, "Site")
        .map((r) => r.id)
        .sort(),
      real.sites.map((x) => x.id).sort(),
    );
    assert.deepEqual(
      resourcesOf(d, "Install")
        .map((r) => r.id)
        .sort(),
      real.installs.map((x) => x.id).sort(),
    );
    assert.deepEqual(
      resourcesOf(d, "Domain")
        .map((r) => r.id)
        .sort(),
      real.domains.map((x) => x.id).sort(),
    );
    assert.deepEqual(
      resourcesOf(d, "AccountUser")
        .map((r) => r.id)
        .sort(),
      real.accountUsers.map((u) => u.user_id).sort(),
    );
    assert.deepEqual(await userDisagreements(st), []);
    await st.preview({ expectNoChanges: true });
    await st.preview({ refresh: true, expectNoChanges: true });
    assert.deepEqual(await writeRoutes(st), []);

    // A later portal change is drift for `preview --refresh`.
    await st.api("PATCH", `/installs/${TORQUE}/domains/${shop.id}`, { secure_all_urls: true });
    const drift = await st.preview({ refresh: true });
    // (A redirect naming that domain previews as a possible change too: its output is not known
    // until the update ran, as for any dependent in Pulumi.)
    assert.match(drift.stdout, /Domain domain_shop_torquemag_io update \[diff: ~secureAllUrls\]/);

    // Deletion protection holds for the imported estate.
    await st.clearRequests();
    await assert.rejects(st.destroy(), /protect/);
    assert.deepEqual(await writeRoutes(st), [], "destroying the imported estate writes nothing");
  });

  it("with --users team, declares one AccountTeam per account whose first up adopts every member with no write", async () => {
    await s?.dispose();
    s = undefined;
    const program = await generate("team");
    assert.match(program, /new wpe\.AccountTeam\(\n {2}"team_/);
    s = await openStack({ program: project("imported-team", program), sharedEmulator: emu });
    const st = s;
    await st.clearRequests();
    await st.up();
    assert.deepEqual(await writeRoutes(st), [], "adopting the teams writes nothing");
    assert.deepEqual(await userDisagreements(st), []);
    await st.preview({ refresh: true, expectNoChanges: true });
  });
});
