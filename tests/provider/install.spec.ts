import assert from "node:assert/strict";
import { profileFromEnv, SEED_IDS } from "../../emulator";
import { installProvider } from "../../provider/resources/install/provider";
import { caught, clearRequests, clientFactory, control, requestCounts, useEmulator } from "./support";

const MAIN = SEED_IDS.mainAccountId;

describe("provider: Install", () => {
  const ctx = useEmulator();
  const provider = () => installProvider(clientFactory(ctx.emu));
  let inputs: { accountId: string; name: string; siteId: string; environment: string };
  // Each test gets an empty site (a site holds one install per environment).
  beforeEach(async () => {
    const site = await clientFactory(ctx.emu)().createSite({ name: "PR 123", accountId: MAIN });
    inputs = { accountId: MAIN, name: "torquepr123", siteId: site.id, environment: "development" };
  });

  it("names each bad input with its fix at check, without a request", async () => {
    await clearRequests(ctx.emu);
    const res = await provider().check(
      {},
      { accountId: MAIN, name: "Torque-PR", siteId: "site", environment: "qa" },
    );
    const reasons = Object.fromEntries((res.failures ?? []).map((f) => [f.property, f.reason]));
    assert.match(String(reasons.name), /3 to 14 lowercase letters and digits.*torquemagpr123/);
    assert.match(String(reasons.siteId), /not a WP Engine site id/);
    assert.match(String(reasons.environment), /"qa" is not one WP Engine knows/);
    assert.deepEqual(await requestCounts(ctx.emu), {});
  });

  /** The requests of one walk of the main account's installs (several pages in the seed). */
  async function installsWalk(): Promise<number> {
    await clearRequests(ctx.emu);
    for await (const _ of clientFactory(ctx.emu)().listInstalls({ accountId: MAIN }));
    const n = (await requestCounts(ctx.emu))["GET /installs"] ?? 0;
    await clearRequests(ctx.emu);
    return n;
  }

  it("creates the install with one POST after one walk of the account's installs, and records its host name", async () => {
    const walk = await installsWalk();
    const { id, outs } = await provider().create(inputs);
    // The walk proves the name is not an install of the account already (that one is never taken over).
    assert.deepEqual(await requestCounts(ctx.emu), { "GET /installs": walk, "POST /installs": 1 });
    assert.equal(outs.installId, id);
    if (profileFromEnv() !== "minimal") assert.equal(outs.cname, "torquepr123.wpengine.com");
  });

  it("moves site and environment in place; a new name creates first, another account deletes first", async () => {
    const p = provider();
    const off = { ...inputs, deletionProtection: false };
    const olds = { ...off, installId: "i" };
    const env = await p.diff("i", olds, { ...off, environment: "staging" });
    assert.deepEqual([env.changes, env.replaces], [true, []]);
    const renamed = await p.diff("i", olds, { ...off, name: "torquepr124" });
    assert.deepEqual([renamed.replaces, renamed.deleteBeforeReplace], [["name"], false]);
    const moved = await p.diff("i", olds, { ...off, accountId: SEED_IDS.secondAccountId });
    assert.deepEqual([moved.replaces, moved.deleteBeforeReplace], [["accountId"], true]);
  });

  it("changes the environment with one PATCH and keeps the install", async () => {
    const p = provider();
    const { id, outs } = await p.create(inputs);
    await clearRequests(ctx.emu);
    const updated = await p.update(id, outs, { ...inputs, environment: "staging" });
    assert.equal(updated.outs?.environment, "staging");
    assert.deepEqual(await requestCounts(ctx.emu), { "PATCH /installs/{install_id}": 1 });
  });

  it("reads an environment change made in the portal as drift, and never an omitted field as one", async () => {
    const p = provider();
    const { id, outs } = await p.create(inputs);
    await clientFactory(ctx.emu)().updateInstall(id, { environment: "staging" });
    const read = await p.read(id, outs);
    // The minimal answer leaves the environment out: the state's value is kept, not read as removed.
    assert.equal(read.inputs?.environment, profileFromEnv() === "minimal" ? "development" : "staging");
    assert.equal(read.inputs?.siteId, inputs.siteId);
  });

  it("says a name taken in an account it cannot see is taken across WP Engine, and takes nothing over", async () => {
    const hidden = ctx.emu.store.installById(SEED_IDS.hiddenInstallId);
    assert.ok(hidden);
    const err = (await caught(() =>
      provider().create({ ...inputs, name: hidden.name, environment: undefined }),
    )) as Error;
    assert.match(
      err.message,
      new RegExp(`install name "${hidden.name}" is taken.*unique across all of WP Engine`),
    );
  });

  it("refuses at diff, before any write, a rename of a protected install, naming its website and the fix", async () => {
    await clearRequests(ctx.emu);
    const olds = { ...inputs, installId: "i" };
    const err = (await caught(() => provider().diff("i", olds, { ...inputs, name: "torquepr124" }))) as Error;
    assert.match(err.message, /install torquepr123 \(torquepr123\.wpengine\.com, i\) is protected/);
    assert.match(err.message, /deletes the website torquepr123\.wpengine\.com/);
    assert.match(err.message, /keep the old value of name/);
    assert.match(err.message, /`deletionProtection: false`.*`pulumi up`/);
    assert.deepEqual(await requestCounts(ctx.emu), {});
  });

  it("refuses to delete a protected install and sends no DELETE", async () => {
    const p = provider();
    const { id, outs } = await p.create(inputs);
    await clearRequests(ctx.emu);
    const err = (await caught(() => p.delete(id, outs))) as Error;
    assert.match(err.message, /protected by deletionProtection, so it was not deleted/);
    assert.deepEqual(await requestCounts(ctx.emu), {});
    assert.ok(ctx.emu.store.installById(id));
  });

  it("deletes the install, and treats one already gone as deleted", async () => {
    const p = provider();
    const { id, outs } = await p.create({ ...inputs, deletionProtection: false });
    await p.delete(id, outs);
    await p.delete(id, outs);
    assert.equal((await p.read(id, outs)).id, "");
  });

  describe("an install that existed before the create", () => {
    it("fails the create naming the field, the install, its id and the fix, sends no POST and leaves it untouched", async () => {
      const portal = ctx.emu.store.createInstall({
        name: "torquepr123",
        account_id: MAIN,
        site_id: null,
        environment: null,
      });
      const before = JSON.stringify(portal);
      await clearRequests(ctx.emu);
      const err = (await caught(() => provider().create(inputs))) as Error;
      assert.match(
        err.message,
        new RegExp(
          `wpengine:Install create of .*name "torquepr123" is already an install of account ${MAIN} \\(id ${portal.id}\\)`,
        ),
      );
      const fix = `Fix: adopt it into this stack with the \`import\` resource option (\`{ import: "${portal.id}" }\`); or choose another name; or leave it out of this program and read it with getInstall({ name }); or, if nobody needs it, remove it in the WP Engine User Portal.`;
      assert.ok(err.message.includes(fix), err.message);
      assert.equal((await requestCounts(ctx.emu))["POST /installs"] ?? 0, 0);
      assert.equal(JSON.stringify(ctx.emu.store.install(portal.id)), before);
    });

    it("records the install its lost answer created, and no second one exists", async () => {
      await control(ctx.emu, "POST", "/faults", {
        method: "POST",
        path: "^/v1/installs$",
        afterProcessing: true,
        count: 1,
      });
      const { id } = await provider().create(inputs);
      const named = ctx.emu.store.listInstalls(MAIN).filter((i) => i.name === "torquepr123");
      assert.deepEqual(
        named.map((i) => i.id),
        [id],
      );
      assert.equal((await requestCounts(ctx.emu))["POST /installs"], 1);
    });

    it("sends the create once more when the first POST was not processed", async () => {
      await control(ctx.emu, "POST", "/faults", {
        method: "POST",
        path: "^/v1/installs$",
        status: 502,
        count: 1,
      });
      const { id } = await provider().create(inputs);
      const named = ctx.emu.store.listInstalls(MAIN).filter((i) => i.name === "torquepr123");
      assert.deepEqual(
        named.map((i) => i.id),
        [id],
      );
      assert.equal((await requestCounts(ctx.emu))["POST /installs"], 2);
    });
  });
});
