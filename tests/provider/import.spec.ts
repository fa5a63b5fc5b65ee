/**
 * `{ import: id }` as the providers see it (the create-only input `importId`), through the shared
 * lifecycle of the estate kinds: check reads the object and fails on an id that names nothing or an
 * identity that differs, create adopts with no write or only the in-place change, and afterwards the
 * input never plans a change.
 */
import assert from "node:assert/strict";
import { profileFromEnv, SEED_IDS } from "../../emulator";
import { AccountUserProvider } from "../../provider/resources/accountUser/provider";
import { domainProvider } from "../../provider/resources/domain/provider";
import { installProvider } from "../../provider/resources/install/provider";
import { siteProvider } from "../../provider/resources/site/provider";
import { sshKeyProvider } from "../../provider/resources/sshKey/provider";
import { REAL_KEYS } from "../support/sshKeys";
import { clearRequests, clientFactory, requestCounts, useEmulator } from "./support";

const MAIN = SEED_IDS.mainAccountId;
const TORQUE = SEED_IDS.torquemagInstallId;
const minimal = () => profileFromEnv() === "minimal";

/** Routes of the writes since the last clear. */
async function writesOf(counts: Promise<Record<string, number>>): Promise<string[]> {
  return Object.keys(await counts).filter((r) => !r.startsWith("GET"));
}

