/**
 * The committed contract (tests/contract/wpengine-api.contract.json) that the contract tests read when
 * the published swagger is not beside the repository: facts only, and, whenever the published swagger
 * is available, exactly what scripts/derive-contract.js derives from it; likewise the quick start's facts.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { committedQuickStart, committedQuickStartFile, publishedQuickStartFile } from "../support/quickStart";
import {
  committedContractFile,
  deriveContractScript,
  loadSwagger,
  publishedSwaggerFile,
  type SwaggerDoc,
  toJsonSchema,
} from "../support/swagger";

/**
 * Every keyword of a document with its value, as `[path, key, value]`; names that are data (property,
 * definition, path, parameter, status and security names) are walked through but not listed.
 */
function keywords(
  node: unknown,
  at = "",
  out: [string, string, unknown][] = [],
): [string, string, unknown][] {
  if (Array.isArray(node)) {
    for (const [i, n] of node.entries()) keywords(n, `${at}[${i}]`, out);
  } else if (typeof node === "object" && node !== null) {
    const names = /\/(properties|definitions|paths|parameters|responses|securityDefinitions|headers)$/.test(
      at,
    );
    for (const [k, v] of Object.entries(node)) {
      if (!names) out.push([`${at}/${k}`, k, v]);
      keywords(v, `${at}/${k}`, out);
    }
  }
  return out;
}

/** A schema without the documentation keys the contract drops (property names kept). */
function withoutDocs(node: unknown, underProperties = false): unknown {
  if (Array.isArray(node)) return node.map((n) => withoutDocs(n));
  if (typeof node !== "object" || node === null) return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([k]) => underProperties || (k !== "description" && k !== "title"))
      .map(([k, v]) => [k, withoutDocs(v, !underProperties && k === "properties")]),
  );
}

/** Every response schema of a document, keyed `METHOD path status`. */
function responseSchemas(doc: SwaggerDoc): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const responses = (op as { responses?: Record<string, { schema?: unknown }> }).responses ?? {};
      for (const [status, r] of Object.entries(responses)) out.set(`${method} ${p} ${status}`, r.schema);
    }
  }
  return out;
}

describe("contract: the committed fact-only contract", () => {
  const script = deriveContractScript();
  const committed = loadSwagger(committedContractFile());

  it("holds no description, summary, example, tag or vendor extension other than x-nullable", () => {
    const allowed = new Set(["/info/title", "/x-derived-by"]);
    const prose = keywords(committed).filter(
      ([at, key, value]) =>
        !allowed.has(at) &&
        (["summary", "example", "examples", "x-example", "tags", "title"].includes(key) ||
          (key === "description" && value !== "") ||
          (key.startsWith("x-") && key !== "x-nullable")),
    );
    assert.deepEqual(prose, []);
  });

  it("is a fixed point of the derivation: deriving it again changes nothing", () => {
    assert.deepEqual(script.deriveContract(committed), committed);
    assert.equal(script.contractText(committed), readFileSync(committedContractFile(), "utf8"));
  });

  it("documents every operation the emulator serves with its statuses and response schemas", () => {
    const ops = responseSchemas(committed);
    for (const key of [
      "get /accounts/{account_id}/account_users 200",
      "post /accounts/{account_id}/account_users 201",
      "patch /accounts/{account_id}/account_users/{user_id} 200",
      "delete /accounts/{account_id}/account_users/{user_id} 204",
      "post /installs/{install_id}/backups 202",
      "get /installs/{install_id}/backups/{backup_id} 200",
    ]) {
      assert.ok(ops.has(key), key);
    }
  });

  const published = publishedSwaggerFile();
  // Without the published swagger there is nothing to cross-check against: scripts/test.sh prints one
  // line saying so (scripts/derive-contract.js --check), and the cases below are not registered.
  if (published !== undefined) {
    describe(`cross-check against the published swagger ${published}`, () => {
      const full = loadSwagger(published);

      it("equals what scripts/derive-contract.js derives from the published swagger", () => {
        assert.deepEqual(
          committed,
          script.deriveContract(full),
          "stale contract: run `npm run contract:derive`",
        );
      });

      it("validates exactly as the published swagger: same JSON schema for every definition and answer", () => {
        assert.deepEqual(Object.keys(committed.definitions), Object.keys(full.definitions));
        for (const [name, def] of Object.entries(full.definitions)) {
          assert.deepEqual(
            toJsonSchema(committed.definitions[name]),
            withoutDocs(toJsonSchema(def)),
            `definition ${name}`,
          );
        }
        const mine = responseSchemas(committed);
        const theirs = responseSchemas(full);
        assert.deepEqual([...mine.keys()], [...theirs.keys()]);
        for (const [key, schema] of theirs) {
          assert.deepEqual(toJsonSchema(mine.get(key)), withoutDocs(toJsonSchema(schema)), key);
        }
      });
    });
  }
});

describe("contract: the committed quick start facts", () => {
  const script = deriveContractScript();
  const committed = committedQuickStart();

  it("holds the guide's requests and example answers only: no prose, no code samples", () => {
    const raw = JSON.parse(readFileSync(committedQuickStartFile(), "utf8")) as Record<string, unknown>;
    assert.deepEqual(Object.keys(raw).sort(), ["errors", "steps", "x-derived-by"]);
    for (const step of committed.steps) {
      for (const key of Object.keys(step))
        assert.ok(["method", "path", "body", "response"].includes(key), key);
    }
    assert.deepEqual(
      committed.steps.map((s) => s.method),
      ["GET", "GET", "GET", "POST", "POST", "GET"],
    );
  });

  const published = publishedQuickStartFile();
  // Without the published guide, scripts/test.sh says in one line that no cross-check ran.
  if (published !== undefined) {
    it(`equals what scripts/derive-contract.js derives from the published guide ${published}`, () => {
      assert.deepEqual(
        JSON.parse(readFileSync(committedQuickStartFile(), "utf8")),
        script.deriveQuickStart(readFileSync(published, "utf8")),
        "stale facts: run `npm run contract:derive`",
      );
    });
  }
});
