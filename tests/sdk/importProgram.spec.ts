import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import type { AccountUser, Domain, Installation, Site } from "../../provider/client/schemas";
import { type Estate, IMPORT_KINDS } from "../../sdk/importer/estate";
import { renderProgram } from "../../sdk/importer/program";

/** The repository (for its biome binary and configuration). */
const repoRoot = resolve(__dirname, "../../..");
const A = "eeda3227-9a39-46ae-9e14-20958bb4e6c9";
const SITE = "28c78b6d-c2da-4f09-85f5-1ad588089b2d";
const PROD = "294deacc-d8b8-4005-82c4-0727ba8ddde0";
const APEX = "e41fa98f-ea80-4654-b229-a9b765d0863a";
const WWW = "0b8f2f0e-6d7c-4c55-9d57-4a6e1b7d2c11";

function estate(): Estate {
  const site = { id: SITE, name: "Torque Magazine", account: { id: A } } as Site;
  const install = {
    id: PROD,
    name: "torquemag",
    account: { id: A },
    php_version: "8.2",
    site: { id: SITE },
    environment: "production",
  } as Installation;
  const domain = (id: string, name: string, redirect?: string): Domain => ({
    id,
    name,
    duplicate: false,
    primary: redirect === undefined,
    secure_all_urls: false,
    ...(redirect ? { redirects_to: [{ id: redirect, name: "torquemag.io" }] } : {}),
  });
  const user = {
    user_id: "5b1d3f0e-2b7e-4c1e-8e55-0c0b5d9b7a11",
    account_id: A,
    first_name: "Casey",
    last_name: "Dev",
    email: "casey@example.com",
    phone: null,
    invite_accepted: true,
    mfa_enabled: false,
    roles: "partial",
    installs: [{ id: PROD, name: "torquemag" }],
  } as AccountUser;
  return {
    accounts: [
      {
        accountId: A,
        sites: [site],
        installs: [install],
        // The redirecting domain is listed first: it must still come after its target.
        domains: new Map([[PROD, [domain(WWW, "www.torquemag.io", APEX), domain(APEX, "torquemag.io")]]]),
        users: [user],
      },
    ],
    keys: [
      {
        uuid: "8a7c2b10-1d2e-4f3a-9b8c-7d6e5f4a3b2c",
        fingerprint: "27:0f:8e:1b:52:a7:4c:6d:90:3e:15:b2:c8:d4:7a:e1",
        comment: "ci",
      },
      { uuid: "9b8d3c21-2e3f-4a4b-8c9d-8e7f6a5b4c3d", comment: "laptop" },
    ],
  };
}

describe("wpengine-import: the program it writes", () => {
  const all = new Set(IMPORT_KINDS);

  it("declares each object with its import id, referring to the resources it depends on", () => {
    const text = renderProgram(estate(), all);
    assert.ok(
      text.includes(
        `new wpe.Site(\n  "site_torque_magazine",\n  {\n    accountId: "${A}",\n    name: "Torque Magazine",\n  },\n  { import: "${SITE}" },\n);`,
      ),
      text,
    );
    assert.ok(text.includes('    siteId: site_torque_magazine.siteId,\n    environment: "production",\n'));
    assert.ok(text.includes("    redirectTo: domain_torquemag_io.domainId,\n  },\n"));
    assert.ok(text.includes(`  { import: "${PROD}/${WWW}", protect: true },`));
    assert.ok(text.includes("    installIds: [install_torquemag.installId],\n"));
    assert.ok(
      text.indexOf("domain_torquemag_io =") < text.indexOf("domain_www_torquemag_io ="),
      "target first",
    );
    assert.match(
      text,
      /new wpe\.SshKey\(\n {2}"key_ci",\n {2}\{\n {4}fingerprint: "27:0f:8e[0-9a-f:]+",\n {2}\},\n {2}\{ import: "8a7c2b10-[0-9a-f-]+", protect: true \},/,
    );
    assert.match(
      text,
      /^\/\/ new wpe.SshKey\("key_laptop", \{ publicKey: "<the .pub line of 9b8d3c21-[0-9a-f-]+ \(laptop\)>" \}/m,
      "a key listed without a fingerprint cannot be shown to be any key: a comment",
    );
  });

  it("writes what the project's formatter and linter accept unchanged", () => {
    const biome = join(repoRoot, "node_modules/.bin/biome");
    for (const users of ["each", "team"] as const) {
      const text = renderProgram(estate(), all, { users });
      // With stdin, `check --write` prints the program as formatting and lint fixes would leave it.
      const run = spawnSync(biome, ["check", "--write", "--stdin-file-path=index.ts"], {
        cwd: repoRoot,
        input: text,
        encoding: "utf8",
      });
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stdout, text, `users: ${users}: biome would change the program`);
    }
  });

  it("gives the same text for the same estate in any list order", () => {
    const reordered = estate();
    const [account] = reordered.accounts;
    assert.ok(account);
    account.domains.set(PROD, [...(account.domains.get(PROD) ?? [])].reverse());
    assert.equal(renderProgram(reordered, all), renderProgram(estate(), all));
  });

  it("writes only the kinds asked for", () => {
    const text = renderProgram(estate(), new Set(["installs"] as const));
    assert.match(text, /new wpe.Install/);
    assert.doesNotMatch(text, /new wpe.(Site|Domain|AccountUser)/);
    // Without the site resource, the install names its site by id.
    assert.match(text, new RegExp(`siteId: "${SITE}"`));
  });

  it("declares one protected AccountTeam per account with users: team, its members by email", () => {
    const text = renderProgram(estate(), all, { users: "team" });
    assert.doesNotMatch(text, /new wpe.AccountUser/);
    assert.ok(
      text.includes(
        `new wpe.AccountTeam(\n  "team_eeda3227",\n  {\n    accountId: "${A}",\n    members: [\n      {\n        email: "casey@example.com",`,
      ),
      text,
    );
    assert.ok(
      text.includes(
        '        roles: "partial",\n        installIds: [install_torquemag.installId],\n      },\n',
      ),
    );
    assert.ok(text.includes("  { protect: true },\n);"));
  });

  it("makes names unique and valid when WP Engine's names collide", () => {
    const e = estate();
    const [account] = e.accounts;
    assert.ok(account);
    account.sites.push({
      id: "11111111-1111-4111-8111-111111111111",
      name: "Torque  Magazine!",
      account: { id: A },
    } as Site);
    const text = renderProgram(e, new Set(["sites"] as const));
    assert.match(text, /site_torque_magazine = /);
    assert.match(text, /site_torque_magazine_2 = /);
  });
});
