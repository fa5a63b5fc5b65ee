import assert from "node:assert/strict";
import { SEED_IDS } from "../../emulator";
import { domainProvider } from "../../provider/resources/domain/provider";
import { caught, clearRequests, clientFactory, control, requestCounts, useEmulator } from "./support";

const TORQUE = SEED_IDS.torquemagInstallId;
const LIST = "GET /installs/{install_id}/domains";

describe("provider: Domain", () => {
  const ctx = useEmulator();
  const provider = () => domainProvider(clientFactory(ctx.emu));

  it("names a URL or a non-host name at check, with the fix and without a request", async () => {
    await clearRequests(ctx.emu);
    const url = await provider().check({}, { installId: TORQUE, name: "https://www.example.com/" });
    assert.match(String(url.failures?.[0]?.reason), /is a URL; give the host name only/);
    const bad = await provider().check({}, { installId: TORQUE, name: "not a host" });
    assert.match(String(bad.failures?.[0]?.reason), /is not a host name/);
    const ok = await provider().check({}, { installId: TORQUE, name: " WWW.Example.COM " });
    assert.equal(ok.inputs?.name, "www.example.com", "host names are lower-cased");
    assert.deepEqual(await requestCounts(ctx.emu), {});
  });

  // The list before the POST proves the name is not a domain of the install already (never taken over).
  it("adds a domain with one POST after one list of the install's domains; secure-all-URLs costs one PATCH more", async () => {
    await clearRequests(ctx.emu);
    await provider().create({ installId: TORQUE, name: "a.torque.news" });
    assert.deepEqual(await requestCounts(ctx.emu), { [LIST]: 1, "POST /installs/{install_id}/domains": 1 });
    await clearRequests(ctx.emu);
    const { outs } = await provider().create({
      installId: TORQUE,
      name: "b.torque.news",
      secureAllUrls: true,
    });
    assert.equal(outs.secureAllUrls, true);
    assert.deepEqual(await requestCounts(ctx.emu), {
      [LIST]: 1,
      "POST /installs/{install_id}/domains": 1,
      "PATCH /installs/{install_id}/domains/{domain_id}": 1,
    });
  });

  it("changes primary, redirect and HTTPS in place, and replaces for a new name or install", async () => {
    const p = provider();
    const olds = { installId: TORQUE, name: "a.io", primary: false, secureAllUrls: false, domainId: "d" };
    const inPlace = await p.diff("d", olds, {
      installId: TORQUE,
      name: "a.io",
      primary: true,
      secureAllUrls: true,
    });
    assert.deepEqual([inPlace.changes, inPlace.replaces], [true, []]);
    const renamed = await p.diff("d", olds, { installId: TORQUE, name: "b.io" });
    assert.deepEqual(renamed.replaces, ["name"]);
  });

  it("makes a domain primary with one PATCH, and the old primary stops being one", async () => {
    const p = provider();
    const { id, outs } = await p.create({ installId: TORQUE, name: "new.torque.news" });
    await clearRequests(ctx.emu);
    const updated = await p.update(id, outs, { installId: TORQUE, name: "new.torque.news", primary: true });
    assert.equal(updated.outs?.primary, true);
    assert.deepEqual(await requestCounts(ctx.emu), { "PATCH /installs/{install_id}/domains/{domain_id}": 1 });
    const old = ctx.emu.store.domain(TORQUE, SEED_IDS.torquemagDomainId);
    assert.equal(old.primary, false);
  });

  it("reads every domain of an install with one list call, and a domain removed in the portal as gone", async () => {
    const p = provider();
    const made = await Promise.all(
      ["x1.torque.news", "x2.torque.news", "x3.torque.news"].map((name) =>
        p.create({ installId: TORQUE, name }),
      ),
    );
    const fresh = provider();
    await clearRequests(ctx.emu);
    const reads = await Promise.all(made.map((m) => fresh.read(m.id, m.outs)));
    assert.deepEqual(
      reads.map((r) => r.id),
      made.map((m) => m.id),
    );
    assert.deepEqual(await requestCounts(ctx.emu), { [LIST]: 1 });
    await clientFactory(ctx.emu)().deleteDomain(TORQUE, String(made[0]?.id));
    assert.equal((await provider().read(String(made[0]?.id), made[0]?.outs ?? {})).id, "");
  });

  it("reads a secure-all-URLs change made in the portal as drift", async () => {
    const p = provider();
    const { id, outs } = await p.create({
      installId: TORQUE,
      name: "drift.torque.news",
      secureAllUrls: false,
    });
    await clientFactory(ctx.emu)().updateDomain(TORQUE, id, { secureAllUrls: true });
    const read = await p.read(id, outs);
    assert.equal(read.inputs?.secureAllUrls, true);
  });

  it("finds the domain it added when the create's answer was lost, without adding it twice", async () => {
    await control(ctx.emu, "POST", "/faults", {
      method: "POST",
      path: "/domains$",
      afterProcessing: true,
      count: 1,
    });
    const { id } = await provider().create({ installId: TORQUE, name: "lost.torque.news" });
    const named = ctx.emu.store.listDomains(TORQUE).filter((d) => d.name === "lost.torque.news");
    assert.deepEqual(
      named.map((d) => d.id),
      [id],
    );
    assert.equal((await requestCounts(ctx.emu))["POST /installs/{install_id}/domains"], 1);
  });

  it("deletes a domain, and treats one already gone, or on a deleted install, as deleted", async () => {
    const p = provider();
    const { id, outs } = await p.create({ installId: TORQUE, name: "gone.torque.news" });
    await p.delete(id, outs);
    await p.delete(id, outs);
    await clientFactory(ctx.emu)().deleteInstall(TORQUE);
    assert.equal(
      (await provider().read(SEED_IDS.torquemagDomainId, { installId: TORQUE, name: "torquemag.io" })).id,
      "",
    );
  });

  describe("a domain that existed before the create", () => {
    it("fails the create naming the field, the domain, its id and the fix, sends no POST and leaves it untouched", async () => {
      const portal = ctx.emu.store.createDomain(TORQUE, {
        name: "portal.torque.news",
        primary: false,
        redirect_to: null,
      });
      const before = JSON.stringify(portal);
      await clearRequests(ctx.emu);
      const err = (await caught(() =>
        provider().create({ installId: TORQUE, name: "portal.torque.news" }),
      )) as Error;
      assert.match(
        err.message,
        new RegExp(
          `wpengine:Domain create of .*name "portal.torque.news" is already a domain of install ${TORQUE} \\(id ${portal.id}\\)`,
        ),
      );
      const fix = `Fix: adopt it into this stack with the \`import\` resource option (\`{ import: "${TORQUE}/${portal.id}" }\`); or choose another name; or leave it out of this program and read it with getDomains({ installId }); or, if nobody needs it, remove it in the WP Engine User Portal.`;
      assert.ok(err.message.includes(fix), err.message);
      assert.deepEqual(await requestCounts(ctx.emu), { [LIST]: 1 }, "no POST");
      assert.equal(JSON.stringify(ctx.emu.store.domain(TORQUE, portal.id)), before);
    });

    it("sends the create once more when the first POST was not processed", async () => {
      await control(ctx.emu, "POST", "/faults", { method: "POST", path: "/domains$", status: 502, count: 1 });
      const { id } = await provider().create({ installId: TORQUE, name: "resent.torque.news" });
      const named = ctx.emu.store.listDomains(TORQUE).filter((d) => d.name === "resent.torque.news");
      assert.deepEqual(
        named.map((d) => d.id),
        [id],
      );
      assert.equal((await requestCounts(ctx.emu))["POST /installs/{install_id}/domains"], 2);
    });
  });
});
