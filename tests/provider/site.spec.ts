import assert from "node:assert/strict";
import { profileFromEnv, SEED_IDS } from "../../emulator";
import { siteProvider } from "../../provider/resources/site/provider";
import { UNKNOWN } from "../../provider/resources/unknown";
import { caught, clearRequests, clientFactory, control, requestCounts, useEmulator } from "./support";

const MAIN = SEED_IDS.mainAccountId;

describe("provider: Site", () => {
  const ctx = useEmulator();
  const provider = () => siteProvider(clientFactory(ctx.emu));
  const inputs = { accountId: MAIN, name: "PR 123" };

  it("names each bad input with its fix at check, without a request", async () => {
    await clearRequests(ctx.emu);
    const res = await provider().check({}, { accountId: "acme", name: "   " });
    const byProperty = Object.fromEntries((res.failures ?? []).map((f) => [f.property, f.reason]));
    assert.match(String(byProperty.accountId), /not a WP Engine account id.*eeda3227/);
    assert.match(String(byProperty.name), /must not be empty/);
    assert.deepEqual(await requestCounts(ctx.emu), {});
  });

  it("creates the site with one POST after one walk of the account's sites, and records its id and account", async () => {
    await clearRequests(ctx.emu);
    for await (const _ of clientFactory(ctx.emu)().listSites({ accountId: MAIN }));
    const walk = (await requestCounts(ctx.emu))["GET /sites"] ?? 0;
    await clearRequests(ctx.emu);
    const created = await provider().create(inputs);
    // The walk tells, should the answer be lost, the new site from same-named ones that were there.
    assert.deepEqual(await requestCounts(ctx.emu), { "GET /sites": walk, "POST /sites": 1 });
    assert.equal(created.outs.siteId, created.id);
    assert.equal(created.outs.accountId, MAIN);
    assert.equal(created.outs.name, "PR 123");
  });

  it("renames in place and replaces only for another account", async () => {
    const p = provider();
    const olds = { ...inputs, deletionProtection: false, siteId: "x" };
    const rename = await p.diff("x", olds, { ...inputs, name: "PR 124" });
    assert.deepEqual([rename.changes, rename.replaces], [true, []]);
    const move = await p.diff("x", olds, {
      ...inputs,
      deletionProtection: false,
      accountId: SEED_IDS.secondAccountId,
    });
    assert.deepEqual(move.replaces, ["accountId"]);
    const unknown = await p.diff("x", olds, { ...inputs, name: UNKNOWN });
    assert.deepEqual([unknown.changes, unknown.replaces], [true, []]);
    assert.equal((await p.diff("x", olds, { ...inputs, deletionProtection: false })).changes, false);
  });

  it("refuses at diff, before any write, a move to another account of a protected site, naming the fix", async () => {
    await clearRequests(ctx.emu);
    const olds = { ...inputs, siteId: "x" };
    const err = (await caught(() =>
      provider().diff("x", olds, { ...inputs, accountId: SEED_IDS.secondAccountId }),
    )) as Error;
    assert.match(err.message, /site "PR 123" \(x\) is protected by deletionProtection/);
    assert.match(err.message, /keep the old value of accountId/);
    assert.match(err.message, /`deletionProtection: false`.*`pulumi up`/);
    assert.deepEqual(await requestCounts(ctx.emu), {});
  });

  it("turns deletionProtection off in place, without a request", async () => {
    const p = provider();
    const { id, outs } = await p.create(inputs);
    await clearRequests(ctx.emu);
    const diff = await p.diff(id, outs, { ...inputs, deletionProtection: false });
    assert.deepEqual([diff.changes, diff.replaces], [true, []]);
    const updated = await p.update(id, outs, { ...inputs, deletionProtection: false });
    assert.equal(updated.outs?.deletionProtection, false);
    assert.deepEqual(await requestCounts(ctx.emu), {});
  });

  it("renames with one PATCH and keeps the id", async () => {
    const p = provider();
    const { id, outs } = await p.create(inputs);
    await clearRequests(ctx.emu);
    const updated = await p.update(id, outs, { ...inputs, name: "PR 124" });
    assert.equal(updated.outs?.name, "PR 124");
    assert.deepEqual(await requestCounts(ctx.emu), { "PATCH /sites/{site_id}": 1 });
  });

  it("reads a rename made in the portal as drift, and a deleted site as gone", async () => {
    const p = provider();
    const { id, outs } = await p.create(inputs);
    await control(ctx.emu, "GET", "/state");
    const client = clientFactory(ctx.emu)();
    await client.renameSite(id, "Renamed in portal");
    const read = await p.read(id, outs);
    assert.equal(read.props?.name, "Renamed in portal");
    // deletionProtection is ours alone (WP Engine has no such field): the read keeps the state's value.
    assert.deepEqual(read.inputs, { accountId: MAIN, deletionProtection: true, name: "Renamed in portal" });
    await client.deleteSite(id);
    assert.equal((await p.read(id, outs)).id, "");
  });

  it("fails a read it cannot make instead of dropping the site from the state", async () => {
    const p = provider();
    const { id, outs } = await p.create(inputs);
    await control(ctx.emu, "POST", "/faults", { method: "GET", path: "^/v1/sites/", status: 403, count: 1 });
    const err = (await caught(() => p.read(id, outs))) as Error;
    assert.match(err.message, /wpengine:Site read of site "PR 123"/);
  });

  it("refuses to delete a site that still has installs, and sends no DELETE", async () => {
    await clearRequests(ctx.emu);
    const err = (await caught(() =>
      provider().delete(SEED_IDS.torqueSiteId, {
        name: "Torque Magazine",
        accountId: MAIN,
        deletionProtection: false,
      }),
    )) as Error;
    // The default answer lists the site's installs. The minimal one leaves them out, and lists the
    // account's installs without their site, so which are the site's cannot be told: refused as well.
    assert.match(
      err.message,
      profileFromEnv() === "minimal"
        ? /does not say which installs belong to site "Torque Magazine".*listed without their site.*pulumi state delete/
        : /2 install\(s\): torquemag, torquemagstg.*delete those installs first/,
    );
    assert.equal((await requestCounts(ctx.emu))["DELETE /sites/{site_id}"] ?? 0, 0);
    const client = clientFactory(ctx.emu)();
    assert.equal((await client.getSite(SEED_IDS.torqueSiteId)).id, SEED_IDS.torqueSiteId);
  });

  it("adopts an existing site by id with one read, renaming it to the declared name when they differ", async () => {
    await clearRequests(ctx.emu);
    const same = await provider().create({
      accountId: MAIN,
      name: "Torque Magazine",
      adoptSiteId: SEED_IDS.torqueSiteId,
    });
    assert.equal(same.id, SEED_IDS.torqueSiteId);
    // One read; the minimal answer omits the account, so its sites are walked to confirm the site is there.
    const walk = profileFromEnv() === "minimal" ? { "GET /sites": 2 } : {};
    assert.deepEqual(await requestCounts(ctx.emu), { "GET /sites/{site_id}": 1, ...walk });
    const renamed = await provider().create({
      accountId: MAIN,
      name: "Torque",
      adoptSiteId: SEED_IDS.torqueSiteId,
    });
    assert.equal(renamed.outs.name, "Torque");
    const p = provider();
    assert.equal(
      (await p.diff(same.id, same.outs, { accountId: MAIN, name: "Torque Magazine" })).changes,
      false,
      "adoptSiteId is no change",
    );
    const read = await p.read(same.id, same.outs);
    assert.equal(read.inputs?.adoptSiteId, SEED_IDS.torqueSiteId, "a refresh keeps it");
    const updated = await p.update(same.id, same.outs, { accountId: MAIN, name: "Torque Weekly" });
    assert.equal(updated.outs?.adoptSiteId, SEED_IDS.torqueSiteId, "an update keeps it");
  });

  it("refuses to adopt a site of another account, naming both", async () => {
    const err = (await caught(() =>
      provider().create({
        accountId: SEED_IDS.secondAccountId,
        name: "x",
        adoptSiteId: SEED_IDS.torqueSiteId,
      }),
    )) as Error;
    // The minimal answer does not say the site's account: the provider looks in the declared one.
    const owner = profileFromEnv() === "minimal" ? "\\(another account\\)" : MAIN;
    assert.match(err.message, new RegExp(`is a site of account ${owner}, not of the declared accountId`));
  });

  it("deletes an empty site once its answer lists no installs, and treats one already gone as deleted", async () => {
    const p = provider();
    const { id, outs } = await p.create(inputs);
    const props = { ...outs, deletionProtection: false };
    await clearRequests(ctx.emu);
    if (profileFromEnv() === "minimal") {
      // Neither the site nor the account's installs say which installs are the site's: never deleted.
      const err = (await caught(() => p.delete(id, props))) as Error;
      assert.match(err.message, /does not say which installs belong to site "PR 123"/);
      assert.equal((await requestCounts(ctx.emu))["DELETE /sites/{site_id}"] ?? 0, 0);
      return;
    }
    await p.delete(id, props);
    // The site's own answer (installs: []) proves it empty: no list of installs is needed.
    assert.deepEqual(await requestCounts(ctx.emu), {
      "GET /sites/{site_id}": 1,
      "DELETE /sites/{site_id}": 1,
    });
    await p.delete(id, props);
    assert.equal((await p.read(id, outs)).id, "");
  });

  describe("deleting a site whose answer leaves out its installs", () => {
    const OTHER_SITE = "0b6c6f0e-5a55-4c1e-9d5a-6f1f3c0d9a11";
    /** The site's answer without `installs` (the contract does not require it), once. */
    const siteAnswerWithoutInstalls = (id: string, name: string) =>
      control(ctx.emu, "POST", "/faults", {
        method: "GET",
        path: `^/v1/sites/${id}$`,
        status: 200,
        body: { id, name, account: { id: MAIN } },
        count: 1,
      });
    /** The account's installs as WP Engine may list them: `site` given, null (none) or left out. */
    const installList = (installs: { name: string; site?: string | null }[]) =>
      control(ctx.emu, "POST", "/faults", {
        method: "GET",
        path: "^/v1/installs$",
        status: 200,
        body: {
          previous: null,
          next: null,
          count: installs.length,
          results: installs.map((i, n) => ({
            id: `5d0c1d4e-0000-4000-8000-${String(n).padStart(12, "0")}`,
            name: i.name,
            account: { id: MAIN },
            php_version: null,
            ...(i.site === undefined ? {} : { site: i.site === null ? null : { id: i.site } }),
          })),
        },
        count: 1,
      });
    const deletes = async () => (await requestCounts(ctx.emu))["DELETE /sites/{site_id}"] ?? 0;

    it("finds the site's installs in the account's list by their site, refuses naming them, and sends no DELETE", async () => {
      await siteAnswerWithoutInstalls(SEED_IDS.torqueSiteId, "Torque Magazine");
      await installList([
        { name: "torquemag", site: SEED_IDS.torqueSiteId },
        { name: "elsewhere", site: OTHER_SITE },
        { name: "nosite", site: null },
      ]);
      await clearRequests(ctx.emu);
      const err = (await caught(() =>
        provider().delete(SEED_IDS.torqueSiteId, {
          name: "Torque Magazine",
          accountId: MAIN,
          deletionProtection: false,
        }),
      )) as Error;
      assert.match(err.message, /the site still has 1 install\(s\): torquemag\. /);
      assert.deepEqual(await requestCounts(ctx.emu), { "GET /sites/{site_id}": 1, "GET /installs": 1 });
      assert.equal(ctx.emu.store.site(SEED_IDS.torqueSiteId).id, SEED_IDS.torqueSiteId);
    });

    it("sends the DELETE once when every install of the account is listed on another site or on none", async () => {
      const p = provider();
      const { id, outs } = await p.create(inputs);
      await siteAnswerWithoutInstalls(id, "PR 123");
      await installList([
        { name: "torquemag", site: SEED_IDS.torqueSiteId },
        { name: "nosite", site: null },
      ]);
      await clearRequests(ctx.emu);
      await p.delete(id, { ...outs, deletionProtection: false });
      assert.deepEqual(await requestCounts(ctx.emu), {
        "GET /sites/{site_id}": 1,
        "GET /installs": 1,
        "DELETE /sites/{site_id}": 1,
      });
      assert.equal(
        ctx.emu.store.listSites(MAIN).some((s) => s.id === id),
        false,
      );
    });

    it("refuses, sending no DELETE, when an install of the account is listed without its site, and says what to do", async () => {
      const p = provider();
      const { id, outs } = await p.create(inputs);
      await siteAnswerWithoutInstalls(id, "PR 123");
      await installList([{ name: "torquemag", site: SEED_IDS.torqueSiteId }, { name: "unplaced" }]);
      await clearRequests(ctx.emu);
      const err = (await caught(() => p.delete(id, { ...outs, deletionProtection: false }))) as Error;
      assert.match(
        err.message,
        new RegExp(
          `WP Engine's answer does not say which installs belong to site "PR 123" \\(${id}\\): .*1 install\\(s\\) of account ${MAIN} are listed without their site \\(unplaced\\)`,
        ),
      );
      assert.match(
        err.message,
        /check in the WP Engine User Portal that the site has no installs, then .*`pulumi state delete <urn>`.*delete it there/,
      );
      assert.equal(await deletes(), 0);
      assert.equal(ctx.emu.store.site(id).id, id);
    });
  });
});
