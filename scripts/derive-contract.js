#!/usr/bin/env node
// Derives the committed API contract (tests/contract/wpengine-api.contract.json) from the published
// WP Engine swagger, keeping facts only: paths, methods, operation ids, parameters, statuses, security
// and schemas (types, formats, property names, required, enums, nullability, bounds, refs). Every
// description, summary, example, tag and vendor extension except x-nullable is dropped, so the file
// carries no prose of the published document, yet stays a Swagger 2.0 document the contract tests
// load unchanged. The tests use the full swagger when one is available and this file otherwise.
//
// It also derives tests/contract/quickstart.facts.json from the published quick start guide: its curl
// requests with their example responses, and its common errors' bodies (facts; none of its prose).
//
// Usage: node scripts/derive-contract.js           write both files from the published documents
//        node scripts/derive-contract.js --check   compare the committed files with them; when none is
//                                                  available, say in one line that the cross-check
//                                                  was not run (exit 0)
// The published swagger is $WPENGINE_SWAGGER, else <repo>/../shared/reference/wpengine-api-swagger.json;
// the quick start is $WPENGINE_QUICK_START, else quick-start.md beside that swagger or in ../shared.

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

/** Where the quick start's facts live, relative to the repository root. */
const QUICK_START_PATH = "tests/contract/quickstart.facts.json";
const API_BASE = "https://api.wpengineapi.com/v1";

/**
 * The quick start guide's facts: each curl request (method, path under the API base, JSON body) with
 * the example response shown after it, and each common error's status with its example body. The
 * guide's prose and its code samples in other languages are left out.
 * @param {string} markdown
 */
