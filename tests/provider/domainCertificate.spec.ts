import assert from "node:assert/strict";
import { profileFromEnv, SEED_IDS } from "../../emulator";
import type { PollOptions } from "../../provider/resources/backup/provider";
import { DomainCertificateProvider } from "../../provider/resources/domainCertificate/provider";
import { caught, clearRequests, clientFactory, control, requestCounts, useEmulator } from "./support";

const TORQUE = SEED_IDS.torquemagInstallId;
const DOMAIN = SEED_IDS.torquemagDomainId;
const ORDER = "POST /installs/{install_id}/domains/{domain_id}/ssl_certificate";
const READ = "GET /installs/{install_id}/domains/{domain_id}/ssl_certificate";
const HOLDER = {
  email: "jane@example.com",
  givenName: "Jane",
  familyName: "Doe",
  regionCode: "us",
  phone: "+1 512 555 0199",
};
const FAST: PollOptions = {
  initialMs: 1,
  maxMs: 5,
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  now: () => Date.now(),
};

describe("provider: DomainCertificate", () => {
  const ctx = useEmulator();
  const provider = (poll: PollOptions = FAST) => new DomainCertificateProvider(clientFactory(ctx.emu), poll);
  const inputs = { installId: TORQUE, domainId: DOMAIN, holder: HOLDER };

  it("names bad holder details at check, without a request", async () => {
    await clearRequests(ctx.emu);
    const res = await provider().check(
      {},
      { installId: TORQUE, domainId: DOMAIN, holder: { ...HOLDER, regionCode: "USA" } },
    );
    assert.match(String(res.failures?.[0]?.reason), /two-letter country code/);
    const ok = await provider().check({}, inputs);
    const holder = (ok.inputs?.holder ?? {}) as { regionCode?: string };
    assert.equal(holder.regionCode, "US");
    assert.deepEqual(await requestCounts(ctx.emu), {});
  });

  it("orders once and waits with backoff until WP Engine reports it ENABLED", async () => {
    await clearRequests(ctx.emu);
    const { id, outs } = await provider().create(inputs);
    assert.equal(id, DOMAIN);
    assert.equal(outs.status, "ENABLED");
    if (profileFromEnv() !== "minimal") assert.equal(outs.commonName, "torquemag.io");
    const counts = await requestCounts(ctx.emu);
    assert.equal(counts[ORDER], 1);
    assert.equal(counts[READ], 3, "SUBMITTED, SUBMITTED, ENABLED");
  });

  it("never keeps the private key WP Engine answers beside the certificate", async () => {
    const { outs } = await provider().create(inputs);
    const read = await provider().read(DOMAIN, outs);
    assert.doesNotMatch(JSON.stringify([outs, read]), /PRIVATE KEY|cert_info/);
  });

  it("records a rejected certificate and orders a new one on the next up", async () => {
    const p = provider();
    const waiting = await p.create({ ...inputs, waitForIssue: false });
    await control(ctx.emu, "POST", `/certificates/${DOMAIN}/reject`);
    const err = (await caught(() => p.update(DOMAIN, waiting.outs, inputs))) as Error & {
      id?: string;
      properties?: Record<string, unknown>;
    };
    assert.match(err.message, /is REJECTED at WP Engine.*the next `pulumi up` orders a new one/);
    assert.equal(err.id, DOMAIN);
    assert.equal(err.properties?.status, "REJECTED");
    const checked = (await p.check({}, inputs)).inputs ?? {};
    const d = await p.diff(DOMAIN, err.properties ?? {}, checked);
    assert.deepEqual(d.replaces, ["status"]);
  });

  it("keeps a timed-out order in the state and resumes it without a second order", async () => {
    let t = Date.UTC(2026, 0, 1);
    const virtual: PollOptions = {
      initialMs: 60_000,
      maxMs: 60_000,
      sleep: async (ms) => {
        t += ms;
      },
      now: () => t,
    };
    const err = (await caught(() => provider(virtual).create({ ...inputs, timeoutMinutes: 1 }))) as Error & {
      properties?: Record<string, unknown>;
    };
    assert.match(err.message, /still "SUBMITTED" after 1 minutes.*resumes waiting/);
    await clearRequests(ctx.emu);
    const resumed = await provider().update(DOMAIN, err.properties ?? {}, inputs);
    assert.equal(resumed.outs?.status, "ENABLED");
    assert.equal((await requestCounts(ctx.emu))[ORDER], undefined, "no second order");
  });

  it("reads a domain without a certificate as gone", async () => {
    assert.equal((await provider().read(DOMAIN, { installId: TORQUE })).id, "");
  });

  describe("{ import: <installId>/<domainId> }", () => {
    const importing = { ...inputs, importId: `${TORQUE.toUpperCase()}/${DOMAIN}` };

    it("fails the preview naming the missing certificate, with no write", async () => {
      await clearRequests(ctx.emu);
      const res = await provider().check({}, importing);
      assert.equal(res.failures?.[0]?.property, "importId");
      assert.match(String(res.failures?.[0]?.reason), /names no certificate: WP Engine has none for domain/);
      const counts = await requestCounts(ctx.emu);
      assert.deepEqual(Object.keys(counts), [READ]);
    });

    it("fails the preview on a malformed id or one naming another domain, before any request", async () => {
      await clearRequests(ctx.emu);
      const bad = await provider().check({}, { ...inputs, importId: DOMAIN });
      assert.match(String(bad.failures?.[0]?.reason), /imported as "<installId>\/<domainId>"/);
      const other = await provider().check({}, { ...inputs, importId: `${TORQUE}/${SEED_IDS.sshKeyId}` });
      assert.match(
        String(other.failures?.[0]?.reason),
        /domainId: the program says "[0-9a-f-]+", the import id says/,
      );
      assert.deepEqual(await requestCounts(ctx.emu), {});
    });

    it("adopts a portal-ordered certificate with reads only, holder as declared", async () => {
      ctx.emu.store.orderCertificate(TORQUE, DOMAIN);
      await clearRequests(ctx.emu);
      const p = provider();
      const checked = await p.check({}, importing);
      assert.deepEqual(checked.failures ?? [], []);
      const { id, outs } = await p.create(checked.inputs ?? {});
      assert.equal(id, DOMAIN);
      assert.equal(outs.orderedAt, null);
      assert.deepEqual(outs.holder, { ...HOLDER, regionCode: "US" });
      assert.deepEqual(Object.keys(await requestCounts(ctx.emu)), [READ], "reads only");
      const without = await p.check(outs, inputs);
      const later = await p.diff(DOMAIN, outs, without.inputs ?? {});
      assert.deepEqual(later.replaces, [], "the option is inert once adopted");
    });
  });
});
