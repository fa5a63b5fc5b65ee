import assert from "node:assert/strict";
import { type RunningEmulator, SEED_IDS } from "../../emulator";
import { obj, objs, startTestEmulator, type TestClient } from "../emulator/client";
import { ContractValidator } from "../support/swagger";

/** The quick start guide's requests, in order, with the shapes it shows. */
describe("contract: the quick start guide runs against the emulator", () => {
  const validator = new ContractValidator(undefined, { strictAdditional: true });
  let emulator: RunningEmulator;
  let client: TestClient;
  before(async () => {
    ({ emulator, client } = await startTestEmulator());
  });
  after(() => emulator.close());

  it("lists sites, reads Torque Magazine, lists installs, backs up torquemag, adds John Doe and polls the backup", async () => {
    // Step 2: list sites.
    const sites = await client.api("GET", "/sites");
    assert.equal(sites.status, 200);
    const siteList = obj(sites.body);
    assert.deepEqual(Object.keys(siteList).sort(), ["count", "next", "previous", "results"]);
    assert.equal(siteList.count, 225);
    assert.equal(typeof siteList.next, "string");
    const first = objs(siteList.results)[0];
    assert.equal(first?.id, "28c78b6d-c2da-4f09-85f5-1ad588089b2d");
    assert.equal(first?.name, "Torque Magazine");
    assert.deepEqual(first?.account, { id: "eeda3227-9a39-46ae-9e14-20958bb4e6c9" });
    assert.deepEqual(first?.tags, ["production"]);
    assert.ok(Array.isArray(first?.installs));

    // Step 3: get the site.
    const site = await client.api("GET", "/sites/28c78b6d-c2da-4f09-85f5-1ad588089b2d");
    assert.equal(site.status, 200);
    assert.deepEqual(site.body, first);
    assert.deepEqual(validator.validate("/sites/{site_id}", "GET", 200, site.body), []);

    // Step 4: list installs.
    const installs = await client.api("GET", "/installs");
    assert.equal(installs.status, 200);
    const installList = obj(installs.body);
    assert.equal(installList.count, 225);
    const torquemag = objs(installList.results)[0];
    assert.equal(torquemag?.id, "294deacc-d8b8-4005-82c4-0727ba8ddde0");
    assert.equal(torquemag?.name, "torquemag");
    assert.deepEqual(torquemag?.account, { id: "eeda3227-9a39-46ae-9e14-20958bb4e6c9" });
    assert.equal(torquemag?.php_version, "7.0");
    assert.equal(torquemag?.status, "active");
    assert.equal(torquemag?.cname, "mywebsite.wpengine.com");

    // Step 5: create a backup.
    const backup = await client.api("POST", "/installs/294deacc-d8b8-4005-82c4-0727ba8ddde0/backups", {
      json: { description: "Quick start backup example", notification_emails: ["your-email@example.com"] },
    });
    assert.equal(backup.status, 202);
    const created = obj(backup.body);
    assert.deepEqual(Object.keys(created).sort(), ["id", "status"]);
    assert.equal(created.status, "requested");
    assert.match(String(created.id), /^[0-9a-f-]{36}$/);

    // Step 6: create an account user.
    const user = await client.api("POST", "/accounts/eeda3227-9a39-46ae-9e14-20958bb4e6c9/account_users", {
      json: {
        user: {
          account_id: "eeda3227-9a39-46ae-9e14-20958bb4e6c9",
          first_name: "John",
          last_name: "Doe",
          email: "john.doe@example.com",
          roles: "partial",
        },
      },
    });
    assert.equal(user.status, 201);
    const userBody = obj(user.body);
    assert.equal(userBody.message, "Your change was successful.");
    const accountUser = obj(userBody.account_user);
    assert.equal(accountUser.account_id, "eeda3227-9a39-46ae-9e14-20958bb4e6c9");
    assert.equal(accountUser.first_name, "John");
    assert.equal(accountUser.last_name, "Doe");
    assert.equal(accountUser.email, "john.doe@example.com");
    assert.equal(accountUser.phone, null);
    assert.equal(accountUser.invite_accepted, false);
    assert.equal(accountUser.mfa_enabled, false);
    assert.equal(accountUser.roles, "partial");
    assert.deepEqual(validator.validate("/accounts/{account_id}/account_users", "POST", 201, user.body), []);

    // Step 7: check the backup status.
    const status = await client.api(
      "GET",
      `/installs/294deacc-d8b8-4005-82c4-0727ba8ddde0/backups/${String(created.id)}`,
    );
    assert.equal(status.status, 200);
    assert.deepEqual(status.body, { id: created.id, status: "requested" });
  });

  it("answers the quick start's common errors with a message: 401, 403 and 404", async () => {
    const unauth = await client.api("GET", "/sites", { auth: false });
    assert.equal(unauth.status, 401);
    assert.equal(typeof obj(unauth.body).message, "string");
    const notFound = await client.api("GET", "/sites/00000000-0000-4000-8000-000000000000");
    assert.equal(notFound.status, 404);
    assert.equal(typeof obj(notFound.body).message, "string");
    const forbidden = await client.api("GET", `/sites/${SEED_IDS.hiddenSiteId}`);
    assert.equal(forbidden.status, 403);
    assert.equal(typeof obj(forbidden.body).message, "string");
  });
});
