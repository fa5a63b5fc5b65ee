import assert from "node:assert/strict";
import { SEED_IDS } from "../../emulator";
import { obj, useTestEmulator } from "./client";

const MAIN = SEED_IDS.mainAccountId;
const TORQUE_SITE = SEED_IDS.torqueSiteId;

describe("emulator installs: create, move, delete", () => {
  const t = useTestEmulator();
  const create = (json: Record<string, unknown>) => t.client.api("POST", "/installs", { json });

  it("creates an install with its WP Engine host name, in an empty environment of a site", async () => {
    const res = await create({
      name: "torquedev",
      account_id: MAIN,
      site_id: TORQUE_SITE,
      environment: "development",
    });
    assert.equal(res.status, 201, res.text);
    const install = obj(res.body);
    assert.equal(install.cname, "torquedev.wpengine.com");
    assert.deepEqual(install.site, { id: TORQUE_SITE });
  });

  it("keeps install names unique across all of WP Engine, hidden accounts included", async () => {
    const hiddenName = t.emulator.store
      .snapshot()
      .installs.find((i) => i.account_id === SEED_IDS.hiddenAccountId)?.name;
    const res = await create({ name: String(hiddenName), account_id: MAIN });
    assert.equal(res.status, 400);
    assert.match(res.text, /already taken/);
  });

  it("refuses names WP Engine does not allow", async () => {
    for (const name of ["ab", "Torque", "1torque", "torque-mag", "abcdefghijklmno"]) {
      assert.equal((await create({ name, account_id: MAIN })).status, 400, name);
    }
  });

  it("allows one install per environment of a site, on create and on move", async () => {
    const res = await create({
      name: "torqueprod2",
      account_id: MAIN,
      site_id: TORQUE_SITE,
      environment: "production",
    });
    assert.equal(res.status, 400);
    assert.match(res.text, /already has a production install \(torquemag\)/);
    const other = obj(
      (await t.client.api("POST", "/sites", { json: { name: "Empty", account_id: MAIN } })).body,
    ).id;
    const moved = await t.client.api("PATCH", `/installs/${SEED_IDS.torquemagStagingInstallId}`, {
      json: { site_id: other, environment: "development" },
    });
    assert.equal(moved.status, 200, moved.text);
    assert.deepEqual(obj(moved.body).site, { id: other });
  });

  it("refuses to rename an install or move it to another account", async () => {
    const res = await t.client.api("PATCH", `/installs/${SEED_IDS.torquemagInstallId}`, {
      json: { name: "torque2", account_id: SEED_IDS.secondAccountId },
    });
    assert.equal(res.status, 400);
    assert.match(res.text, /name cannot be changed/);
  });

  it("deletes an install and takes it out of partial users' installs", async () => {
    assert.equal(
      (await t.client.api("DELETE", `/installs/${SEED_IDS.torquemagStagingInstallId}`)).status,
      204,
    );
    const partial = t.emulator.store
      .snapshot()
      .accountUsers.find((u) => u.user_id === SEED_IDS.partialUserId);
    assert.deepEqual(partial?.install_ids, [SEED_IDS.torquemagInstallId]);
    assert.equal((await t.client.api("GET", `/installs/${SEED_IDS.torquemagStagingInstallId}`)).status, 404);
  });
});
