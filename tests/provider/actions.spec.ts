import assert from "node:assert/strict";
import { SEED_IDS } from "../../emulator";
import { cachePurgeProvider } from "../../provider/resources/cachePurge/provider";
import { installCopyProvider } from "../../provider/resources/installCopy/provider";
import { UNKNOWN } from "../../provider/resources/unknown";
import { caught, clearRequests, clientFactory, control, requestCounts, useEmulator } from "./support";

const TORQUE = SEED_IDS.torquemagInstallId;
const STAGING = SEED_IDS.torquemagStagingInstallId;
const PURGE = "POST /installs/{install_id}/purge_cache";

describe("provider: actions (CachePurge, InstallCopy)", () => {
  const ctx = useEmulator();
  const purge = () => cachePurgeProvider(clientFactory(ctx.emu));
  const copy = () => installCopyProvider(clientFactory(ctx.emu));
  const state = async () =>
    (await control(ctx.emu, "GET", "/state")) as {
      cachePurges: { install_id: string; type: string }[];
      installCopies: {
        source_environment_id: string;
        destination_environment_id: string;
        db_tables: unknown;
      }[];
    };

  it("purges all of an install's cache with one request and records when", async () => {
    await clearRequests(ctx.emu);
    const { outs } = await purge().create({ installId: TORQUE, triggers: { gitSha: "a1" } });
    assert.deepEqual(await requestCounts(ctx.emu), { [PURGE]: 1 });
    assert.deepEqual(
      (await state()).cachePurges.map((p) => [p.install_id, p.type]),
      [[TORQUE, "all"]],
    );
    assert.match(String(outs.requestedAt), /^\d{4}-\d\d-\d\dT/);
  });

  it("runs again only when the triggers change, unknown triggers included", async () => {
    const p = purge();
    const olds = { installId: TORQUE, triggers: { gitSha: "a1", env: "prod" }, requestedAt: "t" };
    assert.equal(
      (await p.diff("x", olds, { installId: TORQUE, triggers: { env: "prod", gitSha: "a1" } })).changes,
      false,
    );
    assert.deepEqual((await p.diff("x", olds, { installId: TORQUE, triggers: { gitSha: "b2" } })).replaces, [
      "triggers",
    ]);
    assert.deepEqual((await p.diff("x", olds, { installId: TORQUE, triggers: UNKNOWN })).replaces, [
      "triggers",
    ]);
  });

  it("records a new install id or cache type, known or unknown at preview, without purging", async () => {
    const p = purge();
    const olds = { installId: TORQUE, triggers: { gitSha: "a1" }, requestedAt: "t" };
    for (const news of [
      { installId: STAGING, triggers: { gitSha: "a1" } },
      { installId: UNKNOWN, triggers: { gitSha: "a1" } },
      { installId: TORQUE, cacheType: "page", triggers: { gitSha: "a1" } },
    ]) {
      const diff = await p.diff("x", olds, news);
      assert.deepEqual([diff.changes, diff.replaces], [true, []], JSON.stringify(news));
    }
    assert.equal((await p.diff("x", olds, { ...olds, installId: TORQUE.toUpperCase() })).changes, false);
    await clearRequests(ctx.emu);
    const updated = await p.update("x", olds, { installId: STAGING, triggers: { gitSha: "a1" } });
    assert.deepEqual(updated.outs, { installId: STAGING, triggers: { gitSha: "a1" }, requestedAt: "t" });
    assert.deepEqual(await requestCounts(ctx.emu), {});
  });

  it("never copies onto a destination, or from a source, that only got a new id: records it and sends nothing", async () => {
    const c = copy();
    const olds = { sourceInstallId: TORQUE, destinationInstallId: STAGING, requestedAt: "t" };
    const fresh = "0b7a2f1e-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
    for (const news of [
      { sourceInstallId: UNKNOWN, destinationInstallId: STAGING },
      { sourceInstallId: fresh, destinationInstallId: STAGING },
      { sourceInstallId: TORQUE, destinationInstallId: UNKNOWN },
      { sourceInstallId: TORQUE, destinationInstallId: STAGING, includeDatabase: false },
    ]) {
      const diff = await c.diff("x", olds, news);
      assert.deepEqual([diff.changes, diff.replaces], [true, []], JSON.stringify(news));
    }
    await clearRequests(ctx.emu);
    const updated = await c.update("x", olds, { sourceInstallId: fresh, destinationInstallId: STAGING });
    assert.equal(updated.outs?.sourceInstallId, fresh);
    assert.deepEqual(await requestCounts(ctx.emu), {});
    assert.equal((await state()).installCopies.length, 0);
  });

  it("purges again once when the answer was lost (a second purge changes nothing)", async () => {
    await control(ctx.emu, "POST", "/faults", {
      method: "POST",
      path: "/purge_cache$",
      afterProcessing: true,
      count: 1,
    });
    await purge().create({ installId: TORQUE, cacheType: "page" });
    assert.equal((await state()).cachePurges.length, 2);
  });

  it("refuses an unknown cache type at check, with the choices", async () => {
    const res = await purge().check({}, { installId: TORQUE, cacheType: "opcache" });
    assert.match(
      String(res.failures?.[0]?.reason),
      /"opcache" is not a cache WP Engine can purge; use "all"/,
    );
  });

  it("copies production onto staging with one request, passing the options", async () => {
    await clearRequests(ctx.emu);
    await copy().create({
      sourceInstallId: TORQUE,
      destinationInstallId: STAGING,
      databaseTables: ["wp_posts"],
    });
    assert.deepEqual(await requestCounts(ctx.emu), { "POST /install_copy": 1 });
    assert.deepEqual(
      (await state()).installCopies.map((c) => [
        c.source_environment_id,
        c.destination_environment_id,
        c.db_tables,
      ]),
      [[TORQUE, STAGING, ["wp_posts"]]],
    );
  });

  it("refuses at check a copy onto itself and tables without the database, naming the property", async () => {
    const self = await copy().check({}, { sourceInstallId: TORQUE, destinationInstallId: TORQUE });
    assert.equal(self.failures?.[0]?.property, "destinationInstallId");
    const tables = await copy().check(
      {},
      {
        sourceInstallId: TORQUE,
        destinationInstallId: STAGING,
        includeDatabase: false,
        databaseTables: ["wp_posts"],
      },
    );
    assert.equal(tables.failures?.[0]?.property, "databaseTables");
  });

  it("never sends a copy twice when its answer was lost, and says what to check", async () => {
    await control(ctx.emu, "POST", "/faults", {
      method: "POST",
      path: "^/v1/install_copy$",
      afterProcessing: true,
      count: 1,
    });
    const err = (await caught(() =>
      copy().create({ sourceInstallId: TORQUE, destinationInstallId: STAGING }),
    )) as Error;
    assert.match(err.message, /wpengine:InstallCopy run of install .* may have started/);
    assert.equal((await state()).installCopies.length, 1);
  });

  it("keeps the record on refresh and forgets it on delete, without a request", async () => {
    const p = purge();
    const { id, outs } = await p.create({ installId: TORQUE });
    await clearRequests(ctx.emu);
    const read = await p.read(id, { ...outs, __provider: "shim" });
    assert.deepEqual(read.inputs, { installId: TORQUE });
    await p.delete();
    assert.deepEqual(await requestCounts(ctx.emu), {});
  });
});
