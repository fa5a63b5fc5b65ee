/**
 * Pulumi's own `{ import: id }` resource option on Install, Site, Domain and SshKey, through the real
 * CLI: the engine cannot import into a dynamic resource (pulumi/pulumi#16175), so the SDK classes hand
 * the id to the provider, which reads the object at preview and adopts it at `up`. Per kind: a
 * portal-made object is adopted with no write and the state matches WP Engine; a declared identity
 * that differs fails the preview naming the field and WP Engine's value, with no write; an in-place
 * difference is announced at preview and `up` sends exactly that one request; afterwards the option is
 * inert (kept or removed, no change). This file runs with full and with minimal answers (where an
 * answer leaves out an in-place field, the declared value is sent rather than assumed).
 */
import assert from "node:assert/strict";
import { SEED_IDS } from "../../../emulator";
import { profileFromEnv } from "../../../emulator/profile";
import {
  type E2EStack,
  estateStacks,
  openStack,
  resourcesOf,
  userDisagreements,
  writeRoutes,
} from "../harness";

const MAIN = SEED_IDS.mainAccountId;
const TORQUE = SEED_IDS.torquemagInstallId;

const writes = writeRoutes;

describe("{ import: id } on the estate kinds (real CLI)", function () {
  this.timeout(900_000);
  const stacks = estateStacks();
  const open = stacks.open;

  /** Preview output since `from`, as one text. */
  const since = (st: E2EStack, from: number) => st.output.slice(from).join("");

  /** After an import: the option kept, then removed, plans no change and sends nothing. */
  async function inert(st: E2EStack, key: string, declared: Record<string, unknown>[]): Promise<void> {
    await st.clearRequests();
    await st.preview({ expectNoChanges: true });
    await st.setTestConfig(
      key,
      declared.map(({ opts: _opts, ...rest }) => rest),
    );
    await st.preview({ expectNoChanges: true });
    assert.deepEqual(await writes(st), [], "the option is inert once the object is in the state");
  }

  it("imports a portal-made install by id in capitals: a differing name fails the preview, a differing environment is one PATCH, destroy is refused", async () => {
    const st = await open();
    const install = (name: string, environment: string) => [
      {
        name: "torque",
        args: { accountId: MAIN, name, siteId: SEED_IDS.torqueSiteId, environment },
        opts: { import: TORQUE.toUpperCase() },
      },
    ];
    await st.setTestConfig("installs", install("torquemagx", "production"));
    await st.clearRequests();
    await assert.rejects(st.preview(), (err: Error) => {
      assert.match(err.message, /name: the program says "torquemagx", WP Engine has "torquemag"/);
      return true;
    });
    assert.deepEqual(await writes(st), [], "a refused import writes nothing");

    const declared = install("torquemag", "development");
    await st.setTestConfig("installs", declared);
    const from = st.output.length;
    await st.preview();
    assert.match(
      since(st, from),
      /imported, and `pulumi up` changes it in place: .*environment ("production"|\(not reported\)) -> "development"/,
    );
    await st.clearRequests();
    await st.up();
    assert.deepEqual(await writes(st), ["PATCH /installs/{install_id}"], "exactly the in-place change");
    const [adopted] = resourcesOf(await st.deployment(), "Install");
    assert.equal(adopted?.id, TORQUE);
    assert.equal(st.emulator.store.install(TORQUE).environment, "development");
    assert.deepEqual(await stacks.disagreements(st), []);
    await inert(st, "installs", declared);

    // Imported installs are protected like created ones.
    await st.setTestConfig("installs", declared);
    await st.clearRequests();
    await assert.rejects(st.destroy(), /protect/);
    assert.deepEqual(await writes(st), [], "destroy of an imported production install writes nothing");
  });

  it("imports a portal-made site: another account fails the preview, a new name is one PATCH", async () => {
    const st = await open();
    const site = (accountId: string, name: string) => [
      { name: "torque", args: { accountId, name }, opts: { import: SEED_IDS.torqueSiteId } },
    ];
    await st.setTestConfig("sites", site(SEED_IDS.secondAccountId, "Torque Magazine"));
    await st.clearRequests();
    await assert.rejects(st.preview(), /accountId: the program says "[0-9a-f-]+", WP Engine has/);
    assert.deepEqual(await writes(st), []);

    const declared = site(MAIN, "Torque Magazine (code)");
    await st.setTestConfig("sites", declared);
    await st.clearRequests();
    await st.up();
    assert.deepEqual(await writes(st), ["PATCH /sites/{site_id}"]);
    assert.equal(resourcesOf(await st.deployment(), "Site")[0]?.id, SEED_IDS.torqueSiteId);
    assert.equal(st.emulator.store.site(SEED_IDS.torqueSiteId).name, "Torque Magazine (code)");
    assert.deepEqual(await stacks.disagreements(st), []);
    await inert(st, "sites", declared);
  });

  it("imports a portal-made domain as <installId>/<domainId>: a malformed id or another name fails the preview, a differing HTTPS flag is one PATCH", async () => {
    const st = await open();
    const DOMAIN = SEED_IDS.torquemagDomainId;
    const domain = (importId: string, name: string, secureAllUrls: boolean) => [
      { name: "apex", args: { installId: TORQUE, name, secureAllUrls }, opts: { import: importId } },
    ];
    // A copy: the store hands out its live record, which the PATCH below changes.
    const current = { ...st.emulator.store.domain(TORQUE, DOMAIN) };
    await st.setTestConfig("domains", domain(DOMAIN, "torquemag.io", current.secure_all_urls));
    await st.clearRequests();
    await assert.rejects(st.preview(), /a Domain is imported as "<installId>\/<domainId>"/);
    await st.setTestConfig(
      "domains",
      domain(`${TORQUE}/${DOMAIN}`, "www.torquemag.io", current.secure_all_urls),
    );
    await assert.rejects(
      st.preview(),
      /name: the program says "www.torquemag.io", WP Engine has "torquemag.io"/,
    );
    assert.deepEqual(await writes(st), []);

    const declared = domain(`${TORQUE}/${DOMAIN}`, "TorqueMag.io", !current.secure_all_urls);
    await st.setTestConfig("domains", declared);
    await st.clearRequests();
    await st.up();
    assert.deepEqual(await writes(st), ["PATCH /installs/{install_id}/domains/{domain_id}"]);
    assert.equal(resourcesOf(await st.deployment(), "Domain")[0]?.id, DOMAIN);
    assert.equal(st.emulator.store.domain(TORQUE, DOMAIN).secure_all_urls, !current.secure_all_urls);
    assert.deepEqual(await stacks.disagreements(st), []);
    await inert(st, "domains", declared);
  });

  it("imports a key the person already has, with no write; another key fails the preview naming its fingerprint", async () => {
    const st = await open();
    const existing = st.emulator.store.listSshKeys().find((k) => k.uuid === SEED_IDS.sshKeyId);
    assert.ok(existing);
    const other = st.emulator.store.listSshKeys().length; // keys before: none may be added
    await st.setTestConfig("sshKeys", [
      {
        name: "deploy",
        args: {
          publicKey:
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEJCWe/lUEUqHfWxY4nmfYItIO0dHbQuqv8Oqvy5Jeky dev@example.com",
        },
        opts: { import: SEED_IDS.sshKeyId },
      },
    ]);
    await st.clearRequests();
    if (profileFromEnv() === "minimal") {
      // The list shows no fingerprints: the key cannot be shown to be the declared one, so nothing is adopted.
      await assert.rejects(st.preview(), /publicKey: .*a key whose fingerprint its list does not report/);
      assert.deepEqual(await writes(st), []);
      return;
    }
    await assert.rejects(
      st.preview(),
      /publicKey: the program says .*WP Engine has the key with fingerprint/,
    );
    const declared = [
      { name: "deploy", args: { publicKey: existing.public_key }, opts: { import: SEED_IDS.sshKeyId } },
    ];
    await st.setTestConfig("sshKeys", declared);
    await st.clearRequests();
    await st.up();
    assert.deepEqual(await writes(st), [], "adopting a key sends nothing");
    assert.equal(resourcesOf(await st.deployment(), "SshKey")[0]?.id, SEED_IDS.sshKeyId);
    assert.equal(st.emulator.store.listSshKeys().length, other, "no key added");
    assert.deepEqual(await stacks.disagreements(st), []);
    await inert(st, "sshKeys", declared);
  });
});

