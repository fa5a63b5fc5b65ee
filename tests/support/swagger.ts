/**
 * Loads the API contract at test time (the published Swagger 2.0 document when one is available, else
 * the fact-only contract committed in tests/contract) and validates response bodies against it with
 * ajv. Swagger 2.0 is not JSON Schema: `x-nullable: true` becomes a `null` type, `#/definitions/...`
 * refs resolve against the contract's definitions, and Swagger-only keys are dropped.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import Ajv, { type ValidateFunction } from "ajv";

/** The repository root: the nearest ancestor of `start` with a package.json named pulumi-wpengine. */
export function findRepoRoot(start: string = __dirname): string {
  let dir = path.resolve(start);
  for (;;) {
    const pkg = path.join(dir, "package.json");
    if (existsSync(pkg)) {
      const parsed = JSON.parse(readFileSync(pkg, "utf8")) as { name?: unknown };
      if (parsed.name === "pulumi-wpengine") return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no pulumi-wpengine package.json above ${start}`);
    dir = parent;
  }
}

/** What scripts/derive-contract.js exports (a plain script, so that it runs without a build). */
export interface DeriveContractScript {
  /** The committed contract's path, relative to the repository root. */
  CONTRACT_PATH: string;
  /** The fact-only contract of a Swagger 2.0 document. */
  deriveContract(doc: unknown): unknown;
  /** The text the committed file holds for a contract. */
  contractText(contract: unknown): string;
  /** The published swagger, or why there is none. Throws when `$WPENGINE_SWAGGER` names a missing file. */
  publishedSwagger(repo: string): { file: string } | { reason: string };
  /** The committed quick start facts' path, relative to the repository root. */
  QUICK_START_PATH: string;
  /** The facts of the quick start guide's markdown. */
  deriveQuickStart(markdown: string): unknown;
  /** The published quick start guide, or why there is none. */
  publishedQuickStart(repo: string): { file: string } | { reason: string };
}

/** Loads scripts/derive-contract.js from the repository (it is not compiled into dist). */
export function deriveContractScript(): DeriveContractScript {
  return require(path.join(findRepoRoot(), "scripts", "derive-contract.js")) as DeriveContractScript;
}

/** The published swagger (`$WPENGINE_SWAGGER`, else `<repo>/../shared/reference/wpengine-api-swagger.json`), if available. */
export function publishedSwaggerFile(): string | undefined {
  const found = deriveContractScript().publishedSwagger(findRepoRoot());
  return "file" in found ? found.file : undefined;
}

/** The committed fact-only contract derived from the published swagger by `npm run contract:derive`. */
export function committedContractFile(): string {
  return path.join(findRepoRoot(), deriveContractScript().CONTRACT_PATH);
}

/** Where the contract tests read the API contract: the published swagger when available, else the committed contract. */
export function swaggerFile(): string {
  return publishedSwaggerFile() ?? committedContractFile();
}

/** The parts of a Swagger 2.0 document these helpers read. */
export interface SwaggerDoc {
  basePath?: string;
  paths: Record<string, Record<string, unknown>>;
  definitions: Record<string, unknown>;
}

/** Reads and parses the contract. */
export function loadSwagger(file: string = swaggerFile()): SwaggerDoc {
  const doc = JSON.parse(readFileSync(file, "utf8")) as SwaggerDoc;
  if (typeof doc.paths !== "object" || typeof doc.definitions !== "object") {
    throw new Error(`${file} is not a Swagger 2.0 document with paths and definitions`);
  }
  return doc;
}

/** Options for {@link toJsonSchema}. */
export interface ConvertOptions {
  /** Close every object schema with `additionalProperties: false` (answers carry documented fields only). */
  strictAdditional?: boolean;
  /** What `#/definitions/` refs become, e.g. `swagger#/definitions/`. */
  refPrefix?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Keys of Swagger schemas that are documentation only (or unknown to JSON Schema). */
const DROPPED = new Set(["example", "discriminator", "xml", "externalDocs", "readOnly"]);

/** Converts one Swagger 2.0 schema node into JSON Schema (draft-07) as described in the module doc. */
export function toJsonSchema(node: unknown, options: ConvertOptions = {}): unknown {
  if (Array.isArray(node)) return node.map((n) => toJsonSchema(n, options));
  if (!isRecord(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith("x-") || DROPPED.has(key)) continue;
    if (key === "$ref" && typeof value === "string") {
      out.$ref = value.replace(/^#\/definitions\//, options.refPrefix ?? "#/definitions/");
    } else if (key === "properties" && isRecord(value)) {
      // Property names are data, not keywords: convert each property schema, keep every name.
      out.properties = Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, toJsonSchema(v, options)]),
      );
    } else {
      out[key] = toJsonSchema(value, options);
    }
  }
  if (options.strictAdditional && isRecord(out.properties) && out.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  if (node["x-nullable"] === true) {
    if (typeof out.$ref === "string") return { anyOf: [{ $ref: out.$ref }, { type: "null" }] };
    if (typeof out.type === "string") out.type = [out.type, "null"];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  }
  return out;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** One documented operation of the contract. */
export interface ContractOperation {
  path: string;
  method: string;
  operationId: string | undefined;
  statuses: number[];
}

/** Validates bodies against the response schemas of the contract. */
export class ContractValidator {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction | null>();
  private readonly options: ConvertOptions;

  constructor(
    readonly doc: SwaggerDoc = loadSwagger(),
    options: { strictAdditional?: boolean } = {},
  ) {
    this.options = {
      strictAdditional: options.strictAdditional ?? false,
      refPrefix: "swagger#/definitions/",
    };
    this.ajv = new Ajv({ strict: false, allErrors: true });
    this.ajv.addFormat("uuid", UUID);
    this.ajv.addFormat("date-time", {
      validate: (s: string) => DATE_TIME.test(s) && !Number.isNaN(Date.parse(s)),
    });
    const definitions = Object.fromEntries(
      Object.entries(this.doc.definitions).map(([name, schema]) => [
        name,
        toJsonSchema(schema, this.options),
      ]),
    );
    this.ajv.addSchema({ $id: "swagger", definitions });
  }

  /** Every operation in the contract. */
  operations(): ContractOperation[] {
    const list: ContractOperation[] = [];
    for (const [p, item] of Object.entries(this.doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (!isRecord(op) || !isRecord(op.responses)) continue;
        const statuses = Object.keys(op.responses)
          .filter((s) => /^\d{3}$/.test(s))
          .map(Number);
        const operationId = typeof op.operationId === "string" ? op.operationId : undefined;
        list.push({ path: p, method: method.toUpperCase(), operationId, statuses });
      }
    }
    return list;
  }

  private response(p: string, method: string, status: number): Record<string, unknown> {
    const op = this.doc.paths[p]?.[method.toLowerCase()];
    if (!isRecord(op) || !isRecord(op.responses)) throw new Error(`the contract has no ${method} ${p}`);
    let response = op.responses[String(status)];
    if (!isRecord(response)) throw new Error(`the contract documents no ${status} for ${method} ${p}`);
    if (typeof response.$ref === "string") {
      response = this.doc.definitions[response.$ref.replace(/^#\/definitions\//, "")];
      if (!isRecord(response)) throw new Error(`dangling response ref for ${status} of ${method} ${p}`);
    }
    return response;
  }

  /** Statuses the contract documents for an operation. */
  statuses(p: string, method: string): number[] {
    const found = this.operations().find((o) => o.path === p && o.method === method.toUpperCase());
    if (!found) throw new Error(`the contract has no ${method} ${p}`);
    return found.statuses;
  }

  /** True when the contract documents a body schema for this answer. */
  hasBodySchema(p: string, method: string, status: number): boolean {
    return this.response(p, method, status).schema !== undefined;
  }

  /**
   * Validates a body against the documented schema of `status` for `method p` (p is the swagger path
   * template, e.g. `/sites/{site_id}`). Answers error texts, empty when valid. Throws when the status is
   * not documented, so a test cannot silently validate against nothing.
   */
  validate(p: string, method: string, status: number, body: unknown): string[] {
    const key = `${method.toUpperCase()} ${p} ${status}`;
    let validator = this.compiled.get(key);
    if (validator === undefined) {
      const schema = this.response(p, method, status).schema;
      validator =
        schema === undefined ? null : this.ajv.compile(toJsonSchema(schema, this.options) as object);
      this.compiled.set(key, validator);
    }
    if (validator === null) {
      return body === undefined || body === "" ? [] : [`${key} documents no body, but one was answered`];
    }
    if (validator(body)) return [];
    return (validator.errors ?? []).map(
      (e) => `${key}: ${e.instancePath || "(root)"} ${e.message ?? "invalid"}`,
    );
  }
}
