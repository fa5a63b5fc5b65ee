/**
 * The estate never deletes, replaces or takes over what nobody asked it to, through the real Pulumi
 * CLI, with full and with minimal answers (this file runs in the e2e and e2e-minimal suites):
 * - a whole estate whose ids are written in capitals plans nothing on a second `up` and `up --refresh`;
 * - an install, a domain or a key that already exists (made in the portal) is never claimed, whether
 *   the create is refused up front or its answer is lost, and `destroy` leaves it;
 * - a key is rotated add-first, and a refused add leaves the old key in place;
 * - production deleted in the portal and recreated by `up --refresh` is never copied over staging;
 * - a site that still has installs is never deleted, even when its answer leaves them out.
 * Every test starts from the seeded account (portal-made sites, installs, domains and a key) and
 * ends with the state and WP Engine compared object by object.
 */
import assert from "node:assert/strict";
import { SEED_IDS } from "../../../emulator";
import { profileFromEnv } from "../../../emulator/profile";
import { REAL_KEYS } from "../../support/sshKeys";
import { type E2EStack, estateStacks, resourcesOf, writeRoutes } from "../harness";

const MAIN = SEED_IDS.mainAccountId;

const writes = writeRoutes;

describe("estate safety: nothing deleted, replaced or taken over unasked (real CLI)", function () {
  this.timeout(900_000);
  const stacks = estateStacks();
  const open = stacks.open;

  async function agree(stack: E2EStack): Promise<void> {
    assert.deepEqual(await stacks.disagreements(stack), []);
  }

  /**
   * A whole estate: a site, production and staging in it, three domains (one redirecting to
   * another), a certificate, a deploy key, a copy of production to staging and a purge.
   */
  async function declareEstate(st: E2EStack, opts: { off?: boolean; release?: string } = {}): Promise<void> {
    const off = opts.off ? { deletionProtection: false } : {};
    const release = opts.release ?? "r1";
    await st.setTestConfig("sites", [{ name: "shop", args: { accountId: MAIN, name: "Shop", ...off } }]);
    await st.setTestConfig("installs", [
      {
        name: "prod",
        siteRef: "shop",
        args: { accountId: MAIN, name: "shopprod", environment: "production", ...off },
      },
      {
        name: "stg",
        siteRef: "shop",
        args: { accountId: MAIN, name: "shopstg", environment: "staging", ...off },
      },
    ]);
    await st.setTestConfig("domains", [
      { name: "apex", installRef: "prod", args: { name: "shop.example" } },
      { name: "www", installRef: "prod", redirectRef: "apex", args: { name: "www.shop.example" } },
      { name: "staging", installRef: "stg", args: { name: "staging.shop.example" } },
    ]);
    await st.stack.setConfig("test:certificates", {
      value: JSON.stringify([
        {
          name: "apex-tls",
          domainRef: "apex",
          installRef: "prod",
          args: { holder: { email: "tls@example.com", givenName: "T", familyName: "Ls", regionCode: "US" } },
        },
      ]),
      secret: true,
    });
    await st.setTestConfig("sshKeys", [{ name: "deploy", args: { publicKey: REAL_KEYS.ed25519.line } }]);
    await st.setTestConfig("copies", [
      { name: "seed-staging", sourceRef: "prod", destinationRef: "stg", args: { triggers: { release } } },
    ]);
    await st.setTestConfig("purges", [
      { name: "after-deploy", installRef: "prod", args: { triggers: { release } } },
    ]);
  }

  it("plans nothing and writes nothing on a second up and an up --refresh of a whole estate whose ids are written in capitals", async () => {
    const st = await open();
    await st.stack.setConfig("test:upperIds", { value: "true" });
    await declareEstate(st);
    await st.up();
    const d = await st.deployment();
    for (const [kind, n] of [
      ["Site", 1],
      ["Install", 2],
      ["Domain", 3],
      ["DomainCertificate", 1],
      ["SshKey", 1],
      ["InstallCopy", 1],
      ["CachePurge", 1],
    ] as const)
      assert.equal(resourcesOf(d, kind).length, n, `${n} ${kind} in the state`);
    await agree(st);

    await st.clearRequests();
    const again = await st.up({ expectNoChanges: true });
    assert.deepEqual(again.summary.resourceChanges, { same: 11 }, "stack + 10 objects, all unchanged");
    assert.deepEqual(await writes(st), [], "a second up writes nothing");

    const refreshed = await st.up({ refresh: true, expectNoChanges: true });
    assert.deepEqual(refreshed.summary.resourceChanges, { same: 11 });
    assert.deepEqual(await writes(st), [], "an up --refresh writes nothing");
    await st.preview({ refresh: true, expectNoChanges: true });
    await agree(st);
  });

  /** Made in the portal before the stack ever ran: an install, a domain and a key; they count as seed. */
  async function portalMade(st: E2EStack): Promise<void> {
    await st.api("POST", "/installs", { name: "portalmade", account_id: MAIN, environment: "development" });
    await st.api("POST", `/installs/${SEED_IDS.torquemagInstallId}/domains`, { name: "portal.torque.news" });
    await st.api("POST", "/ssh_keys", { public_key: REAL_KEYS.rsa.line });
    stacks.reseed(st);
  }

  it("never claims an install, a domain or an SSH key that exists already: each create is refused with zero writes, and destroy leaves them", async () => {
    const st = await open();
    await portalMade(st);
    const before = st.emulator.store.snapshot();
    const portal = {
      install: before.installs.find((i) => i.name === "portalmade"),
      domain: before.domains.find((x) => x.name === "portal.torque.news"),
      key: before.sshKeys.find((k) => k.fingerprint === REAL_KEYS.rsa.md5),
    };
    assert.ok(portal.install && portal.domain && portal.key);

    // Minimal answers list keys without fingerprints, so only WP Engine's own refusal of the POST
    // (a key is unique per person) can tell; it is sent and refused, and changes nothing.
    const minimal = profileFromEnv() === "minimal";
    const attempts: [string, () => Promise<void>, RegExp, string[]][] = [
      [
        "install",
        () =>
          st.setTestConfig("installs", [
            { name: "web", args: { accountId: MAIN, name: "PortalMade", environment: "development" } },
          ]),
        new RegExp(
          `install portalmade .*failed: name "portalmade" is already an install of account ${MAIN} \\(id ${portal.install.id}\\).*not taken over.*getInstall`,
          "s",
        ),
        [],
      ],
      [
        "domain",
        () =>
          st.setTestConfig("domains", [
            { name: "portal", args: { installId: SEED_IDS.torquemagInstallId, name: "Portal.Torque.News" } },
          ]),
        new RegExp(`domain portal.torque.news.*\\(id ${portal.domain.id}\\).*getDomains`, "s"),
        [],
      ],
      [
        "key",
        () => st.setTestConfig("sshKeys", [{ name: "deploy", args: { publicKey: REAL_KEYS.rsa.line } }]),
        minimal
          ? /POST \/ssh_keys failed: 400 Bad Request/
          : new RegExp(
              `already has this key \\(id ${portal.key.uuid}, fingerprint ${REAL_KEYS.rsa.md5}\\).*getSshKeys`,
              "s",
            ),
        minimal ? ["POST /ssh_keys"] : [],
      ],
    ];
    for (const [what, declare, refusal, sent] of attempts) {
      await st.setTestConfig("installs", []);
      await st.setTestConfig("domains", []);
      await st.setTestConfig("sshKeys", []);
      await declare();
      await st.clearRequests();
      await assert.rejects(st.up(), (err: Error) => {
        assert.match(err.message, refusal);
        return true;
      });
      assert.deepEqual(await writes(st), sent, `no write for the ${what} (beyond a refused one)`);
      assert.deepEqual(st.emulator.store.snapshot().sshKeys, before.sshKeys, "no key added or removed");
      await agree(st);
    }
    await st.setTestConfig("installs", []);
    await st.setTestConfig("domains", []);
    await st.setTestConfig("sshKeys", []);
    await st.destroy();
    const after = st.emulator.store.snapshot();
    assert.deepEqual(
      after.installs.find((i) => i.id === portal.install?.id),
      portal.install,
      "install untouched",
    );
    assert.deepEqual(
      after.domains.find((x) => x.id === portal.domain?.id),
      portal.domain,
      "domain untouched",
    );
    assert.deepEqual(
      after.sshKeys.find((k) => k.uuid === portal.key?.uuid),
      portal.key,
      "key untouched",
    );
    assert.equal((await st.deployment()).resources?.length ?? 0, 0, "nothing in the state");
  });

  it("takes only what its own lost-answer creates made, next to portal-made objects of the kind, and destroy removes only those", async () => {
    const st = await open();
    await portalMade(st);
    const before = st.emulator.store.snapshot();
    // Each create is processed, but its answer never arrives.
    for (const path of ["^/v1/installs$", "^/v1/installs/[^/]+/domains$", "^/v1/ssh_keys$"])
      await st.control("POST", "/faults", { method: "POST", path, afterProcessing: true, count: 1 });
    await st.setTestConfig("installs", [
      {
        name: "web",
        args: { accountId: MAIN, name: "lostanswer", environment: "development", deletionProtection: false },
      },
    ]);
    await st.setTestConfig("domains", [
      { name: "shop", args: { installId: SEED_IDS.torquemagInstallId, name: "lost.torque.news" } },
    ]);
    await st.setTestConfig("sshKeys", [{ name: "deploy", args: { publicKey: REAL_KEYS.ed25519.line } }]);
    await st.clearRequests();
    await st.up();
    const counts = await st.requestCounts();
    assert.equal(counts["POST /installs"], 1, "the install was created once");
    assert.equal(counts["POST /installs/{install_id}/domains"], 1, "the domain was added once");
    // Minimal answers list keys without fingerprints: a second POST, refused as a duplicate, proves
    // that the one new key is this one.
    assert.equal(
      counts["POST /ssh_keys"],
      profileFromEnv() === "minimal" ? 2 : 1,
      "the key was sent again only under minimal answers",
    );
    assert.equal(
      st.emulator.store.snapshot().sshKeys.filter((k) => k.public_key === REAL_KEYS.ed25519.line).length,
      1,
      "the key was added once",
    );
    const d = await st.deployment();
    assert.equal(resourcesOf(d, "Install")[0]?.outputs?.name, "lostanswer");
    assert.equal(resourcesOf(d, "Domain")[0]?.outputs?.name, "lost.torque.news");
    assert.equal(resourcesOf(d, "SshKey")[0]?.outputs?.fingerprint, REAL_KEYS.ed25519.md5);
    await agree(st);

    await st.destroy();
    const after = st.emulator.store.snapshot();
    assert.deepEqual(after.installs, before.installs, "only the stack's install is gone");
    assert.deepEqual(after.domains, before.domains, "only the stack's domain is gone");
    assert.deepEqual(after.sshKeys, before.sshKeys, "only the stack's key is gone");
  });

  it("rotates a deploy key add-first, and keeps the old key when WP Engine refuses the new one", async () => {
    const st = await open();
    const key = (publicKey: string) => st.setTestConfig("sshKeys", [{ name: "deploy", args: { publicKey } }]);
    await key(REAL_KEYS.ed25519.line);
    await st.up();
    const [old] = resourcesOf(await st.deployment(), "SshKey");

    // Rate limited for longer than the client waits: the add fails, and nothing is removed.
    await st.control("POST", "/faults", {
      method: "POST",
      path: "^/v1/ssh_keys$",
      status: 429,
      retryAfter: 0,
    });
    await key(REAL_KEYS.rsa.line);
    await st.clearRequests();
    await assert.rejects(st.up());
    assert.equal(
      (await writes(st)).filter((w) => w.startsWith("DELETE")).length,
      0,
      "the old key was not removed",
    );
    assert.ok(
      st.emulator.store.snapshot().sshKeys.some((k) => k.uuid === old?.id),
      "the old key still works",
    );
    assert.equal(resourcesOf(await st.deployment(), "SshKey")[0]?.id, old?.id, "and is still in the state");
    await agree(st);

    await st.control("DELETE", "/faults");
    await st.clearRequests();
    await st.up();
    assert.deepEqual(
      await writes(st),
      ["POST /ssh_keys", "DELETE /ssh_keys/{ssh_key_id}"],
      "added, then removed",
    );
    assert.equal(resourcesOf(await st.deployment(), "SshKey")[0]?.outputs?.fingerprint, REAL_KEYS.rsa.md5);
    await agree(st);
  });

  it("never copies a production recreated after a portal deletion over staging: up --refresh records the new id and copies nothing", async () => {
    const st = await open();
    await declareEstate(st);
    await st.up();
    const prod = resourcesOf(await st.deployment(), "Install").find((r) => r.outputs?.name === "shopprod");
    const copiesBefore = st.emulator.store.snapshot().installCopies.length;

    // Someone deletes production in the portal (its domains and certificate go with it).
    await st.api("DELETE", `/installs/${String(prod?.id)}`);
    await st.clearRequests();
    await st.up({ refresh: true });
    const sent = await writes(st);
    assert.equal(sent.filter((w) => w === "POST /installs").length, 1, "production is created again");
    assert.deepEqual(
      sent.filter((w) => w.includes("install_copy") || w.includes("purge_cache")),
      [],
      "nothing is copied or purged: the triggers did not change",
    );
    assert.equal(st.emulator.store.snapshot().installCopies.length, copiesBefore);
    const d = await st.deployment();
    const recreated = resourcesOf(d, "Install").find((r) => r.outputs?.name === "shopprod");
    assert.notEqual(recreated?.id, prod?.id);
    const [copy] = resourcesOf(d, "InstallCopy");
    assert.equal(
      String(copy?.outputs?.sourceInstallId).toLowerCase(),
      recreated?.id,
      "the new id is recorded",
    );
    await agree(st);

    // A new triggers value is the user saying "copy now": then it runs, once.
    await declareEstate(st, { release: "r2" });
    await st.clearRequests();
    await st.up();
    assert.equal((await writes(st)).filter((w) => w === "POST /install_copy").length, 1);
  });

  it("refuses to delete a site that still has installs, with zero writes, even when the answer leaves them out", async () => {
    const st = await open();
    await st.setTestConfig("sites", [
      {
        name: "torque",
        args: {
          accountId: MAIN,
          name: "Torque Magazine",
          adoptSiteId: SEED_IDS.torqueSiteId,
          deletionProtection: false,
        },
      },
    ]);
    await st.up();
    await st.clearRequests();
    // Minimal answers leave out the site's installs and each install's site: undecidable, so refused.
    await assert.rejects(
      st.destroy(),
      profileFromEnv() === "minimal"
        ? /does not say which installs belong to site "Torque Magazine".*did not delete it/s
        : /still has 2 install\(s\): torquemag, torquemagstg/,
    );
    assert.deepEqual(await writes(st), [], "no DELETE was sent");
    assert.equal(
      resourcesOf(await st.deployment(), "Site")[0]?.id,
      SEED_IDS.torqueSiteId,
      "still in the state",
    );
    assert.equal(
      st.emulator.store.listInstalls(MAIN).filter((i) => i.site_id === SEED_IDS.torqueSiteId).length,
      2,
    );
    await agree(st);
  });
});