describe("provider: { import: id } (importId) on the estate kinds", () => {
  const ctx = useEmulator();
  const installs = () => installProvider(clientFactory(ctx.emu));
  const torque = { accountId: MAIN, name: "torquemag", siteId: SEED_IDS.torqueSiteId };

  it("fails check on an id that names no install, naming the id and the fix, with no write", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    await clearRequests(ctx.emu);
    const res = await installs().check({}, { ...torque, importId: missing });
    assert.equal(res.failures?.[0]?.property, "importId");
    assert.match(
      String(res.failures?.[0]?.reason),
      new RegExp(`names no Install that WP Engine has .*${missing}.*Fix:`),
    );
    assert.deepEqual(await writesOf(requestCounts(ctx.emu)), []);
  });

  it("fails check naming each identity field that differs, with the value WP Engine has", async () => {
    const res = await installs().check({}, { ...torque, name: "torquemagx", importId: TORQUE });
    assert.match(
      String(res.failures?.[0]?.reason),
      /name: the program says "torquemagx", WP Engine has "torquemag"/,
    );
  });

  it("reads nothing at check once the resource exists: the option is inert", async () => {
    await clearRequests(ctx.emu);
    const res = await installs().check({ ...torque, importId: TORQUE }, { ...torque, importId: TORQUE });
    assert.deepEqual(res.failures, []);
    assert.deepEqual(await requestCounts(ctx.emu), {});
  });

  it("adopts an install with no write, keeping the id given in capitals as WP Engine's", async () => {
    const before = JSON.stringify(ctx.emu.store.install(TORQUE));
    const environment = ctx.emu.store.install(TORQUE).environment ?? "production";
    await clearRequests(ctx.emu);
    const { id, outs } = await installs().create({ ...torque, environment, importId: TORQUE.toUpperCase() });
    assert.equal(id, TORQUE);
    assert.equal(outs.name, "torquemag");
    // Minimal answers leave out site and environment: the declared values are sent, not assumed.
    assert.deepEqual(
      await writesOf(requestCounts(ctx.emu)),
      minimal() ? ["PATCH /installs/{install_id}"] : [],
    );
    if (!minimal()) assert.equal(JSON.stringify(ctx.emu.store.install(TORQUE)), before, "untouched");
  });

  it("sends exactly the in-place change an adopted install differs by", async () => {
    await clearRequests(ctx.emu);
    const { outs } = await installs().create({ ...torque, environment: "development", importId: TORQUE });
    assert.equal(outs.environment, "development");
    assert.deepEqual(await writesOf(requestCounts(ctx.emu)), ["PATCH /installs/{install_id}"]);
    assert.equal(ctx.emu.store.install(TORQUE).environment, "development");
  });

  it("plans no change when the option is kept or removed after the import", async () => {
    const olds = { ...torque, environment: "production", importId: TORQUE, deletionProtection: true };
    for (const news of [olds, { ...torque, environment: "production", deletionProtection: true }]) {
      const diff = await installs().diff(TORQUE, olds, news);
      assert.equal(diff.changes, false, JSON.stringify(news));
    }
  });

  it("imports a site only in its own account", async () => {
    const sites = siteProvider(clientFactory(ctx.emu));
    const wrong = await sites.check(
      {},
      { accountId: SEED_IDS.secondAccountId, name: "Torque Magazine", importId: SEED_IDS.torqueSiteId },
    );
    assert.match(String(wrong.failures?.[0]?.reason), /accountId: the program says/);
    const right = await sites.check({}, { accountId: MAIN, name: "Torque", importId: SEED_IDS.torqueSiteId });
    assert.deepEqual(right.failures, []);
  });

  it("imports a domain only as <installId>/<domainId> of the declared install", async () => {
    const domains = domainProvider(clientFactory(ctx.emu));
    const args = { installId: TORQUE, name: "torquemag.io" };
    const bare = await domains.check({}, { ...args, importId: SEED_IDS.torquemagDomainId });
    assert.match(String(bare.failures?.[0]?.reason), /imported as "<installId>\/<domainId>"/);
    const other = await domains.check(
      {},
      { ...args, importId: `${SEED_IDS.torquemagStagingInstallId}/${SEED_IDS.torquemagDomainId}` },
    );
    assert.match(
      String(other.failures?.[0]?.reason),
      /names a domain of install .* but the program declares installId/,
    );
    const ok = await domains.create({ ...args, importId: `${TORQUE}/${SEED_IDS.torquemagDomainId}` });
    assert.equal(ok.id, SEED_IDS.torquemagDomainId);
  });

  it("imports an account user only as <accountId>/<userId> with the declared email, setting the declared role", async () => {
    const users = new AccountUserProvider(clientFactory(ctx.emu));
    const seeded = ctx.emu.store.snapshot().accountUsers.find((u) => u.user_id === SEED_IDS.fullUserId);
    assert.ok(seeded);
    const args = { accountId: MAIN, email: seeded.email, firstName: "F", lastName: "L", roles: "full" };
    const bare = await users.check({}, { ...args, importId: SEED_IDS.fullUserId });
    assert.match(String(bare.failures?.[0]?.reason), /imported as "<accountId>\/<userId>"/);
    const other = await users.check(
      {},
      { ...args, email: "x@example.com", importId: `${MAIN}/${SEED_IDS.fullUserId}` },
    );
    assert.match(
      String(other.failures?.[0]?.reason),
      /email: the program says "x@example.com", WP Engine has/,
    );
    await clearRequests(ctx.emu);
    const { id } = await users.create({ ...args, importId: `${MAIN.toUpperCase()}/${SEED_IDS.fullUserId}` });
    assert.equal(id, SEED_IDS.fullUserId);
    assert.deepEqual(await writesOf(requestCounts(ctx.emu)), [
      "PATCH /accounts/{account_id}/account_users/{user_id}",
    ]);
  });

  it("imports a key only when WP Engine's list shows it has the declared fingerprint", async () => {
    const keys = sshKeyProvider(clientFactory(ctx.emu));
    const seeded = ctx.emu.store.listSshKeys().find((k) => k.uuid === SEED_IDS.sshKeyId);
    assert.ok(seeded);
    const other = await keys.check({}, { publicKey: REAL_KEYS.rsa.line, importId: SEED_IDS.sshKeyId });
    assert.match(
      String(other.failures?.[0]?.reason),
      minimal()
        ? /fingerprint its list does not report/
        : /publicKey: .*WP Engine has the key with fingerprint/,
    );
    const same = await keys.check({}, { publicKey: seeded.public_key, importId: SEED_IDS.sshKeyId });
    assert.equal((same.failures ?? []).length, minimal() ? 1 : 0);
  });
});
