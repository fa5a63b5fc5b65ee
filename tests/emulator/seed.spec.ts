import assert from "node:assert/strict";
import { defaultSeed, parseSeed, SEED_COUNTS, SEED_IDS, SEED_OWNER_EMAIL, SeedError } from "../../emulator";

describe("emulator default seed", () => {
  it("is deterministic and JSON-serializable", () => {
    const a = defaultSeed();
    const b = defaultSeed();
    assert.deepEqual(a, b);
    assert.notEqual(a.sites, b.sites, "each call builds fresh objects");
    assert.deepEqual(JSON.parse(JSON.stringify(a)), a);
    assert.deepEqual(parseSeed(JSON.parse(JSON.stringify(a))), a);
  });

  it("contains the quick start's account, site and install", () => {
    const seed = defaultSeed();
    const site = seed.sites.find((s) => s.id === "28c78b6d-c2da-4f09-85f5-1ad588089b2d");
    assert.equal(site?.name, "Torque Magazine");
    assert.deepEqual(site?.tags, ["production"]);
    assert.equal(site?.account_id, "eeda3227-9a39-46ae-9e14-20958bb4e6c9");
    const install = seed.installs.find((i) => i.id === "294deacc-d8b8-4005-82c4-0727ba8ddde0");
    assert.equal(install?.name, "torquemag");
    assert.equal(install?.environment, "production");
    assert.equal(install?.cname, "mywebsite.wpengine.com");
    assert.equal(install?.php_version, "7.0");
    assert.equal(install?.status, "active");
    assert.equal(SEED_IDS.mainAccountId, "eeda3227-9a39-46ae-9e14-20958bb4e6c9");
  });

  it("has exactly 225 visible sites and 225 visible installs, and a hidden account with a few", () => {
    const seed = defaultSeed();
    const visible = new Set(seed.apiUser.account_ids);
    assert.equal(visible.size, 2);
    assert.equal(visible.has(SEED_IDS.hiddenAccountId), false);
    assert.equal(seed.sites.filter((s) => visible.has(s.account_id)).length, SEED_COUNTS.visibleSites);
    assert.equal(seed.installs.filter((i) => visible.has(i.account_id)).length, SEED_COUNTS.visibleInstalls);
    assert.equal(SEED_COUNTS.visibleSites, 225);
    assert.equal(SEED_COUNTS.visibleInstalls, 225);
    const hiddenSites = seed.sites.filter((s) => s.account_id === SEED_IDS.hiddenAccountId).length;
    assert.ok(hiddenSites > 0 && hiddenSites < 10);
    assert.ok(
      seed.installs.some(
        (i) => i.id === SEED_IDS.hiddenInstallId && i.account_id === SEED_IDS.hiddenAccountId,
      ),
    );
  });

  it("gives installs unique names that match the documented pattern, over all three environments", () => {
    const seed = defaultSeed();
    const names = seed.installs.map((i) => i.name);
    assert.equal(new Set(names).size, names.length);
    for (const name of names) assert.match(name, /^[a-z][a-z0-9]{2,13}$/);
    const envs = new Set(seed.installs.map((i) => i.environment));
    assert.deepEqual([...envs].sort(), ["development", "production", "staging"]);
  });

  it("gives each visible account one owner and a partial user with installs; the main owner is the API user", () => {
    const seed = defaultSeed();
    for (const accountId of seed.apiUser.account_ids) {
      const users = seed.accountUsers.filter((u) => u.account_id === accountId);
      assert.equal(users.filter((u) => u.roles === "owner").length, 1, accountId);
      assert.ok(users.length >= 3, accountId);
      assert.ok(
        users.some((u) => u.roles.startsWith("partial") && u.install_ids.length > 0),
        accountId,
      );
    }
    const owner = seed.accountUsers.find((u) => u.user_id === SEED_IDS.ownerUserId);
    assert.equal(owner?.account_id, SEED_IDS.mainAccountId);
    assert.equal(owner?.roles, "owner");
    assert.equal(owner?.email, SEED_OWNER_EMAIL);
    assert.equal(seed.apiUser.id, SEED_IDS.ownerUserId);
    assert.equal(seed.apiUser.email, SEED_OWNER_EMAIL);
  });

  it("refuses seeds with dangling references, bad roles or duplicate install names", () => {
    const dangling = defaultSeed();
    dangling.sites[0] = { ...dangling.sites[0]!, account_id: "00000000-0000-4000-8000-000000000000" };
    assert.throws(() => parseSeed(dangling), SeedError);

    const badRole = JSON.parse(JSON.stringify(defaultSeed())) as { accountUsers: Array<{ roles: string }> };
    badRole.accountUsers[0]!.roles = "billing, partial";
    assert.throws(() => parseSeed(badRole), /roles/);

    const dup = defaultSeed();
    dup.installs[1] = { ...dup.installs[1]!, name: dup.installs[0]!.name };
    assert.throws(() => parseSeed(dup), /duplicate install name/);

    assert.throws(() => parseSeed({}), SeedError);
    assert.throws(() => parseSeed(null), SeedError);
  });
});
