/**
 * The provider plugin (`pulumi-resource-wpengine`, from the installed package) driving a YAML
 * program with the real CLI and the YAML language host: team access, a site with an install and a
 * domain, a backup with triggers, and a lookup. Each step ends with the state and the emulator
 * compared object by object.
 */
import assert from "node:assert/strict";
import { profileFromEnv, type RunningEmulator, SEED_IDS, startEmulator } from "../../../emulator";
import {
  type E2EStack,
  type EstateSeed,
  estateDisagreements,
  estateSeedOf,
  openStack,
  resourcesOf,
  secretForms,
  userDisagreements,
  writeRoutes,
} from "../harness";

const A = SEED_IDS.mainAccountId;

describe("the provider plugin from a YAML program (real CLI)", function () {
  this.timeout(900_000);
  let s: E2EStack;
  let seed: EstateSeed;

  before(async () => {
    s = await openStack({ program: "yaml-estate" });
    seed = estateSeedOf(s);
  });
  after(async () => s?.dispose());

  const agree = async () => {
    assert.deepEqual(await userDisagreements(s), []);
    assert.deepEqual(await estateDisagreements(s, seed), []);
  };
  const developer = async () => {
    const users = (await s.api("GET", `/accounts/${A}/account_users`)) as {
      results: { user_id: string; email: string; roles: string; install_ids?: string[] }[];
    };
    const found = users.results.find((u) => u.email === "yaml.developer@example.com");
    assert.ok(found, "the developer is not in WP Engine");
    return found;
  };

  it("creates team access, a site, an install, a domain and a backup, with no provider code in the state", async () => {
    await s.clearRequests();
    const res = await s.up();
    assert.equal(res.summary.resourceChanges?.create, 6, "the stack and its 5 resources");
    assert.equal(res.outputs.cname?.value, "yamlshop1.wpengine.com");
    assert.equal(res.outputs.torquemagId?.value, SEED_IDS.torquemagInstallId, "the getInstall function");
    const writes = await writeRoutes(s);
    assert.equal(writes.filter((w) => w.startsWith("POST")).length, 5, writes.join("\n"));
    const d = await s.deployment();
    for (const kind of ["Site", "Install", "Domain", "AccountUser", "Backup"] as const)
      assert.equal(resourcesOf(d, kind).length, 1, kind);
    const state = await s.stateText();
    assert.doesNotMatch(state, /__provider/);
    for (const secret of secretForms(s.emulator))
      assert.ok(!state.includes(secret), "a credential is in the state");
    // What the provider writes per user (inputs and outputs) is data only: no shim, no code.
    const user = resourcesOf(d, "AccountUser")[0];
    const own = JSON.stringify({ inputs: user?.inputs, outputs: user?.outputs }).length;
    assert.ok(own < 1024, `an AccountUser's inputs and outputs take ${own} bytes`);
    await agree();
  });

  it("plans no change on a second run, and sends nothing", async () => {
    await s.clearRequests();
    await s.preview({ expectNoChanges: true });
    await s.up({ expectNoChanges: true });
    assert.deepEqual(await writeRoutes(s), []);
  });

  it("shows the provider's name notice on the terminal without -v, and changes nothing", async () => {
    // WP Engine cannot rename a user: the provider's notice is the only sign the program disagrees.
    await s.stack.setConfig("yaml-estate:developerFirstName", { value: "Yasmin" });
    await s.clearRequests();
    const seen = s.output.length;
    await s.preview({ expectNoChanges: true });
    const printed = s.output.slice(seen).join("");
    assert.match(
      printed,
      /warning: wpengine:AccountUser yaml\.developer@example\.com: WP Engine has the name "Yaml Developer", the program declares "Yasmin Developer"/,
    );
    assert.deepEqual(await writeRoutes(s), []);
    await s.stack.removeConfig("yaml-estate:developerFirstName");
  });

  it("shows a portal change in preview --refresh and puts it back on up", async () => {
    const dev = await developer();
    await s.api("PATCH", `/accounts/${A}/account_users/${dev.user_id}`, { roles: "full" });
    const install = resourcesOf(await s.deployment(), "Install")[0];
    await s.api("PATCH", `/installs/${install?.id}`, { environment: "staging" });
    const preview = await s.preview({ refresh: true });
    assert.equal(preview.changeSummary.update, 2, JSON.stringify(preview.changeSummary));
    await s.up({ refresh: true });
    assert.equal((await developer()).roles, "partial");
    const real = s.emulator.store.snapshot().installs.find((i) => i.id === install?.id);
    assert.equal(real?.environment, "production");
    await agree();
    await s.preview({ refresh: true, expectNoChanges: true });
  });

  it("takes a new backup when a trigger changes, keeping the old one in WP Engine", async () => {
    const before = resourcesOf(await s.deployment(), "Backup")[0];
    await s.stack.setConfig("yaml-estate:release", { value: "r2" });
    await s.clearRequests();
    await s.up();
    const now = resourcesOf(await s.deployment(), "Backup")[0];
    assert.notEqual(now?.id, before?.id);
    assert.deepEqual(
      (await writeRoutes(s)).filter((w) => !w.startsWith("GET")),
      ["POST /installs/{install_id}/backups"],
    );
    await agree();
  });

  it("refuses destroy with 0 writes while deletionProtection is on, and destroys once it is turned off", async () => {
    await s.clearRequests();
    // `pulumi destroy` previews first, as a person runs it: the preview fails and nothing is deleted.
    await assert.rejects(s.stack.destroy({ previewOnly: true, color: "never" }), /cannot be deleted/);
    assert.deepEqual(await writeRoutes(s), []);
    await agree();
    await s.stack.setConfig("yaml-estate:protect", { value: "false" });
    await s.up();
    assert.deepEqual(await writeRoutes(s), [], "turning protection off writes nothing to WP Engine");
    await s.destroy();
    const real = s.emulator.store.snapshot();
    assert.equal(real.installs.filter((i) => i.name === "yamlshop1").length, 0);
    assert.equal(real.sites.filter((x) => x.name === "YAML Shop").length, 0);
    assert.equal(real.accountUsers.filter((u) => u.email === "yaml.developer@example.com").length, 0);
    assert.equal((await s.deployment()).resources?.length ?? 0, 0);
  });
});

describe("the provider plugin with an explicit provider for a second account (real CLI)", function () {
  this.timeout(900_000);
  let s: E2EStack | undefined;
  let other: RunningEmulator | undefined;
  after(async () => {
    await s?.dispose();
    await other?.close();
  });

  it("writes each resource to its own provider's account, with neither password in the state", async () => {
    other = await startEmulator({ port: 0, quiet: true, profile: profileFromEnv() });
    s = await openStack({
      program: "yaml-two-accounts",
      config: {
        "yaml-two-accounts:otherUrl": { value: other.baseUrl },
        "yaml-two-accounts:otherUserId": { value: other.apiUserId },
        "yaml-two-accounts:otherPassword": { value: other.apiPassword, secret: true },
      },
    });
    await s.up();
    const names = (e: RunningEmulator) => e.store.snapshot().sites.map((x) => x.name);
    assert.ok(names(other).includes("Second Account Site") && !names(other).includes("First Account Site"));
    assert.ok(
      names(s.emulator).includes("First Account Site") && !names(s.emulator).includes("Second Account Site"),
    );
    const state = await s.stateText();
    for (const secret of [...secretForms(s.emulator), ...secretForms(other)])
      assert.ok(!state.includes(secret));
    await s.preview({ expectNoChanges: true });
    await s.destroy();
    assert.ok(!names(other).includes("Second Account Site"));
  });
});