describe("{ import: <installId>/<domainId> } on DomainCertificate (real CLI)", function () {
  this.timeout(900_000);
  const stacks = estateStacks();

  it("adopts a portal-ordered certificate with reads only; a domain without one, or another domain, fails the preview", async () => {
    const st = await stacks.open();
    const DOMAIN = SEED_IDS.torquemagDomainId;
    const holder = { email: "jane@example.com", givenName: "Jane", familyName: "Doe", regionCode: "US" };
    const cert = (domainId: string, importId: string) => [
      { name: "tls", args: { installId: TORQUE, domainId, holder }, opts: { import: importId } },
    ];
    await st.setTestConfig("certificates", cert(DOMAIN, `${TORQUE}/${DOMAIN}`));
    await st.clearRequests();
    await assert.rejects(st.preview(), /names no certificate: WP Engine has none for domain/);
    const other = "e41fa98f-ea80-4654-b229-a9b765d0863a";
    await st.setTestConfig("certificates", cert(other, `${TORQUE}/${DOMAIN}`));
    await assert.rejects(st.preview(), /domainId: the program says "[0-9a-f-]+", the import id says/);
    assert.deepEqual(await writes(st), [], "a refused import writes nothing");

    st.emulator.store.orderCertificate(TORQUE, DOMAIN); // ordered in the portal
    const declared = cert(DOMAIN, `${TORQUE.toUpperCase()}/${DOMAIN}`);
    await st.setTestConfig("certificates", declared);
    await st.clearRequests();
    await st.up();
    assert.deepEqual(await writes(st), [], "adopting a certificate orders nothing");
    const [adopted] = resourcesOf(await st.deployment(), "DomainCertificate");
    assert.equal(adopted?.id, DOMAIN);
    assert.equal(adopted?.outputs?.status, "ENABLED", "an unfinished one is waited for, by reads");
    assert.deepEqual(await stacks.disagreements(st), []);
    await st.clearRequests();
    await st.preview({ expectNoChanges: true });
    await st.setTestConfig(
      "certificates",
      declared.map(({ opts: _opts, ...rest }) => rest),
    );
    await st.preview({ expectNoChanges: true });
    assert.deepEqual(await writes(st), [], "the option is inert once the certificate is in the state");
  });
});

