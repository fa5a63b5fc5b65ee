/**
 * Sites, installs and SSH keys through the real Pulumi CLI: create with one request, a no-op preview with
 * none, in-place change where the API has one, replace where it has not (in the order that keeps
 * access and uniqueness), drift from the portal caught by `preview --refresh`, delete, and bad input
 * refused at preview with zero requests. Every test opens its own stack and emulator, and ends with
 * the state and the emulator compared object by object and a secret scan.
 */
import assert from "node:assert/strict";
import { SEED_IDS } from "../../emulator";
import { samplePublicKey } from "../../emulator/publicKeys";
import { certificateStatus } from "../../emulator/store";
import { REAL_KEYS } from "../support/sshKeys";
import { type E2EStack, estateStacks, occurrences, resourcesOf, secretForms } from "./harness";

const MAIN = SEED_IDS.mainAccountId;

/** One API request as the emulator logged it. */
interface Logged {
  method: string;
  route: string;
}

async function loggedRoutes(s: E2EStack): Promise<string[]> {
  const log = (await s.control("GET", "/requests")) as { requests: Logged[] };
  return log.requests.map((r) => r.route);
}

describe("Site, Install and SshKey through the real Pulumi CLI", function () {
  this.timeout(900_000);
  const stacks = estateStacks();
  const open = stacks.open;

  /** State and WP Engine agree, a refreshed preview sees nothing to do, and no credential leaked. */
  async function agree(stack: E2EStack): Promise<void> {
    assert.deepEqual(await stacks.disagreements(stack), []);
    await stack.preview({ refresh: true, expectNoChanges: true });
    const state = await stack.stateText();
    const output = stack.output.join("");
    for (const secret of secretForms(stack.emulator)) {
      assert.equal(occurrences(state, secret), 0, "a credential is in the state");
      assert.equal(occurrences(output, secret), 0, "a credential is in the CLI output");
    }
  }

  it("creates a site with one request, renames it in place, catches a portal rename, moves it by replacing, deletes it", async () => {
    const st = await open();
    // Unprotected: this test moves the site to another account, which replaces (deletes) it.
    const site = (name: string, accountId: string = MAIN) => [
      { name: "pr", args: { accountId, name, deletionProtection: false } },
    ];
    await st.setTestConfig("sites", site("PR 123"));
    await st.clearRequests();
    await st.up();
    assert.deepEqual(await st.requestCounts(), { "GET /sites": 2, "POST /sites": 1 });
    const [created] = resourcesOf(await st.deployment(), "Site");
    const id = String(created?.id);

    await st.clearRequests();
    await st.preview({ expectNoChanges: true });
    assert.deepEqual(await st.requestCounts(), {}, "a no-op preview makes no request");

    await st.setTestConfig("sites", site("PR 123 (review)"));
    const renamed = await st.up();
    assert.equal(renamed.summary.resourceChanges?.update, 1);
    assert.equal(resourcesOf(await st.deployment(), "Site")[0]?.id, id, "renamed in place, same id");
    assert.equal(st.emulator.store.site(id).name, "PR 123 (review)");
    await agree(st);

    // Someone renames it in the portal: a refreshed preview shows the change back, up restores it.
    await st.api("PATCH", `/sites/${id}`, { name: "Renamed by hand" });
    const drift = await st.preview({ refresh: true });
    assert.equal(drift.changeSummary.update, 1);
    await st.up({ refresh: true });
    assert.equal(st.emulator.store.site(id).name, "PR 123 (review)");

    await st.setTestConfig("sites", site("PR 123 (review)", SEED_IDS.secondAccountId));
    const moved = await st.up();
    assert.equal(moved.summary.resourceChanges?.replace, 1);
    const [replaced] = resourcesOf(await st.deployment(), "Site");
    assert.notEqual(replaced?.id, id);
    assert.equal(replaced?.outputs?.accountId, SEED_IDS.secondAccountId);
    await agree(st);

    await st.destroy();
    assert.deepEqual(await stacks.disagreements(st), []);
    assert.equal(resourcesOf(await st.deployment(), "Site").length, 0);
  });

  it("refuses to destroy an adopted site that still has installs, and keeps it in the state and in WP Engine", async () => {
    const st = await open();
    await st.setTestConfig("sites", [
      {
        name: "torque",
        // Unprotected, so that the guard under test is the one that proves the site has no installs.
        args: {
          accountId: MAIN,
          name: "Torque Magazine",
          adoptSiteId: SEED_IDS.torqueSiteId,
          deletionProtection: false,
        },
      },
    ]);
    await st.clearRequests();
    await st.up();
    assert.deepEqual(
      await st.requestCounts(),
      { "GET /sites/{site_id}": 1 },
      "adopted with one read, not created",
    );
    await st.preview({ expectNoChanges: true });
    assert.equal(resourcesOf(await st.deployment(), "Site")[0]?.id, SEED_IDS.torqueSiteId);
    await assert.rejects(
      st.destroy(),
      /still has 2 install\(s\): torquemag, torquemagstg.*delete those installs first/s,
    );
    assert.equal(resourcesOf(await st.deployment(), "Site")[0]?.id, SEED_IDS.torqueSiteId);
    assert.equal(st.emulator.store.site(SEED_IDS.torqueSiteId).name, "Torque Magazine");
    assert.equal((await loggedRoutes(st)).includes("DELETE /sites/{site_id}"), false, "no DELETE was sent");
  });

  it("creates a site and an install in it (site id unknown at preview), moves the install's environment in place, catches a portal move, replaces a renamed install create-first, destroys both", async () => {
    const st = await open();
    const declare = async (name: string, environment: string) => {
      await st.setTestConfig("sites", [
        { name: "pr", args: { accountId: MAIN, name: "PR 42", deletionProtection: false } },
      ]);
      await st.setTestConfig("installs", [
        {
          name: "web",
          siteRef: "pr",
          args: { accountId: MAIN, name, environment, deletionProtection: false },
        },
      ]);
    };
    await declare("torquepr42", "development");
    await st.clearRequests();
    const preview = await st.preview();
    assert.equal(preview.changeSummary.create, 3, "stack, site and install, with the site id still unknown");
    assert.deepEqual(await st.requestCounts(), {}, "the preview makes no request");
    await st.up();
    assert.deepEqual(await st.requestCounts(), {
      "GET /sites": 2,
      "POST /sites": 1,
      "GET /installs": 2,
      "POST /installs": 1,
    });
    const [install] = resourcesOf(await st.deployment(), "Install");
    const id = String(install?.id);
    assert.equal(install?.outputs?.cname, "torquepr42.wpengine.com");
    await agree(st);

    await st.clearRequests();
    await st.preview({ expectNoChanges: true });
    assert.deepEqual(await st.requestCounts(), {}, "a no-op preview makes no request");

    await declare("torquepr42", "staging");
    await st.clearRequests();
    const moved = await st.up();
    assert.equal(moved.summary.resourceChanges?.update, 1);
    assert.deepEqual(await st.requestCounts(), { "PATCH /installs/{install_id}": 1 });
    assert.equal(resourcesOf(await st.deployment(), "Install")[0]?.id, id, "same install");
    await agree(st);

    // Someone moves it back to development in the portal: a refreshed preview sees it; up restores.
    await st.api("PATCH", `/installs/${id}`, { environment: "development" });
    const drift = await st.preview({ refresh: true });
    assert.equal(drift.changeSummary.update, 1);
    await st.up({ refresh: true });
    assert.equal(st.emulator.store.install(id).environment, "staging");

    // A new name replaces it (deleting the old website), creating the new install first.
    await declare("torquepr42b", "development");
    await st.clearRequests();
    await st.up();
    assert.deepEqual(
      (await loggedRoutes(st)).filter((r) => !r.startsWith("GET /installs")),
      ["POST /installs", "DELETE /installs/{install_id}"],
    );
    await agree(st);

    await st.clearRequests();
    await st.destroy();
    assert.deepEqual(
      (await loggedRoutes(st)).filter((r) => r.startsWith("DELETE")),
      ["DELETE /installs/{install_id}", "DELETE /sites/{site_id}"],
      "the install goes first, so the site is empty when it is deleted",
    );
    assert.deepEqual(await stacks.disagreements(st), []);
  });

  it("adds an SSH key with one write, replaces a new key add-first, records a re-commented key with no request, re-adds one removed in the portal", async () => {
    const st = await open();
    const key = (publicKey: string) => [{ name: "deploy", args: { publicKey } }];
    await st.setTestConfig("sshKeys", key(REAL_KEYS.ed25519.line));
    await st.clearRequests();
    await st.up();
    // One look (is the key there already?) before the one write.
    assert.deepEqual(await st.requestCounts(), { "GET /ssh_keys": 1, "POST /ssh_keys": 1 });
    const [first] = resourcesOf(await st.deployment(), "SshKey");
    assert.equal(first?.outputs?.fingerprint, REAL_KEYS.ed25519.md5);

    await st.clearRequests();
    await st.preview({ expectNoChanges: true });
    assert.deepEqual(await st.requestCounts(), {}, "a no-op preview makes no request");

    // A different key: added before the old one goes, so access never lapses.
    await st.setTestConfig("sshKeys", key(REAL_KEYS.rsa.line));
    await st.clearRequests();
    await st.up();
    assert.deepEqual(
      (await loggedRoutes(st)).filter((r) => r !== "GET /ssh_keys"),
      ["POST /ssh_keys", "DELETE /ssh_keys/{ssh_key_id}"],
    );
    await agree(st);

    // The same key with another comment: the fingerprint is the key's identity, so nothing is
    // deleted or added; the new text is recorded with no request.
    const [rotated] = resourcesOf(await st.deployment(), "SshKey");
    await st.setTestConfig("sshKeys", key(REAL_KEYS.rsa.line.replace("ci@example.com", "ci-runner")));
    await st.clearRequests();
    const recommented = await st.up();
    assert.equal(recommented.summary.resourceChanges?.update, 1);
    assert.deepEqual(await loggedRoutes(st), [], "a comment change sends no request");
    assert.equal(resourcesOf(await st.deployment(), "SshKey")[0]?.id, rotated?.id, "the same key");
    await agree(st);

    // Removed in the portal: a refreshed preview plans to add it back; up does.
    const [current] = resourcesOf(await st.deployment(), "SshKey");
    await st.api("DELETE", `/ssh_keys/${String(current?.id)}`);
    const drift = await st.preview({ refresh: true });
    assert.equal(drift.changeSummary.create, 1);
    await st.up({ refresh: true });
    await agree(st);

    await st.destroy();
    assert.deepEqual(await stacks.disagreements(st), []);
    assert.deepEqual(
      st.emulator.store.listSshKeys().map((k) => k.uuid),
      [SEED_IDS.sshKeyId],
      "only the seeded key is left",
    );
  });

  it("refreshes many SSH keys with one list call and destroys each with one request", async () => {
    const st = await open();
    const lines = [REAL_KEYS.ed25519.line, samplePublicKey("ci-1"), samplePublicKey("ci-2")];
    await st.setTestConfig(
      "sshKeys",
      lines.map((publicKey, i) => ({ name: `key-${i}`, args: { publicKey } })),
    );
    await st.clearRequests();
    await st.up();
    assert.deepEqual(await st.requestCounts(), { "GET /ssh_keys": 3, "POST /ssh_keys": 3 });
    await st.clearRequests();
    await st.refresh();
    assert.deepEqual(await st.requestCounts(), { "GET /ssh_keys": 1 });
    await agree(st);
    await st.clearRequests();
    await st.destroy();
    assert.deepEqual(await st.requestCounts(), { "DELETE /ssh_keys/{ssh_key_id}": 3 });
    assert.deepEqual(await stacks.disagreements(st), []);
  });

  it("copies an install and purges a cache once per trigger value, and neither refresh nor destroy sends anything", async () => {
    const st = await open();
    const declare = async (gitSha: string) => {
      await st.setTestConfig("copies", [
        {
          name: "content",
          args: {
            sourceInstallId: SEED_IDS.torquemagInstallId,
            destinationInstallId: SEED_IDS.torquemagStagingInstallId,
            triggers: { gitSha },
          },
        },
      ]);
      await st.setTestConfig("purges", [
        { name: "after-deploy", args: { installId: SEED_IDS.torquemagInstallId, triggers: { gitSha } } },
      ]);
    };
    const counts = () => st.emulator.store.snapshot();
    await declare("a1");
    await st.clearRequests();
    await st.up();
    assert.deepEqual(await st.requestCounts(), {
      "POST /install_copy": 1,
      "POST /installs/{install_id}/purge_cache": 1,
    });
    await st.clearRequests();
    await st.preview({ expectNoChanges: true });
    await st.refresh();
    await st.up();
    assert.deepEqual(await st.requestCounts(), {}, "same triggers: nothing is sent, not even by a refresh");
    await declare("b2");
    await st.up();
    assert.equal(counts().installCopies.length, 2);
    assert.equal(counts().cachePurges.length, 2);
    await st.clearRequests();
    await st.destroy();
    assert.deepEqual(await st.requestCounts(), {}, "nothing to undo at WP Engine");
  });

  it("adds an install's domains with one request each, refreshes them with one list call, changes primary in place, catches a portal change, replaces a renamed one create-first", async () => {
    const st = await open();
    const TORQUE = SEED_IDS.torquemagInstallId;
    const declare = async (names: string[], primary?: string) => {
      await st.setTestConfig(
        "domains",
        names.map((name, i) => ({
          name: `d${i}`,
          args: {
            installId: TORQUE,
            name,
            secureAllUrls: false,
            ...(name === primary ? { primary: true } : {}),
          },
        })),
      );
    };
    const real = () =>
      st.emulator.store.listDomains(TORQUE).filter((d) => d.id !== SEED_IDS.torquemagDomainId);
    const agreeDomains = async () => {
      const inState = resourcesOf(await st.deployment(), "Domain");
      assert.deepEqual(
        inState.map((r) => [r.id, r.outputs?.name, r.outputs?.primary]).sort(),
        real()
          .map((d) => [d.id, d.name, d.primary])
          .sort(),
        "the state and WP Engine hold the same domains, one by one",
      );
      await st.preview({ refresh: true, expectNoChanges: true });
    };
    await declare(["a.torque.news", "b.torque.news", "c.torque.news"]);
    await st.clearRequests();
    await st.up();
    // One look per domain (is the name taken?) before its one write.
    assert.deepEqual(await st.requestCounts(), {
      "GET /installs/{install_id}/domains": 3,
      "POST /installs/{install_id}/domains": 3,
    });
    await st.clearRequests();
    await st.preview({ expectNoChanges: true });
    assert.deepEqual(await st.requestCounts(), {}, "a no-op preview makes no request");
    await st.refresh();
    assert.deepEqual(
      await st.requestCounts(),
      { "GET /installs/{install_id}/domains": 1 },
      "one list for all three",
    );
    await agreeDomains();

    await declare(["a.torque.news", "b.torque.news", "c.torque.news"], "b.torque.news");
    await st.clearRequests();
    await st.up();
    assert.deepEqual(await st.requestCounts(), { "PATCH /installs/{install_id}/domains/{domain_id}": 1 });
    assert.equal(st.emulator.store.install(TORQUE).primary_domain, "b.torque.news");
    await agreeDomains();

    // Someone turns on HTTPS-everywhere for c in the portal: a refreshed preview sees it; up restores.
    const c = real().find((d) => d.name === "c.torque.news");
    await st.api("PATCH", `/installs/${TORQUE}/domains/${String(c?.id)}`, { secure_all_urls: true });
    const drift = await st.preview({ refresh: true });
    assert.equal(drift.changeSummary.update, 1);
    await st.up({ refresh: true });
    assert.equal(st.emulator.store.domain(TORQUE, String(c?.id)).secure_all_urls, false);

    await declare(["a.torque.news", "b.torque.news", "c2.torque.news"], "b.torque.news");
    await st.clearRequests();
    await st.up();
    assert.deepEqual(
      (await loggedRoutes(st)).filter((r) => !r.startsWith("GET")),
      ["POST /installs/{install_id}/domains", "DELETE /installs/{install_id}/domains/{domain_id}"],
    );
    await agreeDomains();

    await st.clearRequests();
    await st.destroy();
    assert.deepEqual(await st.requestCounts(), { "DELETE /installs/{install_id}/domains/{domain_id}": 3 });
    assert.deepEqual(real(), [], "only the seeded domain is left");
  });

  it("orders a domain's certificate and waits until it is issued, keeping the holder secret and the private key out", async () => {
    const st = await open();
    const TORQUE = SEED_IDS.torquemagInstallId;
    const holder = {
      email: "cert.holder@example.com",
      givenName: "Cert",
      familyName: "Holder",
      regionCode: "US",
      phone: "+1 512 555 0177",
    };
    await st.setTestConfig("domains", [
      { name: "shop", args: { installId: TORQUE, name: "shop.torque.news" } },
    ]);
    // As a user would keep personal data: a secret in the stack config (the program reads it plainly).
    await st.stack.setConfig("test:certificates", {
      value: JSON.stringify([{ name: "shop-tls", domainRef: "shop", args: { installId: TORQUE, holder } }]),
      secret: true,
    });
    await st.clearRequests();
    await st.up();
    const counts = await st.requestCounts();
    assert.equal(counts["POST /installs/{install_id}/domains"], 1);
    assert.equal(counts["POST /installs/{install_id}/domains/{domain_id}/ssl_certificate"], 1, "one order");
    const [cert] = resourcesOf(await st.deployment(), "DomainCertificate");
    assert.equal(cert?.outputs?.status, "ENABLED");
    const state = await st.stateText();
    assert.doesNotMatch(state, /PRIVATE KEY|cert_info/, "the private key never reaches the state");
    for (const personal of [holder.email, holder.phone])
      assert.equal(occurrences(state, personal), 0, `${personal} is secret`);
    await st.clearRequests();
    await st.preview({ expectNoChanges: true });
    await st.up();
    assert.equal(
      (await st.requestCounts())["POST /installs/{install_id}/domains/{domain_id}/ssl_certificate"],
      undefined,
      "no second order",
    );
    await st.destroy();
    assert.match(st.output.join(""), /DomainCertificate of domain .* removed from the Pulumi state only/);
    assert.equal(
      st.emulator.store.listDomains(TORQUE).some((d) => d.name === "shop.torque.news"),
      false,
    );
  });

  it("catches a certificate rejected in the portal with preview --refresh, orders a new one once, and then sees no drift", async () => {
    const st = await open();
    const TORQUE = SEED_IDS.torquemagInstallId;
    const holder = {
      email: "cert.holder@example.com",
      givenName: "Cert",
      familyName: "Holder",
      regionCode: "US",
    };
    await st.setTestConfig("domains", [
      { name: "shop", args: { installId: TORQUE, name: "shop.torque.news" } },
    ]);
    await st.stack.setConfig("test:certificates", {
      value: JSON.stringify([{ name: "shop-tls", domainRef: "shop", args: { installId: TORQUE, holder } }]),
      secret: true,
    });
    await st.up();
    const domain = st.emulator.store.listDomains(TORQUE).find((d) => d.name === "shop.torque.news");
    assert.ok(domain, "the domain was added");
    const ORDER = "POST /installs/{install_id}/domains/{domain_id}/ssl_certificate";

    // In the portal: WP Engine rejects the certificate (e.g. the DNS moved away).
    await st.control("POST", `/certificates/${domain.id}/reject`);
    await st.clearRequests();
    const preview = await st.preview({ refresh: true });
    assert.equal(preview.changeSummary.replace, 1, "the rejected certificate is to be ordered again");
    const atPreview = await st.requestCounts();
    assert.equal(atPreview[ORDER], undefined, "a preview orders nothing");
    assert.equal(atPreview["GET /installs/{install_id}/domains/{domain_id}/ssl_certificate"], 1);

    await st.clearRequests();
    await st.up({ refresh: true });
    assert.equal((await st.requestCounts())[ORDER], 1, "exactly one new order");
    const [cert] = resourcesOf(await st.deployment(), "DomainCertificate");
    assert.equal(cert?.outputs?.status, "ENABLED");
    const [record] = st.emulator.store.listCertificates(TORQUE);
    assert.equal(record === undefined ? "none" : certificateStatus(record), "ENABLED", "WP Engine agrees");
    await agree(st);
    await st.destroy();
  });

  it("refuses bad sites, installs, keys and domains at preview, naming each property, with zero requests", async () => {
    const st = await open();
    await st.setTestConfig("sites", [{ name: "bad", args: { accountId: "acme", name: " " } }]);
    await st.clearRequests();
    await assert.rejects(st.preview(), (err: Error) => {
      assert.match(err.message, /property accountId .*"acme" is not a WP Engine account id/);
      assert.match(err.message, /property name .*name must not be empty/);
      return true;
    });
    await st.setTestConfig("sites", []);
    for (const [publicKey, reason] of [
      ["-----BEGIN OPENSSH PRIVATE KEY-----", /property publicKey .*publicKey holds a PRIVATE key/],
      [REAL_KEYS.rsa.line.slice(0, 90), /property publicKey .*not a valid ssh-rsa key/],
    ] as const) {
      await st.setTestConfig("sshKeys", [{ name: "bad", args: { publicKey } }]);
      await assert.rejects(st.preview(), reason);
      // The private key never reaches the output beyond the engine's echo of the refused value.
    }
    await st.setTestConfig("sshKeys", []);
    await st.setTestConfig("installs", [
      { name: "bad", args: { accountId: SEED_IDS.mainAccountId, name: "Torque-PR-1", environment: "qa" } },
    ]);
    await assert.rejects(st.preview(), (err: Error) => {
      assert.match(err.message, /property name .*3 to 14 lowercase letters and digits/);
      assert.match(err.message, /property environment .*"qa" is not one WP Engine knows/);
      return true;
    });
    await st.setTestConfig("installs", []);
    await st.setTestConfig("domains", [
      { name: "url", args: { installId: SEED_IDS.torquemagInstallId, name: "https://www.torque.news/" } },
    ]);
    await assert.rejects(st.preview(), /property name .*is a URL; give the host name only/);
    assert.deepEqual(await st.requestCounts(), {});
  });
});
