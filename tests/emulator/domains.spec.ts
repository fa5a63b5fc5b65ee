import assert from "node:assert/strict";
import { SEED_IDS } from "../../emulator";
import { obj, objs, useTestEmulator } from "./client";

const TORQUE = SEED_IDS.torquemagInstallId;
const path = (suffix = "") => `/installs/${TORQUE}/domains${suffix}`;

describe("emulator domains", () => {
  const t = useTestEmulator();

  it("keeps a host name on one install of all WP Engine", async () => {
    const res = await t.client.api("POST", `/installs/${SEED_IDS.torquemagStagingInstallId}/domains`, {
      json: { name: "TORQUEMAG.io" },
    });
    assert.equal(res.status, 400);
    assert.match(res.text, /already in use/);
  });

  it("moves primary to a new primary domain and onto the install's primary_domain", async () => {
    const res = await t.client.api("POST", path(), { json: { name: "torque.news", primary: true } });
    assert.equal(res.status, 201);
    const all = objs(obj((await t.client.api("GET", path())).body).results);
    assert.deepEqual(
      all.map((d) => [d.name, d.primary]),
      [
        ["torquemag.io", false],
        ["torque.news", true],
      ],
    );
    assert.equal(obj((await t.client.api("GET", `/installs/${TORQUE}`)).body).primary_domain, "torque.news");
  });

  it("adds up to 20 domains in bulk, redirects by name included, and refuses more", async () => {
    const res = await t.client.api("POST", path("/bulk"), {
      json: { domains: [{ name: "torque.news" }, { name: "www.torque.news", redirect_to: "torque.news" }] },
    });
    assert.equal(res.status, 201);
    const www = objs(obj((await t.client.api("GET", path())).body).results).find(
      (d) => d.name === "www.torque.news",
    );
    const redirects = (www?.redirects_to ?? []) as { name: string }[];
    assert.equal(redirects[0]?.name, "torque.news");
    const many = Array.from({ length: 21 }, (_, i) => ({ name: `d${i}.torque.news` }));
    assert.equal((await t.client.api("POST", path("/bulk"), { json: { domains: many } })).status, 400);
  });

  it("refuses a redirect to a domain of another install, and a rename", async () => {
    const made = obj((await t.client.api("POST", path(), { json: { name: "a.torque.news" } })).body);
    const other = await t.client.api("PATCH", path(`/${String(made.id)}`), {
      json: { redirect_to: SEED_IDS.torquemagDomainId.replace(/.$/, "0") },
    });
    assert.equal(other.status, 400);
    const rename = await t.client.api("PATCH", path(`/${String(made.id)}`), {
      json: { name: "b.torque.news" },
    });
    assert.equal(rename.status, 400);
    assert.match(rename.text, /name cannot be changed/);
  });

  it("removes a domain; domains redirecting to it stop redirecting", async () => {
    const target = obj((await t.client.api("POST", path(), { json: { name: "t.torque.news" } })).body);
    const source = obj(
      (await t.client.api("POST", path(), { json: { name: "s.torque.news", redirect_to: target.id } })).body,
    );
    assert.equal((await t.client.api("DELETE", path(`/${String(target.id)}`))).status, 204);
    const after = obj((await t.client.api("GET", path(`/${String(source.id)}`))).body);
    assert.deepEqual(after.redirects_to, []);
  });
});
