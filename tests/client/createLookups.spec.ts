/**
 * The creates of installs, domains, SSH keys and sites look before they post: what already exists
 * (made in the portal, or by another stack) is never taken over, and after a lost answer only an
 * object that was not there before the POST is taken as the one it made.
 */
import assert from "node:assert/strict";
import { SEED_IDS } from "../../emulator";
import { samplePublicKey } from "../../emulator/publicKeys";
import { AmbiguousWriteError, BadRequestError, collect, type WpEngineClient } from "../../provider/client";
import { AlreadyExistsError } from "../../provider/client/errors";
import { REAL_KEYS } from "../support/sshKeys";
import { caught, clientFor, control, countOf, fault, useEmulator } from "./helpers";

const MAIN = SEED_IDS.mainAccountId;
const TORQUE = SEED_IDS.torquemagInstallId;

describe("creates that look before they post", () => {
  const ctx = useEmulator();
  const minimal = () => ctx.emu.store.config.profile === "minimal";
  const client = (options?: Parameters<typeof clientFor>[1]): WpEngineClient => clientFor(ctx.emu, options);

  /** How many requests of `route` one complete walk of a list takes right now (the log is cleared after). */
  async function walkOf(route: string, list: () => AsyncIterable<unknown>): Promise<number> {
    await control(ctx.emu, "DELETE", "/requests");
    await collect(list());
    const n = await countOf(ctx.emu, route);
    await control(ctx.emu, "DELETE", "/requests");
    return n;
  }

  describe("installs", () => {
    const installsNamed = (name: string) => ctx.emu.store.listInstalls(MAIN).filter((i) => i.name === name);

    it("refuses a name the account already has, naming the install, its id and the fix, and sends no POST", async () => {
      const portal = ctx.emu.store.createInstall({
        name: "portalmade",
        account_id: MAIN,
        site_id: null,
        environment: null,
      });
      const before = JSON.stringify(portal);
      await control(ctx.emu, "DELETE", "/requests");
      const err = await caught(() => client().createInstall({ name: "portalmade", accountId: MAIN }));
      assert.ok(err instanceof AlreadyExistsError, String(err));
      assert.equal(err.existingId, portal.id);
      assert.equal(err.kind, "install");
      assert.match(
        err.message,
        new RegExp(`install "portalmade" already exists in account ${MAIN} \\(id ${portal.id}\\)`),
      );
      assert.match(
        err.message,
        new RegExp(
          `\\{ import: "${portal.id}" \\}.*; or choose another name; or leave it out of this program and read it with getInstall\\(\\{ name \\}\\).*User Portal`,
        ),
      );
      assert.equal(await countOf(ctx.emu, "POST /installs"), 0);
      assert.equal(JSON.stringify(ctx.emu.store.install(portal.id)), before, "the install is untouched");
    });

    it("sends one account list walk before the POST and nothing else", async () => {
      const walk = await walkOf("GET /installs", () => client().listInstalls({ accountId: MAIN }));
      assert.ok(walk >= 2, "the account's installs span pages, so a walk that stops early would show");
      await client().createInstall({ name: "countme", accountId: MAIN });
      const { counts } = (await control(ctx.emu, "GET", "/requests")) as { counts: Record<string, number> };
      assert.deepEqual(counts, { "GET /installs": walk, "POST /installs": 1 });
    });

    it("returns the install its lost answer created, exactly once", async () => {
      await fault(ctx.emu, { method: "POST", path: "^/v1/installs$", afterProcessing: true, count: 1 });
      const install = await client().createInstall({ name: "lostanswer", accountId: MAIN });
      assert.equal(install.name, "lostanswer");
      assert.deepEqual(
        installsNamed("lostanswer").map((i) => i.id),
        [install.id],
      );
      assert.equal(await countOf(ctx.emu, "POST /installs"), 1);
    });

    it("sends the POST once more when the first was not processed", async () => {
      await fault(ctx.emu, { method: "POST", path: "^/v1/installs$", status: 502, count: 1 });
      const install = await client().createInstall({ name: "resent", accountId: MAIN });
      assert.deepEqual(
        installsNamed("resent").map((i) => i.id),
        [install.id],
      );
      assert.equal(await countOf(ctx.emu, "POST /installs"), 2);
    });

    it("leaves a name taken in an account it cannot list to the API's refusal", async () => {
      const hidden = ctx.emu.store.installById(SEED_IDS.hiddenInstallId);
      assert.ok(hidden);
      const err = await caught(() => client().createInstall({ name: hidden.name, accountId: MAIN }));
      assert.ok(err instanceof BadRequestError, String(err));
      assert.equal(await countOf(ctx.emu, "POST /installs"), 1);
    });
  });

  describe("domains", () => {
    const domainsNamed = (name: string) => ctx.emu.store.listDomains(TORQUE).filter((d) => d.name === name);

    it("refuses a host name the install already has, whatever its case, and sends no POST", async () => {
      const portal = ctx.emu.store.createDomain(TORQUE, {
        name: "portal.torque.news",
        primary: false,
        redirect_to: null,
      });
      const before = JSON.stringify(portal);
      await control(ctx.emu, "DELETE", "/requests");
      const err = await caught(() => client().createDomain(TORQUE, { name: "Portal.Torque.NEWS" }));
      assert.ok(err instanceof AlreadyExistsError, String(err));
      assert.equal(err.existingId, portal.id);
      assert.match(
        err.message,
        new RegExp(`domain "portal.torque.news" already exists in install ${TORQUE} \\(id ${portal.id}\\)`),
      );
      assert.match(
        err.message,
        new RegExp(`\\{ import: "${TORQUE}/${portal.id}" \\}.*read it with getDomains`),
      );
      assert.equal(await countOf(ctx.emu, "POST /installs/{install_id}/domains"), 0);
      assert.equal(
        JSON.stringify(ctx.emu.store.domain(TORQUE, portal.id)),
        before,
        "the domain is untouched",
      );
    });

    it("sends one list of the install's domains before the POST and nothing else", async () => {
      await client().createDomain(TORQUE, { name: "count.torque.news" });
      const { counts } = (await control(ctx.emu, "GET", "/requests")) as { counts: Record<string, number> };
      assert.deepEqual(counts, {
        "GET /installs/{install_id}/domains": 1,
        "POST /installs/{install_id}/domains": 1,
      });
    });

    it("returns the domain its lost answer added, exactly once", async () => {
      await fault(ctx.emu, { method: "POST", path: "/domains$", afterProcessing: true, count: 1 });
      const domain = await client().createDomain(TORQUE, { name: "lost.torque.news" });
      assert.deepEqual(
        domainsNamed("lost.torque.news").map((d) => d.id),
        [domain.id],
      );
      assert.equal(await countOf(ctx.emu, "POST /installs/{install_id}/domains"), 1);
    });

    it("sends the POST once more when the first was not processed", async () => {
      await fault(ctx.emu, { method: "POST", path: "/domains$", status: 502, count: 1 });
      const domain = await client().createDomain(TORQUE, { name: "resent.torque.news" });
      assert.deepEqual(
        domainsNamed("resent.torque.news").map((d) => d.id),
        [domain.id],
      );
      assert.equal(await countOf(ctx.emu, "POST /installs/{install_id}/domains"), 2);
    });
  });

  describe("SSH keys", () => {
    const keysWith = (line: string) => ctx.emu.store.listSshKeys().filter((k) => k.public_key === line);
    const { line, md5 } = REAL_KEYS.rsa;

    it("refuses a key the person already has, naming its id and the fix, and sends no POST", async () => {
      const portal = ctx.emu.store.createSshKey(line);
      const before = JSON.stringify(portal);
      await control(ctx.emu, "DELETE", "/requests");
      const err = await caught(() => client().createSshKey(line, md5));
      if (minimal()) {
        // The list shows no fingerprints, so only WP Engine's own refusal can tell.
        assert.ok(err instanceof BadRequestError, String(err));
        assert.equal(await countOf(ctx.emu, "POST /ssh_keys"), 1);
      } else {
        assert.ok(err instanceof AlreadyExistsError, String(err));
        assert.equal(err.existingId, portal.uuid);
        assert.match(err.message, new RegExp(`SSH key "${md5}" already exists .*\\(id ${portal.uuid}\\)`));
        assert.match(
          err.message,
          new RegExp(
            `Fix: adopt it .*\\{ import: "${portal.uuid}" \\}.*; or use another key; or .* getSshKeys\\(\\)`,
          ),
        );
        assert.equal(await countOf(ctx.emu, "POST /ssh_keys"), 0);
      }
      assert.deepEqual(
        keysWith(line).map((k) => JSON.stringify(k)),
        [before],
        "the key is untouched",
      );
    });

    it("sends one list of the keys before the POST and nothing else", async () => {
      await client().createSshKey(line, md5);
      const { counts } = (await control(ctx.emu, "GET", "/requests")) as { counts: Record<string, number> };
      assert.deepEqual(counts, { "GET /ssh_keys": 1, "POST /ssh_keys": 1 });
    });

    it("returns the key its lost answer added, exactly once, asking WP Engine when new keys show no fingerprint", async () => {
      await fault(ctx.emu, { method: "POST", path: "^/v1/ssh_keys$", afterProcessing: true, count: 1 });
      const key = await client().createSshKey(line, md5);
      assert.equal(key.uuid, keysWith(line)[0]?.uuid);
      assert.equal(keysWith(line).length, 1);
      // Without fingerprints, a second POST (refused: the key is there) proves the one new key is it.
      assert.equal(await countOf(ctx.emu, "POST /ssh_keys"), minimal() ? 2 : 1);
    });

    it("claims no key when another new key shows up beside it without a fingerprint, and says what to check", async () => {
      // The POST is held for a while, then processed with its answer lost; meanwhile the same person
      // adds another key (e.g. in the portal).
      await fault(ctx.emu, {
        method: "POST",
        path: "^/v1/ssh_keys$",
        afterProcessing: true,
        latencyMs: 1500,
        count: 1,
      });
      const pending = client()
        .createSshKey(line, md5)
        .then(
          (key) => ({ key }),
          (err: unknown) => ({ err }),
        );
      await new Promise((r) => setTimeout(r, 500));
      ctx.emu.store.createSshKey(samplePublicKey("meanwhile"));
      const outcome = await pending;
      if (minimal()) {
        assert.ok("err" in outcome && outcome.err instanceof AmbiguousWriteError, JSON.stringify(outcome));
        assert.match(outcome.err.message, /2 new key\(s\) without a fingerprint, so it cannot be told which/);
      } else {
        // Fingerprints listed: the key is found by its own.
        assert.ok("key" in outcome, String("err" in outcome && outcome.err));
        assert.equal(outcome.key.uuid, keysWith(line)[0]?.uuid);
      }
      assert.equal(keysWith(line).length, 1, "the key is never added twice");
    });

    it("sends the POST once more when the first was not processed, fingerprints listed or not", async () => {
      // No new key in the second list proves it absent, even when the list shows no fingerprints.
      await fault(ctx.emu, { method: "POST", path: "^/v1/ssh_keys$", status: 502, count: 1 });
      const key = await client().createSshKey(line, md5);
      assert.equal(key.uuid, keysWith(line)[0]?.uuid);
      assert.equal(keysWith(line).length, 1);
      assert.equal(await countOf(ctx.emu, "POST /ssh_keys"), 2);
    });
  });

  describe("sites", () => {
    const sitesNamed = (name: string) => ctx.emu.store.listSites(MAIN).filter((s) => s.name === name);

    it("creates another site of a name the account already has: site names are not unique", async () => {
      const portal = ctx.emu.store.createSite({ name: "Shared", account_id: MAIN });
      const site = await client().createSite({ name: "Shared", accountId: MAIN });
      assert.notEqual(site.id, portal.id);
      assert.equal(sitesNamed("Shared").length, 2);
      assert.equal(await countOf(ctx.emu, "POST /sites"), 1);
    });

    it("after a lost answer takes the one same-named site that was not there before, never the old one", async () => {
      const portal = ctx.emu.store.createSite({ name: "PR 10", account_id: MAIN });
      await fault(ctx.emu, { method: "POST", path: "^/v1/sites$", afterProcessing: true, count: 1 });
      const site = await client().createSite({ name: "PR 10", accountId: MAIN });
      assert.notEqual(site.id, portal.id);
      assert.deepEqual(
        sitesNamed("PR 10")
          .map((s) => s.id)
          .sort(),
        [portal.id, site.id].sort(),
      );
      assert.equal(await countOf(ctx.emu, "POST /sites"), 1);
    });

    it("after a lost answer refuses to choose when two same-named sites appeared meanwhile", async () => {
      // Someone else makes a site of the same name while this create's answer is lost.
      const racing = client({
        onRequest: (event) => {
          if (event.method === "POST" && event.status === undefined && sitesNamed("PR 11").length === 1) {
            ctx.emu.store.createSite({ name: "PR 11", account_id: MAIN });
          }
        },
      });
      await fault(ctx.emu, { method: "POST", path: "^/v1/sites$", afterProcessing: true, count: 1 });
      const err = await caught(() => racing.createSite({ name: "PR 11", accountId: MAIN }));
      assert.ok(err instanceof AmbiguousWriteError, String(err));
      assert.match(err.message, /2 site\(s\) named "PR 11" .*2 of them new since this request started/);
      assert.match(err.message, /adoptSiteId/);
      assert.equal(sitesNamed("PR 11").length, 2);
      assert.equal(await countOf(ctx.emu, "POST /sites"), 1);
    });

    it("sends the POST once more when no new site of that name appeared", async () => {
      const portal = ctx.emu.store.createSite({ name: "PR 12", account_id: MAIN });
      await fault(ctx.emu, { method: "POST", path: "^/v1/sites$", status: 502, count: 1 });
      const site = await client().createSite({ name: "PR 12", accountId: MAIN });
      assert.deepEqual(
        sitesNamed("PR 12")
          .map((s) => s.id)
          .sort(),
        [portal.id, site.id].sort(),
      );
      assert.equal(await countOf(ctx.emu, "POST /sites"), 2);
    });
  });
});
