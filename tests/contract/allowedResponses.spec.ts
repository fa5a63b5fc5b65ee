/**
 * The contract in the other direction: every answer the published Swagger allows must parse with the
 * client's schemas, not only the fullest answers our emulator sends. For each response shape the client
 * reads, two bodies are built from the contract itself: one with only the required fields, and one
 * with those and `null` wherever the contract marks a field nullable. The one deliberate exception is
 * a list without `results` (no field of a list envelope is required): it cannot be told from an empty
 * account, and reading it as one would drop every user from the state, so the client refuses it.
 */
import assert from "node:assert/strict";
import type { z } from "zod";
import {
  AccountSchema,
  AccountUserListSchema,
  AccountUserSchema,
  BackupBodySchema,
  CreateAccountUserResponseSchema,
  InstallationSchema,
  pageSchema,
  SiteSchema,
  StatusSchema,
  UpdateAccountUserResponseSchema,
  UserSchema,
} from "../../provider/client/schemas";
import { parseResponse } from "../../provider/client/validate";
import { loadSwagger, toJsonSchema } from "../support/swagger";

type Schema = Record<string, unknown>;

const doc = loadSwagger();
const definitions = doc.definitions as Record<string, unknown>;

function resolve(node: Schema): Schema {
  const ref = node.$ref;
  if (typeof ref !== "string") return node;
  const name = ref.replace(/^#\/definitions\//, "");
  return resolve(toJsonSchema(definitions[name]) as Schema);
}

function typesOf(node: Schema): string[] {
  if (Array.isArray(node.type)) return node.type as string[];
  if (typeof node.type === "string") return [node.type];
  if (node.properties !== undefined) return ["object"];
  if (node.items !== undefined) return ["array"];
  return [];
}

/**
 * The smallest body `node` allows: required properties only, one item per array (so item schemas
 * are exercised), the first enum value, and with `nulls` null wherever the contract allows null.
 */
function smallest(node: Schema, nulls: boolean): unknown {
  const schema = resolve(node);
  if (Array.isArray(schema.anyOf)) {
    const options = schema.anyOf as Schema[];
    const isNull = (o: Schema) => o.type === "null";
    if (nulls && options.some(isNull)) return null;
    return smallest(options.find((o) => !isNull(o)) ?? {}, nulls);
  }
  const types = typesOf(schema);
  if (nulls && types.includes("null")) return null;
  if (Array.isArray(schema.enum)) return (schema.enum as unknown[]).find((v) => v !== null);
  const type = types.find((t) => t !== "null");
  switch (type) {
    case "object": {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      const required = (schema.required ?? []) as string[];
      return Object.fromEntries(required.map((key) => [key, smallest(properties[key] ?? {}, nulls)]));
    }
    case "array":
      return [smallest((schema.items ?? {}) as Schema, nulls)];
    case "boolean":
      return false;
    case "integer":
    case "number":
      return 0;
    case "string":
      if (schema.format === "uuid") return "28c78b6d-c2da-4f09-85f5-1ad588089b2d";
      if (schema.format === "date-time") return "2026-01-01T00:00:00Z";
      return typeof schema.pattern === "string" ? "install1" : "text";
    default:
      return {};
  }
}

/** The documented body of one answer, as JSON Schema. */
function answer(path: string, method: string, status: number): Schema {
  const op = (doc.paths[path] as Record<string, Schema>)[method] as Schema;
  const response = resolve((op.responses as Record<string, Schema>)[String(status)] as Schema);
  return toJsonSchema(response.schema) as Schema;
}

/** The required-only bodies of an answer, without and with nulls. */
function allowed(schema: Schema): { variant: string; body: unknown }[] {
  return [
    { variant: "required fields only", body: smallest(schema, false) },
    { variant: "required fields only, nulls where nullable", body: smallest(schema, true) },
  ];
}

/** A list envelope as the contract allows it, but with its `results` (the exception above). */
function listWithResults(schema: Schema): { variant: string; body: unknown }[] {
  const items = ((schema.properties as Record<string, Schema>).results as Schema).items as Schema;
  return allowed(items).map(({ variant, body }) => ({ variant, body: { results: [body] } }));
}

interface Case {
  what: string;
  schema: z.ZodType;
  bodies: { variant: string; body: unknown }[];
}

const cases: Case[] = [
  { what: "GET /status", schema: StatusSchema, bodies: allowed(answer("/status", "get", 200)) },
  { what: "GET /user", schema: UserSchema, bodies: allowed(answer("/user", "get", 200)) },
  {
    what: "GET /accounts/{account_id}",
    schema: AccountSchema,
    bodies: allowed(answer("/accounts/{account_id}", "get", 200)),
  },
  {
    what: "GET /accounts/{account_id}/account_users/{user_id}",
    schema: AccountUserSchema,
    bodies: allowed(answer("/accounts/{account_id}/account_users/{user_id}", "get", 200)),
  },
  {
    what: "POST /accounts/{account_id}/account_users (201)",
    schema: CreateAccountUserResponseSchema,
    bodies: allowed(answer("/accounts/{account_id}/account_users", "post", 201)).map(({ variant }) => ({
      variant,
      body: {
        account_user: smallest(resolve({ $ref: "#/definitions/AccountUser" }), variant.includes("nulls")),
      },
    })),
  },
  {
    what: "PATCH /accounts/{account_id}/account_users/{user_id} (200)",
    schema: UpdateAccountUserResponseSchema,
    bodies: [false, true].map((nulls) => ({
      variant: nulls ? "nulls where nullable" : "required fields only",
      body: { account_user: smallest(resolve({ $ref: "#/definitions/AccountUser" }), nulls) },
    })),
  },
  {
    what: "GET /accounts/{account_id}/account_users",
    schema: AccountUserListSchema,
    bodies: listWithResults(answer("/accounts/{account_id}/account_users", "get", 200)),
  },
  {
    what: "GET /sites/{site_id}",
    schema: SiteSchema,
    bodies: allowed(answer("/sites/{site_id}", "get", 200)),
  },
  {
    what: "GET /installs/{install_id}",
    schema: InstallationSchema,
    bodies: allowed(answer("/installs/{install_id}", "get", 200)),
  },
  {
    what: "GET /accounts (a page)",
    schema: pageSchema(AccountSchema),
    bodies: listWithResults(answer("/accounts", "get", 200)),
  },
  {
    what: "GET /sites (a page)",
    schema: pageSchema(SiteSchema),
    bodies: listWithResults(answer("/sites", "get", 200)),
  },
  {
    what: "GET /installs (a page)",
    schema: pageSchema(InstallationSchema),
    bodies: listWithResults(answer("/installs", "get", 200)),
  },
  {
    what: "POST /installs/{install_id}/backups (202)",
    schema: BackupBodySchema,
    bodies: allowed(answer("/installs/{install_id}/backups", "post", 202)),
  },
  {
    what: "GET /installs/{install_id}/backups/{backup_id}",
    schema: BackupBodySchema,
    bodies: allowed(answer("/installs/{install_id}/backups/{backup_id}", "get", 200)),
  },
];

describe("every answer the contract allows parses with the client's schemas", () => {
  for (const c of cases) {
    for (const { variant, body } of c.bodies) {
      it(`${c.what}: ${variant}`, () => {
        assert.doesNotThrow(() => parseResponse(c.schema, body, c.what), JSON.stringify(body));
      });
    }
  }

  it("builds bodies that really are minimal: a required-only AccountUser has no installs or last_owner", () => {
    const user = smallest(resolve({ $ref: "#/definitions/AccountUser" }), true) as Record<string, unknown>;
    assert.ok(!("installs" in user) && !("last_owner" in user), JSON.stringify(user));
    assert.equal(user.phone, null);
  });

  it("refuses, by design, a list without results instead of reading it as an account without users", () => {
    assert.throws(() => parseResponse(AccountUserListSchema, {}, "listAccountUsers"), /results: Required/);
  });
});
