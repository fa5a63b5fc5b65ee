import assert from "node:assert/strict";
import { type RunningEmulator, SEED_IDS } from "../../emulator";
import { obj, objs, startTestEmulator, type TestClient } from "../emulator/client";
import { quickStartFacts, quickStartStep } from "../support/quickStart";
import { ContractValidator } from "../support/swagger";

/**
 * The quick start guide's requests, in order, with the shapes it shows. The requests and example
 * responses come from the guide itself when it is available, else from its committed facts
 * (tests/contract/quickstart.facts.json).
 */
describe("contract: the quick start guide runs against the emulator", () => {
  const validator = new ContractValidator(undefined, { strictAdditional: true });
  const guide = quickStartFacts();
  let emulator: RunningEmulator;
  let client: TestClient;
  before(async () => {
    ({ emulator, client } = await startTestEmulator());
  });
  after(() => emulator.close());

  /** The example's fields, each equal in the answer (the answer may carry more). */
  function assertShows(actual: unknown, example: unknown, what: string) {
    for (const [key, value] of Object.entries(obj(example))) {
      assert.deepEqual(obj(actual)[key], value, `${what}.${key}`);
    }
  }

  it("lists sites, reads Torque Magazine, lists installs, backs up torquemag, adds John Doe and polls the backup", async () => {
    // Step 2: list sites.
    const listSites = quickStartStep(guide, "GET", /^\/sites$/);
    const sites = await client.api("GET", listSites.path);
    assert.equal(sites.status, 200);
    const siteList = obj(sites.body);
    assert.deepEqual(Object.keys(siteList).sort(), Object.keys(listSites.response).sort());
    assert.equal(siteList.count, listSites.response.count);
    assert.equal(typeof siteList.next, "string");
    const first = objs(siteList.results)[0];
    const { installs: _exampleInstalls, ...exampleSite } = obj(objs(listSites.response.results)[0]);
    assertShows(first, exampleSite, "sites[0]");
    assert.ok(Array.isArray(first?.installs));

    // Step 3: get the site.
    const getSite = quickStartStep(guide, "GET", /^\/sites\/[^/]+$/);
    const site = await client.api("GET", getSite.path);
    assert.equal(site.status, 200);
    assert.deepEqual(site.body, first);
    const { installs: _installs, ...shownSite } = getSite.response;
    assertShows(site.body, shownSite, "site");
    assert.deepEqual(validator.validate("/sites/{site_id}", "GET", 200, site.body), []);

    // Step 4: list installs.
    const listInstalls = quickStartStep(guide, "GET", /^\/installs$/);
    const installs = await client.api("GET", listInstalls.path);
    assert.equal(installs.status, 200);
    const installList = obj(installs.body);
    assert.equal(installList.count, listInstalls.response.count);
    assertShows(objs(installList.results)[0], objs(listInstalls.response.results)[0], "installs[0]");

    // Step 5: create a backup.
    const createBackup = quickStartStep(guide, "POST", /^\/installs\/[^/]+\/backups$/);
    const backup = await client.api("POST", createBackup.path, { json: createBackup.body });
    assert.equal(backup.status, 202);
    const created = obj(backup.body);
    assert.deepEqual(Object.keys(created).sort(), Object.keys(createBackup.response).sort());
    assert.equal(created.status, createBackup.response.status);
    assert.match(String(created.id), /^[0-9a-f-]{36}$/);

    // Step 6: create an account user.
    const createUser = quickStartStep(guide, "POST", /^\/accounts\/[^/]+\/account_users$/);
    const user = await client.api("POST", createUser.path, { json: createUser.body });
    assert.equal(user.status, 201);
    const userBody = obj(user.body);
    assert.equal(userBody.message, createUser.response.message);
    const { user_id: _exampleId, ...shownUser } = obj(createUser.response.account_user);
    assertShows(userBody.account_user, shownUser, "account_user");
    assert.match(String(obj(userBody.account_user).user_id), /^[0-9a-f-]{36}$/);
    assert.deepEqual(validator.validate("/accounts/{account_id}/account_users", "POST", 201, user.body), []);

    // Step 7: check the backup status (of the backup created above, not the guide's example id).
    const showBackup = quickStartStep(guide, "GET", /^\/installs\/[^/]+\/backups\/[^/]+$/);
    const status = await client.api("GET", showBackup.path.replace(/[^/]+$/, String(created.id)));
    assert.equal(status.status, 200);
    assert.deepEqual(status.body, { id: created.id, status: showBackup.response.status });
  });

  it("answers the quick start's common errors with a message: 401, 403 and 404", async () => {
    const listed = guide.errors.map((e) => e.status);
    for (const code of [401, 403, 404]) assert.ok(listed.includes(code), `the guide lists ${code}`);
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
