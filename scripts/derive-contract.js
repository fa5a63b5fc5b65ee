#!/usr/bin/env node
// Derives the committed API contract (tests/contract/wpengine-api.contract.json) from the published
// WP Engine swagger, keeping facts only: paths, methods, operation ids, parameters, statuses, security
// and schemas (types, formats, property names, required, enums, nullability, bounds, refs). Every
// description, summary, example, tag and vendor extension except x-nullable is dropped, so the file
// carries no prose of the published document, yet stays a Swagger 2.0 document the contract tests
// load unchanged. The tests use the full swagger when one is available and this file otherwise.
//
// Usage: node scripts/derive-contract.js           write the contract from the published swagger
//        node scripts/derive-contract.js --check   compare the committed contract with it; when no
//                                                  swagger is available, say in one line that the
//                                                  cross-check was not run (exit 0)
// The published swagger is $WPENGINE_SWAGGER, else <repo>/../shared/reference/wpengine-api-swagger.json.

const fs = require("node:fs");
const path = require("node:path");
const { isDeepStrictEqual } = require("node:util");

/** Where the committed contract lives, relative to the repository root. */
const CONTRACT_PATH = "tests/contract/wpengine-api.contract.json";

// Keys kept in each kind of node; anything else is documentation or a vendor extension.
const BOUNDS = [
  "default",
  "enum",
  "maximum",
  "exclusiveMaximum",
  "minimum",
  "exclusiveMinimum",
  "maxLength",
  "minLength",
  "pattern",
  "maxItems",
  "minItems",
  "uniqueItems",
  "multipleOf",
];
const SCHEMA_KEYS = new Set([
  "$ref",
  "type",
  "format",
  "items",
  "properties",
  "additionalProperties",
  "required",
  "allOf",
  "x-nullable",
  "readOnly",
  "discriminator",
  "maxProperties",
  "minProperties",
  ...BOUNDS,
]);
const PARAMETER_KEYS = new Set([
  "$ref",
  "name",
  "in",
  "required",
  "type",
  "format",
  "items",
  "collectionFormat",
  "allowEmptyValue",
  "schema",
  ...BOUNDS,
]);
const OPERATION_KEYS = ["operationId", "consumes", "produces", "schemes", "deprecated", "security"];
const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch"]);

/** @param {unknown} v @returns {v is Record<string, unknown>} */
const isRecord = (v) => typeof v === "object" && v !== null && !Array.isArray(v);

/** @param {Record<string, unknown>} node @param {(key: string) => boolean} keep */
function pick(node, keep) {
  return Object.fromEntries(Object.entries(node).filter(([k]) => keep(k)));
}

