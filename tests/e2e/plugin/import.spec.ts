/**
 * `pulumi import` through the provider plugin (real CLI, YAML language host): objects made in the
 * portal are read with no write, protected, and the YAML the CLI prints, pasted into the program,
 * plans no change. `wpengine-import --format pulumi-import` writes the file `pulumi import --file`
 * takes for a whole account.
 */
import assert from "node:assert/strict";
import { appendFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { SEED_IDS } from "../../../emulator";
import {
  type E2EStack,
  estateDisagreements,
  openStack,
  resourcesOf,
  runInstalledBin,
  userDisagreements,
  writeRoutes,
} from "../harness";

const A = SEED_IDS.mainAccountId;

describe("pulumi import with the provider plugin (real CLI)", function () {
  this.timeout(900_000);
  let s: E2EStack | undefined;
  afterEach(async () => {
    await s?.dispose();
    s = undefined;
  });

  /** The code `pulumi import` printed, pasted into the program as a person would. */
  const paste = (st: E2EStack, code: string) =>
    appendFileSync(join(st.workDir, "Pulumi.yaml"), `\n${code}\n`);

  it("imports a portal-made install and account user with 0 writes, and the YAML it prints plans no change", async () => {
    const st = await openStack({ program: "yaml-import" });
    s = st;
    const site = (await st.api("POST", "/sites", { name: "Portal Shop", account_id: A })) as { id: string };
    const install = (await st.api("POST", "/installs", {
      name: "portalshop1",
      account_id: A,
      site_id: site.id,
      environment: "staging",
    })) as { id: string };
    const user = (await st.api("POST", `/accounts/${A}/account_users`, {
      user: {
        account_id: A,
        first_name: "Portal",
        last_name: "Person",
        email: "portal.person@example.com",
        roles: "partial",
        install_ids: [install.id],
      },
    })) as { account_user: { user_id: string } };
    await st.clearRequests();
    const result = await st.stack.import({
      resources: [
        { type: "wpengine:index:Install", name: "shop", id: install.id.toUpperCase() },
        { type: "wpengine:index:AccountUser", name: "person", id: `${A}/${user.account_user.user_id}` },
      ],
      protect: true,
      generateCode: true,
      color: "never",
    });
    assert.deepEqual(await writeRoutes(st), [], "import writes nothing at WP Engine");
    assert.match(result.generatedCode, /name: portalshop1/);
    assert.match(result.generatedCode, /environment: staging/);
    assert.match(result.generatedCode, /email: portal\.person@example\.com/);
    assert.match(result.generatedCode, /protect: true/);
    const d = await st.deployment();
    assert.equal(resourcesOf(d, "Install")[0]?.id, install.id, "the id as WP Engine spells it");
    assert.ok(resourcesOf(d, "Install")[0]?.protect && resourcesOf(d, "AccountUser")[0]?.protect);
    paste(st, result.generatedCode);
    await st.preview({ expectNoChanges: true });
    await st.preview({ refresh: true, expectNoChanges: true });
    assert.deepEqual(await writeRoutes(st), []);
    assert.deepEqual(await userDisagreements(st), []);
    await assert.rejects(
      st.stack.destroy({ previewOnly: true, color: "never" }),
      /protected|cannot be deleted/,
    );
  });

  it("fails an import whose id names nothing or has the wrong form, naming the form, with 0 writes", async () => {
    const st = await openStack({ program: "yaml-import" });
    s = st;
    await st.clearRequests();
    const attempt = (type: string, id: string) =>
      st.stack.import({ resources: [{ type, name: "x", id }], protect: true, color: "never" });
    await assert.rejects(
      attempt("wpengine:index:AccountUser", "d6353160-240b-432c-bbf4-d6884ec4197b"),
      /<accountId>\/<userId>/,
    );
    await assert.rejects(
      attempt("wpengine:index:Install", "00000000-0000-4000-8000-000000000000"),
      /names nothing WP Engine has/,
    );
    await assert.rejects(attempt("wpengine:index:Backup", "whatever"), /cannot be imported/);
    assert.deepEqual(await writeRoutes(st), []);
    assert.equal(resourcesOf(await st.deployment(), "Install").length, 0);
  });

  it("adopts a whole account from wpengine-import --format pulumi-import with 0 writes", async () => {
    const st = await openStack({ program: "yaml-import" });
    s = st;
    const file = join(st.workDir, "estate.json");
    const run = await runInstalledBin(st, "dist/sdk/importer/cli.js", [
      "--account",
      A,
      "--only",
      "sites,installs,domains,users",
      "--format",
      "pulumi-import",
      "--out",
      file,
      "--stack",
      "e2e",
      "--cwd",
      st.workDir,
    ]);
    assert.equal(run.code, 0, run.stderr);
    const entries = (
      JSON.parse(readFileSync(file, "utf8")) as { resources: { type: string; name: string; id: string }[] }
    ).resources;
    const real = st.emulator.store.snapshot();
    const installs = real.installs.filter((i) => i.account_id === A);
    assert.equal(entries.filter((e) => e.type === "wpengine:index:Install").length, installs.length);
    await st.clearRequests();
    const result = await st.stack.import({
      resources: entries,
      protect: true,
      generateCode: true,
      color: "never",
    });
    assert.deepEqual(await writeRoutes(st), []);
    paste(st, result.generatedCode);
    await st.preview({ expectNoChanges: true });
    assert.deepEqual(await userDisagreements(st), []);
    const everythingElse = {
      siteIds: new Set(real.sites.filter((x) => x.account_id !== A).map((x) => x.id)),
      installIds: new Set(real.installs.filter((x) => x.account_id !== A).map((x) => x.id)),
      keyIds: new Set(real.sshKeys.map((k) => k.uuid)),
      domainIds: new Set(
        real.domains.filter((x) => !installs.some((i) => i.id === x.install_id)).map((x) => x.id),
      ),
    };
    assert.deepEqual(await estateDisagreements(st, everythingElse), []);
  });
});
