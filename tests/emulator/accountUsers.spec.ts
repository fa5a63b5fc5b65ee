import assert from "node:assert/strict";
import { SEED_IDS } from "../../emulator";
import { obj, objs, usersPath, useTestEmulator } from "./client";

const MAIN = SEED_IDS.mainAccountId;

function johnDoe(extra: Record<string, unknown> = {}): { user: Record<string, unknown> } {
  return {
    user: {
      account_id: MAIN,
      first_name: "John",
      last_name: "Doe",
      email: "john.doe@example.com",
      roles: "partial",
      ...extra,
    },
  };
}

describe("emulator account users over HTTP", () => {
  const t = useTestEmulator();

  it("creates a user: 201 with the change message and the read form of the role", async () => {
    const res = await t.client.api("POST", usersPath(MAIN), {
      json: johnDoe({ roles: "partial,billing", install_ids: [SEED_IDS.torquemagInstallId] }),
    });
    assert.equal(res.status, 201);
    const body = obj(res.body);
    assert.equal(body.message, "Your change was successful.");
    const user = obj(body.account_user);
    assert.equal(user.roles, "billing, partial");
    assert.equal(user.invite_accepted, false);
    assert.equal(user.mfa_enabled, false);
    assert.equal(user.phone, null);
    assert.deepEqual(user.installs, [{ id: SEED_IDS.torquemagInstallId, name: "torquemag" }]);
    const read = await t.client.api("GET", usersPath(MAIN, String(user.user_id)));
    assert.equal(read.status, 200);
    assert.deepEqual(read.body, user);
  });

  it("lists users without paging, as {results}", async () => {
    const res = await t.client.api("GET", `${usersPath(MAIN)}?limit=1`);
    assert.equal(res.status, 200);
    const body = obj(res.body);
    assert.deepEqual(Object.keys(body), ["results"]);
    assert.equal(objs(body.results).length, 3);
  });

  it("refuses a second user with the same email in one account", async () => {
    assert.equal((await t.client.api("POST", usersPath(MAIN), { json: johnDoe() })).status, 201);
    const res = await t.client.api("POST", usersPath(MAIN), {
      json: johnDoe({ email: "JOHN.doe@example.com" }),
    });
    assert.equal(res.status, 400);
    assert.equal(objs(obj(res.body).errors)[0]?.field, "email");
  });

  const invalidBodies: Array<[string, unknown, string]> = [
    ["a missing first_name", johnDoe({ first_name: undefined }), "first_name"],
    ["an empty last_name", johnDoe({ last_name: "  " }), "last_name"],
    ["a bad email", johnDoe({ email: "not-an-email" }), "email"],
    ["an unknown role", johnDoe({ roles: "admin" }), "roles"],
    ["a role in the read form", johnDoe({ roles: "billing, partial" }), "roles"],
    [
      "install_ids with a full role",
      johnDoe({ roles: "full", install_ids: [SEED_IDS.torquemagInstallId] }),
      "install_ids",
    ],
    ["an install of another account", johnDoe({ install_ids: [SEED_IDS.hiddenInstallId] }), "install_ids"],
    ["an unknown install", johnDoe({ install_ids: ["00000000-0000-4000-8000-000000000000"] }), "install_ids"],
    [
      "a user.account_id that differs from the path",
      johnDoe({ account_id: SEED_IDS.secondAccountId }),
      "account_id",
    ],
    ["no user object", { first_name: "John" }, "first_name"],
    ["install_ids that are not an array", johnDoe({ install_ids: "x" }), "install_ids"],
  ];
  for (const [what, body, field] of invalidBodies) {
    it(`answers 400 naming ${field} for ${what}`, async () => {
      const res = await t.client.api("POST", usersPath(MAIN), { json: body });
      assert.equal(res.status, 400);
      const errors = objs(obj(res.body).errors);
      assert.ok(
        errors.some((e) => e.field === field),
        JSON.stringify(errors),
      );
      for (const e of errors)
        assert.deepEqual(Object.keys(e).sort(), ["code", "field", "message", "resource", "type"]);
    });
  }

  it("answers 400 for malformed JSON and for an empty body", async () => {
    const malformed = await t.client.api("POST", usersPath(MAIN), { raw: '{"user": {' });
    assert.equal(malformed.status, 400);
    assert.equal(typeof obj(malformed.body).message, "string");
    const empty = await t.client.api("POST", usersPath(MAIN), { raw: "" });
    assert.equal(empty.status, 400);
  });

  it("answers 403 when creating a user in an account the credentials cannot use", async () => {
    const res = await t.client.api("POST", usersPath(SEED_IDS.hiddenAccountId), {
      json: johnDoe({ account_id: SEED_IDS.hiddenAccountId }),
    });
    assert.equal(res.status, 403);
  });

  it("updates roles with PATCH and answers 200 {message, account_user}", async () => {
    const res = await t.client.api("PATCH", usersPath(MAIN, SEED_IDS.fullUserId), {
      json: { roles: "partial", install_ids: [SEED_IDS.torquemagInstallId] },
    });
    assert.equal(res.status, 200);
    const body = obj(res.body);
    assert.equal(body.message, "Your change was successful.");
    assert.equal(obj(body.account_user).roles, "partial");
    assert.deepEqual(obj(body.account_user).installs, [
      { id: SEED_IDS.torquemagInstallId, name: "torquemag" },
    ]);
  });

  for (const field of ["first_name", "last_name", "email"]) {
    it(`refuses a PATCH that tries to change ${field}, naming the field`, async () => {
      const res = await t.client.api("PATCH", usersPath(MAIN, SEED_IDS.fullUserId), {
        json: { roles: "full", [field]: "x@example.com" },
      });
      assert.equal(res.status, 400);
      assert.ok(objs(obj(res.body).errors).some((e) => e.field === field));
      const after = obj((await t.client.api("GET", usersPath(MAIN, SEED_IDS.fullUserId))).body);
      assert.equal(after.roles, "billing, full", "a refused PATCH changes nothing");
    });
  }

  it("refuses to demote or delete the last owner", async () => {
    const demote = await t.client.api("PATCH", usersPath(MAIN, SEED_IDS.ownerUserId), {
      json: { roles: "full" },
    });
    assert.equal(demote.status, 400);
    const del = await t.client.api("DELETE", usersPath(MAIN, SEED_IDS.ownerUserId));
    assert.equal(del.status, 400);
  });

  it("deletes a user with 204 and no body; the user then answers 404", async () => {
    const del = await t.client.api("DELETE", usersPath(MAIN, SEED_IDS.partialUserId));
    assert.equal(del.status, 204);
    assert.equal(del.text, "");
    assert.equal((await t.client.api("GET", usersPath(MAIN, SEED_IDS.partialUserId))).status, 404);
    assert.equal((await t.client.api("DELETE", usersPath(MAIN, SEED_IDS.partialUserId))).status, 404);
  });

  it("answers 403 for users of an account the credentials cannot use, and 404 for unknown users", async () => {
    assert.equal(
      (await t.client.api("GET", usersPath(SEED_IDS.hiddenAccountId, SEED_IDS.hiddenOwnerUserId))).status,
      403,
    );
    assert.equal(
      (
        await t.client.api("PATCH", usersPath(SEED_IDS.hiddenAccountId, SEED_IDS.hiddenOwnerUserId), {
          json: { roles: "full" },
        })
      ).status,
      403,
    );
    assert.equal((await t.client.api("GET", usersPath(MAIN, SEED_IDS.secondOwnerUserId))).status, 404);
  });
});