/** @param {unknown} node @returns {unknown} A schema with its documentation keys removed. */
function schema(node) {
  if (!isRecord(node)) return node;
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (!SCHEMA_KEYS.has(key)) continue;
    if (key === "properties" && isRecord(value)) {
      // Property names are facts; each value is a schema.
      out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, schema(v)]));
    } else if (key === "items" || key === "additionalProperties") {
      out[key] = Array.isArray(value) ? value.map(schema) : schema(value);
    } else if (key === "allOf" && Array.isArray(value)) {
      out.allOf = value.map(schema);
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** @param {unknown} node */
function parameter(node) {
  if (!isRecord(node)) return node;
  const out = pick(node, (k) => PARAMETER_KEYS.has(k));
  if (out.schema !== undefined) out.schema = schema(out.schema);
  if (out.items !== undefined) out.items = schema(out.items);
  return out;
}

/** @param {unknown} node */
function response(node) {
  if (!isRecord(node)) return node;
  if (typeof node.$ref === "string") return { $ref: node.$ref };
  // Swagger 2.0 requires a description on every response: an empty one keeps the file valid.
  /** @type {Record<string, unknown>} */
  const out = { description: "" };
  if (node.schema !== undefined) out.schema = schema(node.schema);
  if (isRecord(node.headers)) {
    out.headers = Object.fromEntries(Object.entries(node.headers).map(([k, v]) => [k, schema(v)]));
  }
  return out;
}

/** @param {unknown} node */
function operation(node) {
  if (!isRecord(node)) return node;
  const out = pick(node, (k) => OPERATION_KEYS.includes(k));
  if (Array.isArray(node.parameters)) out.parameters = node.parameters.map(parameter);
  if (isRecord(node.responses)) {
    out.responses = Object.fromEntries(Object.entries(node.responses).map(([s, r]) => [s, response(r)]));
  }
  return out;
}

/** @param {Record<string, unknown>} item A path item: its operations and shared parameters. */
function pathItem(item) {
  return Object.fromEntries(
    Object.entries(item)
      .filter(([k]) => METHODS.has(k) || k === "parameters")
      .map(([k, v]) => [k, k === "parameters" && Array.isArray(v) ? v.map(parameter) : operation(v)]),
  );
}

/** @param {Record<string, unknown>} node @param {(v: unknown) => unknown} f */
const mapValues = (node, f) => Object.fromEntries(Object.entries(node).map(([k, v]) => [k, f(v)]));

/**
 * The fact-only contract of a Swagger 2.0 document (see the file comment). Pure: the same document
 * always gives the same contract, and deriving a contract again gives it back unchanged.
 * @param {unknown} doc
 */
function deriveContract(doc) {
  if (!isRecord(doc) || doc.swagger !== "2.0" || !isRecord(doc.paths) || !isRecord(doc.definitions)) {
    throw new Error("not a Swagger 2.0 document with paths and definitions");
  }
  const info = isRecord(doc.info) ? doc.info : {};
  /** @type {Record<string, unknown>} */
  const out = {
    swagger: "2.0",
    info: { title: info.title, version: info.version },
    "x-derived-by": "npm run contract:derive (scripts/derive-contract.js): facts only",
  };
  for (const key of ["host", "basePath", "schemes", "consumes", "produces"]) {
    if (doc[key] !== undefined) out[key] = doc[key];
  }
  out.paths = mapValues(doc.paths, (item) => (isRecord(item) ? pathItem(item) : item));
  if (isRecord(doc.securityDefinitions)) {
    out.securityDefinitions = mapValues(doc.securityDefinitions, (d) =>
      isRecord(d) ? pick(d, (k) => ["type", "in", "name", "flow", "scopes"].includes(k)) : d,
    );
  }
  out.definitions = mapValues(doc.definitions, schema);
  if (isRecord(doc.parameters)) out.parameters = mapValues(doc.parameters, parameter);
  if (isRecord(doc.responses)) out.responses = mapValues(doc.responses, response);
  return out;
}

/** The text the committed file holds for a contract (stable formatting, one trailing newline). */
function contractText(contract) {
  return `${JSON.stringify(contract, null, 2)}\n`;
}

/**
 * Where the published swagger is: `{file}` when one is available, else `{reason}` saying why not.
 * $WPENGINE_SWAGGER naming a missing file is an error, not an absence: it was asked for.
 * @param {string} repo
 * @returns {{ file: string } | { reason: string }}
 */
function publishedSwagger(repo) {
  const fromEnv = process.env.WPENGINE_SWAGGER;
  if (fromEnv) {
    if (!fs.existsSync(fromEnv)) throw new Error(`WPENGINE_SWAGGER=${fromEnv} does not exist`);
    return { file: path.resolve(fromEnv) };
  }
  const beside = path.resolve(repo, "../shared/reference/wpengine-api-swagger.json");
  if (fs.existsSync(beside)) return { file: beside };
  return { reason: `WPENGINE_SWAGGER is unset and ${beside} does not exist` };
}

/**
 * Compares the committed contract with what the published swagger derives, when one is available.
 * @param {string} repo
 * @returns {{ status: "match" | "differs" | "not-run", line: string }}
 */
function checkContract(repo) {
  const found = publishedSwagger(repo);
  const committed = path.join(repo, CONTRACT_PATH);
  if (!("file" in found)) {
    return {
      status: "not-run",
      line: `contract: cross-check against the published swagger NOT run (${found.reason}); the contract tests use the committed ${CONTRACT_PATH}`,
    };
  }
  const derived = deriveContract(JSON.parse(fs.readFileSync(found.file, "utf8")));
  const current = fs.existsSync(committed) ? JSON.parse(fs.readFileSync(committed, "utf8")) : undefined;
  if (isDeepStrictEqual(current, derived)) {
    return {
      status: "match",
      line: `contract: ${CONTRACT_PATH} matches the published swagger ${found.file}`,
    };
  }
  return {
    status: "differs",
    line: `contract: ${CONTRACT_PATH} differs from what ${found.file} derives; run \`npm run contract:derive\` and review the diff`,
  };
}

function main(argv) {
  const repo = path.resolve(__dirname, "..");
  if (argv.includes("--check")) {
    const result = checkContract(repo);
    console.log(result.line);
    return result.status === "differs" ? 1 : 0;
  }
  const found = publishedSwagger(repo);
  if (!("file" in found)) {
    console.error(`derive-contract: no published swagger to derive from (${found.reason})`);
    return 2;
  }
  const contract = deriveContract(JSON.parse(fs.readFileSync(found.file, "utf8")));
  fs.writeFileSync(path.join(repo, CONTRACT_PATH), contractText(contract));
  console.log(`derive-contract: wrote ${CONTRACT_PATH} from ${found.file}`);
  return 0;
}

module.exports = { CONTRACT_PATH, deriveContract, contractText, publishedSwagger, checkContract };

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (err) {
    console.error(`derive-contract: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 2;
  }
}
