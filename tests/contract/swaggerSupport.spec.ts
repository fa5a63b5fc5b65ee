import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  ContractValidator,
  committedContractFile,
  deriveContractScript,
  findRepoRoot,
  loadSwagger,
  swaggerFile,
  toJsonSchema,
} from "../support/swagger";

/** Runs `f` with `$WPENGINE_SWAGGER` set to `value` (unset when undefined), restoring it after. */
function withSwaggerEnv<T>(value: string | undefined, f: () => T): T {
  const saved = process.env.WPENGINE_SWAGGER;
  if (value === undefined) delete process.env.WPENGINE_SWAGGER;
  else process.env.WPENGINE_SWAGGER = value;
  try {
    return f();
  } finally {
    if (saved === undefined) delete process.env.WPENGINE_SWAGGER;
    else process.env.WPENGINE_SWAGGER = saved;
  }
}

describe("contract test support (swagger loading and conversion)", () => {
  it("finds the repository root and a contract file to read", () => {
    const root = findRepoRoot();
    assert.ok(existsSync(path.join(root, "package.json")));
    assert.ok(existsSync(swaggerFile()), swaggerFile());
    assert.ok(existsSync(committedContractFile()), committedContractFile());
  });

  it("reads $WPENGINE_SWAGGER when set, and refuses one that names a missing file", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "swagger-"));
    try {
      const file = path.join(dir, "swagger.json");
      writeFileSync(file, JSON.stringify({ swagger: "2.0", paths: {}, definitions: {} }));
      assert.equal(
        withSwaggerEnv(file, () => swaggerFile()),
        file,
      );
      assert.throws(
        () => withSwaggerEnv(path.join(dir, "missing.json"), () => swaggerFile()),
        /WPENGINE_SWAGGER=.*missing\.json does not exist/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("says why there is no published swagger for a clone with nothing beside it", () => {
    const lonely = mkdtempSync(path.join(os.tmpdir(), "clone-"));
    try {
      const found = withSwaggerEnv(undefined, () => deriveContractScript().publishedSwagger(lonely));
      assert.ok("reason" in found, JSON.stringify(found));
      assert.match(
        found.reason,
        /WPENGINE_SWAGGER is unset and .*shared\/reference\/wpengine-api-swagger\.json does not exist/,
      );
    } finally {
      rmSync(lonely, { recursive: true, force: true });
    }
  });

  it("validates against the committed contract as it does against the published swagger", () => {
    const v = new ContractValidator(loadSwagger(committedContractFile()), { strictAdditional: true });
    const site = { id: "28c78b6d-c2da-4f09-85f5-1ad588089b2d", name: "Torque Magazine" };
    assert.notDeepEqual(v.validate("/sites/{site_id}", "GET", 200, { ...site, extra: 1 }), []);
    assert.deepEqual(v.statuses("/installs/{install_id}/backups", "POST").includes(202), true);
  });

  it("turns x-nullable into a null type, and into anyOf for refs", () => {
    assert.deepEqual(toJsonSchema({ type: "string", "x-nullable": true, example: "x" }), {
      type: ["string", "null"],
    });
    assert.deepEqual(toJsonSchema({ type: "string", enum: ["a"], "x-nullable": true }), {
      type: ["string", "null"],
      enum: ["a", null],
    });
    assert.deepEqual(
      toJsonSchema({ $ref: "#/definitions/X", "x-nullable": true }, { refPrefix: "s#/definitions/" }),
      {
        anyOf: [{ $ref: "s#/definitions/X" }, { type: "null" }],
      },
    );
  });

  it("keeps property names that look like keywords and closes objects when asked", () => {
    const converted = toJsonSchema(
      { type: "object", properties: { type: { type: "string" }, example: { type: "integer" } } },
      { strictAdditional: true },
    );
    assert.deepEqual(converted, {
      type: "object",
      properties: { type: { type: "string" }, example: { type: "integer" } },
      additionalProperties: false,
    });
  });

  it("validates nullable fields and resolves definition refs", () => {
    const v = new ContractValidator(undefined, { strictAdditional: true });
    const user = {
      user_id: "28c78b6d-c2da-4f09-85f5-1ad588089b2d",
      account_id: "eeda3227-9a39-46ae-9e14-20958bb4e6c9",
      first_name: "J",
      last_name: "D",
      email: "j@example.com",
      phone: null,
      invite_accepted: false,
      mfa_enabled: false,
      roles: "partial",
      installs: null,
    };
    assert.deepEqual(v.validate("/accounts/{account_id}/account_users/{user_id}", "GET", 200, user), []);
    assert.notDeepEqual(
      v.validate("/accounts/{account_id}/account_users/{user_id}", "GET", 200, { ...user, phone: 5 }),
      [],
    );
    assert.notDeepEqual(
      v.validate("/accounts/{account_id}/account_users/{user_id}", "GET", 200, { ...user, extra: 1 }),
      [],
    );
    const { phone: _phone, ...missingPhone } = user;
    assert.notDeepEqual(
      v.validate("/accounts/{account_id}/account_users/{user_id}", "GET", 200, missingPhone),
      [],
    );
    assert.deepEqual(
      v.validate("/sites", "GET", 200, { previous: null, next: null, count: 0, results: [] }),
      [],
    );
  });

  it("refuses to validate against a status the contract does not document", () => {
    const v = new ContractValidator();
    assert.throws(
      () => v.validate("/accounts/{account_id}", "GET", 403, { message: "x" }),
      /documents no 403/,
    );
    assert.deepEqual(v.validate("/status", "GET", 429, undefined), [], "429 has no documented body");
    assert.notDeepEqual(v.validate("/status", "GET", 429, { message: "x" }), []);
  });
});