describe("{ import: <accountId>/<userId> } on AccountUser (real CLI)", function () {
  this.timeout(900_000);
  let s: E2EStack | undefined;
  afterEach(async () => {
    await s?.dispose();
    s = undefined;
  });

  it("imports a portal-made user: another email fails the preview, other roles are one PATCH, and the option is then inert", async () => {
    const st = await openStack({ program: "team" });
    s = st;
    const seeded = st.emulator.store.snapshot().accountUsers.find((u) => u.user_id === SEED_IDS.fullUserId);
    assert.ok(seeded);
    const user = (email: string, roles: string) => [
      {
        name: "full",
        args: { accountId: MAIN, email, firstName: seeded.first_name, lastName: seeded.last_name, roles },
        opts: { import: `${MAIN.toUpperCase()}/${SEED_IDS.fullUserId}` },
      },
    ];
    await st.setTestConfig("users", user("someone.else@example.com", "full,billing"));
    await st.clearRequests();
    await assert.rejects(st.preview(), /email: the program says "someone.else@example.com", WP Engine has/);
    assert.deepEqual(await writes(st), [], "a refused import writes nothing");

    const declared = user(seeded.email.toUpperCase(), "full");
    await st.setTestConfig("users", declared);
    await st.clearRequests();
    await st.up();
    assert.deepEqual(
      await writes(st),
      ["PATCH /accounts/{account_id}/account_users/{user_id}"],
      "only the role change",
    );
    const [adopted] = resourcesOf(await st.deployment(), "AccountUser");
    assert.equal(adopted?.id, SEED_IDS.fullUserId, "the same person, not a new invitation");
    assert.deepEqual(await userDisagreements(st), []);
    await st.clearRequests();
    await st.preview({ expectNoChanges: true });
    await st.setTestConfig(
      "users",
      declared.map(({ opts: _opts, ...rest }) => rest),
    );
    await st.preview({ expectNoChanges: true });
    assert.deepEqual(await writes(st), [], "the option is inert once the user is in the state");
  });
});
