/**
 * The `minimal` answer profile: only what the contract requires, so the client is tested against the
 * leanest answers the real API may legally send. The default profile is covered by every other suite.
 */
import assert from "node:assert/strict";
import { PROFILE_ENV, profileFromEnv, SEED_IDS, SEED_OWNER_EMAIL } from "../../emulator";
import { parseCli } from "../../emulator/cli";
import { ContractValidator } from "../support/swagger";
import { obj, objs, usersPath, useTestEmulator } from "./client";

const MAIN = SEED_IDS.mainAccountId;

describe("emulator profile minimal", () => {
  const t = useTestEmulator({ profile: "minimal" });
  const contract = new ContractValidator(undefined, { strictAdditional: true });

  it("answers account users with required fields only, phone null, and roles in the read form", async () => {
    const res = await t.client.api("GET", usersPath(MAIN));
    assert.deepEqual(contract.validate("/accounts/{account_id}/account_users", "GET", 200, res.body), []);
    const users = objs(obj(res.body).results);
    for (const u of users) {
      assert.deepEqual(Object.keys(u).sort(), [
        "account_id",
        "email",
        "first_name",
        "invite_accepted",
        "last_name",
        "mfa_enabled",
        "phone",
        "roles",
        "user_id",
      ]);
      assert.equal(u.phone, null);
    }
    assert.equal(users.find((u) => u.email === SEED_OWNER_EMAIL)?.roles, "billing, owner");
  });

  it("answers sites and installs without the optional account id or fields, and pages without count", async () => {
    const res = await t.client.api("GET", `/installs?limit=2&account_id=${MAIN}`);
    const body = obj(res.body);
    assert.deepEqual(contract.validate("/installs", "GET", 200, body), []);
    assert.ok(!("count" in body) && !("previous" in body));
    assert.doesNotMatch(String(body.next), /account_id/, "next links drop the filter");
    assert.deepEqual(objs(body.results)[0], {
      id: objs(body.results)[0]?.id,
      name: objs(body.results)[0]?.name,
      account: {},
      php_version: null,
    });
    const site = obj((await t.client.api("GET", `/sites/${SEED_IDS.torqueSiteId}`)).body);
    assert.deepEqual(site.account, {});
  });

  it("words errors differently: an email taken is invalid_value/not_unique on the email field", async () => {
    const res = await t.client.api("POST", usersPath(MAIN), {
      json: {
        user: { account_id: MAIN, first_name: "A", last_name: "B", email: SEED_OWNER_EMAIL, roles: "full" },
      },
    });
    assert.equal(res.status, 400);
    assert.deepEqual(obj(res.body).errors, [
      {
        resource: "AccountUser",
        field: "email",
        type: "invalid_value",
        code: "not_unique",
        message: "is used by another user of this account",
      },
    ]);
  });

  it("asks for minutes in Retry-After when a fault answers 429 without one", async () => {
    await t.client.control("POST", "/faults", { path: "^/v1/user$", status: 429, count: 1 });
    const res = await t.client.api("GET", "/user");
    assert.equal(res.status, 429);
    assert.equal(res.headers.get("retry-after"), "180");
  });

  it("does not enforce the last-owner rule, and the control plane can turn it back on", async () => {
    const owner = SEED_IDS.ownerUserId;
    await t.client.control("POST", "/config", { enforceLastOwner: true });
    assert.equal((await t.client.api("DELETE", usersPath(MAIN, owner))).status, 400);
    await t.client.control("POST", "/config", { enforceLastOwner: false });
    assert.equal((await t.client.api("DELETE", usersPath(MAIN, owner))).status, 204);
  });

  it("pages the account users when asked, with a next link", async () => {
    await t.client.control("POST", "/config", { accountUsersPageSize: 1 });
    const body = obj((await t.client.api("GET", usersPath(MAIN))).body);
    assert.equal(objs(body.results).length, 1);
    assert.match(String(body.next), /offset=1/);
  });

  it("answers a backup request with its id only, and a status read with its status only", async () => {
    const created = obj(
      (
        await t.client.api("POST", `/installs/${SEED_IDS.torquemagInstallId}/backups`, {
          json: { description: "x", notification_emails: ["ops@example.com"] },
        })
      ).body,
    );
    assert.deepEqual(Object.keys(created), ["id"]);
    const read = obj(
      (await t.client.api("GET", `/installs/${SEED_IDS.torquemagInstallId}/backups/${String(created.id)}`))
        .body,
    );
    assert.deepEqual(Object.keys(read), ["status"]);
  });

  it("is switched on the control plane, and refuses an unknown profile", async () => {
    assert.equal((await t.client.control("POST", "/config", { profile: "default" })).status, 200);
    const res = await t.client.api("GET", usersPath(MAIN, SEED_IDS.partialUserId));
    assert.ok("installs" in obj(res.body), "the default profile answers the optional fields");
    assert.equal((await t.client.control("POST", "/config", { profile: "lean" })).status, 400);
  });

  it("is chosen with --profile or WPENGINE_EMULATOR_PROFILE, and a typo fails", () => {
    assert.equal(parseCli(["--profile", "minimal"], {}).profile, "minimal");
    assert.equal(parseCli([], { [PROFILE_ENV]: "minimal" }).profile, "minimal");
    assert.equal(profileFromEnv({}), undefined);
    assert.throws(
      () => profileFromEnv({ [PROFILE_ENV]: "minimum" }),
      /profile must be one of default, minimal/,
    );
  });
});
