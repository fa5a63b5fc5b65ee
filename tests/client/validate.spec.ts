import assert from "node:assert/strict";
import { InvalidArgumentError, ResponseValidationError } from "../../provider/client/errors";
import {
  AccountUserSchema,
  ApiErrorBodySchema,
  CreateAccountUserResponseSchema,
  CreateBackupBodySchema,
  InstallationSchema,
  isRecognizedRole,
  pageSchema,
  SiteSchema,
  UpdateAccountUserBodySchema,
} from "../../provider/client/schemas";
import { parseRequest, parseResponse, uuidPathParam } from "../../provider/client/validate";

const USER = {
  user_id: "28c78b6d-c2da-4f09-85f5-1ad588089b2d",
  account_id: "eeda3227-9a39-46ae-9e14-20958bb4e6c9",
  first_name: "Joe",
  last_name: "Smith",
  email: "joe@example.com",
  phone: null,
  invite_accepted: false,
  mfa_enabled: true,
  roles: "billing, partial",
  installs: [{ id: "294deacc-d8b8-4005-82c4-0727ba8ddde0", name: "torquemag" }],
};

describe("schemas and validation", () => {
  it("reads an account user's roles in any spelling as the canonical role", () => {
    const user = parseResponse(AccountUserSchema, USER, "getAccountUser");
    assert.equal(user.roles, "partial,billing");
  });

  it("drops unknown fields, so new API fields do not break the client", () => {
    const user = parseResponse(AccountUserSchema, { ...USER, favourite_colour: "teal" }, "getAccountUser");
    assert.ok(!("favourite_colour" in user));
  });

  it("accepts the optional last_owner and installs as absent or null", () => {
    const { installs: _installs, ...bare } = USER;
    assert.doesNotThrow(() => parseResponse(AccountUserSchema, bare, "getAccountUser"));
    assert.doesNotThrow(() =>
      parseResponse(AccountUserSchema, { ...bare, installs: null, last_owner: null }, "getAccountUser"),
    );
  });

  it("names the operation and each failing field path of a malformed response", () => {
    const { email: _email, ...noEmail } = USER;
    const err = (() => {
      try {
        parseResponse(
          CreateAccountUserResponseSchema,
          { account_user: { ...noEmail, mfa_enabled: "yes" } },
          "getAccountUser",
        );
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    assert.ok(err instanceof ResponseValidationError);
    assert.equal(err.operation, "getAccountUser");
    assert.ok(err.issues.includes("account_user.email: Required"), err.issues.join(" | "));
    assert.ok(
      err.issues.some((i) => i.startsWith("account_user.mfa_enabled: ")),
      err.issues.join(" | "),
    );
    assert.match(err.message, /^getAccountUser: .*account_user\.email: Required/);
  });

  it("keeps a user with a role that is none of the five, verbatim, instead of failing the answer", () => {
    const user = parseResponse(AccountUserSchema, { ...USER, roles: " billing " }, "getAccountUser");
    assert.equal(user.roles, "billing");
    assert.equal(isRecognizedRole(user.roles), false);
  });

  it("reports installs as not reported (undefined), never as none, when absent, null or without ids", () => {
    const { installs: _installs, ...bare } = USER;
    for (const installs of [undefined, null, [{ name: "no-id" }]]) {
      const user = parseResponse(AccountUserSchema, { ...bare, installs }, "getAccountUser");
      assert.equal(user.installs, undefined, JSON.stringify(installs));
    }
    const named = parseResponse(AccountUserSchema, { ...bare, installs: [{ id: "i-1" }] }, "getAccountUser");
    assert.deepEqual(named.installs, [{ id: "i-1" }]);
  });

  it("requires phone to be present even though it may be null", () => {
    const { phone: _phone, ...noPhone } = USER;
    assert.throws(() => parseResponse(AccountUserSchema, noPhone, "getAccountUser"), /phone: Required/);
  });

  it("indexes array items in issue paths", () => {
    const page = { previous: null, next: null, count: 1, results: [{ id: "x", account: { id: "a" } }] };
    assert.throws(
      () => parseResponse(pageSchema(SiteSchema), page, "listSites"),
      /results\[0\]\.name: Required/,
    );
  });

  it("validates an install's environment and required php_version", () => {
    const install = {
      id: "i",
      name: "torquemag",
      account: { id: "a" },
      php_version: null,
      environment: "production",
    };
    assert.equal(parseResponse(InstallationSchema, install, "getInstall").environment, "production");
    assert.throws(
      () => parseResponse(InstallationSchema, { ...install, environment: "qa" }, "getInstall"),
      /environment/,
    );
    const { php_version: _p, ...noPhp } = install;
    assert.throws(() => parseResponse(InstallationSchema, noPhp, "getInstall"), /php_version: Required/);
  });

  it("parses error bodies leniently", () => {
    const body = ApiErrorBodySchema.parse({
      message: "m",
      errors: [{ resource: "user", field: null, code: 7 }],
    });
    assert.deepEqual(body.errors, [{ resource: "user", field: "", type: "", code: "7", message: "" }]);
  });

  it("rejects install_ids with a role that is not partial", () => {
    assert.throws(
      () =>
        parseRequest(
          UpdateAccountUserBodySchema,
          { roles: "full", install_ids: ["a"] },
          "updateAccountUser",
          "input",
        ),
      (err: Error) => err instanceof InvalidArgumentError && /install_ids: .*partial/.test(err.message),
    );
    assert.doesNotThrow(() =>
      parseRequest(
        UpdateAccountUserBodySchema,
        { roles: "partial", install_ids: ["a"] },
        "updateAccountUser",
        "input",
      ),
    );
    assert.doesNotThrow(() =>
      parseRequest(
        UpdateAccountUserBodySchema,
        { roles: "full", install_ids: [] },
        "updateAccountUser",
        "input",
      ),
    );
  });

  it("requires a backup description and at least one notification address", () => {
    assert.throws(
      () =>
        parseRequest(
          CreateBackupBodySchema,
          { description: " ", notification_emails: [] },
          "createBackup",
          "input",
        ),
      (err: Error) =>
        /description: must not be empty/.test(err.message) &&
        /notification_emails: needs at least one/.test(err.message),
    );
    assert.throws(
      () =>
        parseRequest(
          CreateBackupBodySchema,
          { description: "d", notification_emails: ["nope"] },
          "createBackup",
          "input",
        ),
      /notification_emails\[0\]: must be an email address/,
    );
  });

  it("accepts UUID path parameters and rejects anything else, naming the parameter", () => {
    assert.equal(
      uuidPathParam("getSite", "siteId", "28C78B6D-C2DA-4F09-85F5-1AD588089B2D"),
      "28C78B6D-C2DA-4F09-85F5-1AD588089B2D",
    );
    for (const bad of [
      "../x",
      "%2F",
      "28c78b6d-c2da-4f09-85f5-1ad588089b2d/..",
      "",
      " 28c78b6d-c2da-4f09-85f5-1ad588089b2d",
    ]) {
      assert.throws(
        () => uuidPathParam("getSite", "siteId", bad),
        (err: Error) =>
          err instanceof InvalidArgumentError &&
          err.parameter === "siteId" &&
          /siteId must be a UUID/.test(err.message),
        bad,
      );
    }
    assert.throws(() => uuidPathParam("getSite", "siteId", undefined), /got undefined/);
  });
});
