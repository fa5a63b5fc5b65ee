import assert from "node:assert/strict";
import { SEED_IDS } from "../../emulator";
import { obj, objs, useTestEmulator } from "./client";

const MAIN = SEED_IDS.mainAccountId;

describe("emulator sites: create, rename, delete", () => {
  const t = useTestEmulator();

  async function create(name: string, accountId = MAIN): Promise<Record<string, unknown>> {
    const res = await t.client.api("POST", "/sites", { json: { name, account_id: accountId } });
    assert.equal(res.status, 201, res.text);
    return obj(res.body);
  }

  it("creates a site in the account with no installs, and lists it under the account", async () => {
    const site = await create("PR 123");
    assert.deepEqual(obj(site.account), { id: MAIN });
    assert.deepEqual(site.installs, []);
    const listed = objs(
      obj((await t.client.api("GET", `/sites?account_id=${MAIN}&limit=100&offset=150`)).body).results,
    );
    assert.ok(listed.some((s) => s.id === site.id));
  });

  it("allows two sites of the same name (WP Engine names are not unique)", async () => {
    const a = await create("Twin");
    const b = await create("Twin");
    assert.notEqual(a.id, b.id);
  });

  it("renames a site in place and keeps its id and installs", async () => {
    const res = await t.client.api("PATCH", `/sites/${SEED_IDS.torqueSiteId}`, {
      json: { name: "Torque Weekly" },
    });
    assert.equal(res.status, 200);
    const site = obj(res.body);
    assert.equal(site.name, "Torque Weekly");
    assert.equal(site.id, SEED_IDS.torqueSiteId);
    assert.equal((site.installs as unknown[]).length, 2);
  });

  it("refuses a rename with anything but a name", async () => {
    const res = await t.client.api("PATCH", `/sites/${SEED_IDS.torqueSiteId}`, {
      json: { name: "x", account_id: SEED_IDS.secondAccountId },
    });
    assert.equal(res.status, 400);
    assert.match(res.text, /account_id is not a recognized field/);
  });

  it("refuses to delete a site while it has installs, naming them", async () => {
    const res = await t.client.api("DELETE", `/sites/${SEED_IDS.torqueSiteId}`);
    assert.equal(res.status, 400);
    assert.match(res.text, /still has installs \(torquemag, torquemagstg\)/);
    assert.equal((await t.client.api("GET", `/sites/${SEED_IDS.torqueSiteId}`)).status, 200);
  });

  it("deletes an empty site; a second delete answers 404", async () => {
    const site = await create("Short-lived");
    assert.equal((await t.client.api("DELETE", `/sites/${String(site.id)}`)).status, 204);
    assert.equal((await t.client.api("GET", `/sites/${String(site.id)}`)).status, 404);
    assert.equal((await t.client.api("DELETE", `/sites/${String(site.id)}`)).status, 404);
  });

  it("refuses a site in an account the credentials cannot use (403)", async () => {
    const res = await t.client.api("POST", "/sites", {
      json: { name: "x", account_id: SEED_IDS.hiddenAccountId },
    });
    assert.equal(res.status, 403);
  });
});
