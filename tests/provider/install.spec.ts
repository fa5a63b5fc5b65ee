import assert from "node:assert/strict";
import { profileFromEnv, SEED_IDS } from "../../emulator";
import { installProvider } from "../../provider/resources/install/provider";
import { caught, clearRequests, clientFactory, requestCounts, useEmulator } from "./support";

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

  it("creates the install with one request and records its host name", async () => {
    await clearRequests(ctx.emu);
    const { id, outs } = await provider().create(inputs);
    assert.deepEqual(await requestCounts(ctx.emu), { "POST /installs": 1 });
    assert.equal(outs.installId, id);
    if (profileFromEnv() !== "minimal") assert.equal(outs.cname, "torquepr123.wpengine.com");
  });

  it("moves site and environment in place; a new name creates first, another account deletes first", async () => {
    const p = provider();
    const olds = { ...inputs, installId: "i" };
    const env = await p.diff("i", olds, { ...inputs, environment: "staging" });
    assert.deepEqual([env.changes, env.replaces], [true, []]);
    const renamed = await p.diff("i", olds, { ...inputs, name: "torquepr124" });
    assert.deepEqual([renamed.replaces, renamed.deleteBeforeReplace], [["name"], false]);
    const moved = await p.diff("i", olds, { ...inputs, accountId: SEED_IDS.secondAccountId });
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

  it("says a taken name is taken across WP Engine, and takes nothing over", async () => {
    const err = (await caught(() =>
      provider().create({ ...inputs, name: "torquemag", environment: undefined }),
    )) as Error;
    assert.match(err.message, /install name "torquemag" is taken.*unique across all of WP Engine/);
  });

  it("deletes the install, and treats one already gone as deleted", async () => {
    const p = provider();
    const { id, outs } = await p.create(inputs);
    await p.delete(id, outs);
    await p.delete(id, outs);
    assert.equal((await p.read(id, outs)).id, "");
  });
});