function deriveQuickStart(markdown) {
  /** @type {{ method: string, path: string, body?: unknown, response?: unknown }[]} */
  const steps = [];
  /** @type {{ status: number, response: unknown }[]} */
  const errors = [];
  /** @type {number | undefined} */
  let errorStatus;
  const fence = /^(#{2,3} .*)$|^```(\w+)\n([\s\S]*?)^```$/gm;
  for (const m of markdown.matchAll(fence)) {
    if (m[1] !== undefined) {
      const status = /^### (\d{3}) /.exec(m[1]);
      errorStatus = status ? Number(status[1]) : undefined;
      continue;
    }
    const [lang, code] = [m[2], m[3] ?? ""];
    if (lang === "bash" && /^curl /.test(code)) {
      const request = /-X (\w+) (\S+)/.exec(code);
      if (!request?.[2]?.startsWith(API_BASE)) throw new Error(`quick start: unexpected curl ${code}`);
      const data = /-d '([\s\S]*?)'/.exec(code);
      const step = { method: request[1] ?? "", path: request[2].slice(API_BASE.length) };
      steps.push(data?.[1] === undefined ? step : { ...step, body: JSON.parse(data[1]) });
    } else if (lang === "json" && errorStatus !== undefined) {
      errors.push({ status: errorStatus, response: JSON.parse(code) });
    } else if (lang === "json") {
      const last = steps[steps.length - 1];
      if (!last || last.response !== undefined) throw new Error("quick start: a response with no request");
      last.response = JSON.parse(code);
    }
  }
  return {
    "x-derived-by": "npm run contract:derive (scripts/derive-contract.js): facts only",
    steps,
    errors,
  };
}

/** The text the committed file holds for a contract (stable formatting, one trailing newline). */
function contractText(contract) {
  return `${JSON.stringify(contract, null, 2)}\n`;
}

/**
 * Finds a published document: `{file}` when one is available, else `{reason}` saying why not. The
 * environment variable naming a missing file is an error, not an absence: it was asked for.
 * @param {string} envName
 * @param {string[]} candidates files tried in order when the variable is unset
 * @returns {{ file: string } | { reason: string }}
 */
function findPublished(envName, candidates) {
  const fromEnv = process.env[envName];
  if (fromEnv) {
    if (!fs.existsSync(fromEnv)) throw new Error(`${envName}=${fromEnv} does not exist`);
    return { file: path.resolve(fromEnv) };
  }
  const found = candidates.find((f) => fs.existsSync(f));
  return found
    ? { file: found }
    : { reason: `${envName} is unset and ${candidates.join(" and ")} do not exist` };
}

/**
 * The published swagger: $WPENGINE_SWAGGER, else <repo>/../shared/reference/wpengine-api-swagger.json.
 * @param {string} repo
 */
function publishedSwagger(repo) {
  const found = findPublished("WPENGINE_SWAGGER", [
    path.resolve(repo, "../shared/reference/wpengine-api-swagger.json"),
  ]);
  // One candidate: say "does not exist" in the singular.
  return "reason" in found ? { reason: found.reason.replace(/ do not exist$/, " does not exist") } : found;
}

/**
 * The published quick start guide: $WPENGINE_QUICK_START, else quick-start.md beside the published
 * swagger, else <repo>/../shared/reference/quick-start.md.
 * @param {string} repo
 */
function publishedQuickStart(repo) {
  const swagger = publishedSwagger(repo);
  const beside = "file" in swagger ? [path.join(path.dirname(swagger.file), "quick-start.md")] : [];
  return findPublished("WPENGINE_QUICK_START", [
    ...beside,
    path.resolve(repo, "../shared/reference/quick-start.md"),
  ]);
}

/** The committed files and what each is derived from. */
const DERIVED = [
  {
    what: "published swagger",
    target: CONTRACT_PATH,
    source: publishedSwagger,
    /** @param {string} text */
    derive: (text) => deriveContract(JSON.parse(text)),
  },
  {
    what: "published quick start",
    target: QUICK_START_PATH,
    source: publishedQuickStart,
    derive: deriveQuickStart,
  },
];

/**
 * Compares each committed file with what its published document derives, when that is available.
 * When no published document is available at all, answers one line saying the cross-check was not run.
 * @param {string} repo
 * @returns {{ status: "match" | "differs" | "not-run", lines: string[] }}
 */
function checkContract(repo) {
  const results = DERIVED.map((d) => {
    const found = d.source(repo);
    if (!("file" in found)) return { status: "not-run", reason: found.reason, d };
    const derived = d.derive(fs.readFileSync(found.file, "utf8"));
    const committed = path.join(repo, d.target);
    const current = fs.existsSync(committed) ? JSON.parse(fs.readFileSync(committed, "utf8")) : undefined;
    return isDeepStrictEqual(current, derived)
      ? { status: "match", line: `contract: ${d.target} matches the ${d.what} ${found.file}` }
      : {
          status: "differs",
          line: `contract: ${d.target} differs from what ${found.file} derives; run \`npm run contract:derive\` and review the diff`,
        };
  });
  if (results.every((r) => r.status === "not-run")) {
    const swagger = results[0];
    return {
      status: "not-run",
      lines: [
        `contract: cross-check against the published swagger NOT run (${swagger?.reason}); the contract tests use the committed ${DERIVED.map((d) => d.target).join(" and ")}`,
      ],
    };
  }
  return {
    status: results.some((r) => r.status === "differs") ? "differs" : "match",
    lines: results.map((r) =>
      r.status === "not-run"
        ? `contract: cross-check of ${r.d.target} against the ${r.d.what} NOT run (${r.reason})`
        : (r.line ?? ""),
    ),
  };
}

function main(argv) {
  const repo = path.resolve(__dirname, "..");
  if (argv.includes("--check")) {
    const result = checkContract(repo);
    for (const line of result.lines) console.log(line);
    return result.status === "differs" ? 1 : 0;
  }
  for (const d of DERIVED) {
    const found = d.source(repo);
    if (!("file" in found)) {
      console.error(`derive-contract: no ${d.what} to derive ${d.target} from (${found.reason})`);
      return 2;
    }
    fs.writeFileSync(path.join(repo, d.target), contractText(d.derive(fs.readFileSync(found.file, "utf8"))));
    console.log(`derive-contract: wrote ${d.target} from ${found.file}`);
  }
  return 0;
}

module.exports = {
  CONTRACT_PATH,
  QUICK_START_PATH,
  deriveContract,
  deriveQuickStart,
  contractText,
  publishedSwagger,
  publishedQuickStart,
  checkContract,
};

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (err) {
    console.error(`derive-contract: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 2;
  }
}
