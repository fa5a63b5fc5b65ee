import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { z } from "zod";
import { PLUGIN_KINDS, tokenOf } from "../../plugin/kinds";
import { schemaText } from "../../plugin/schema/build";
import { findRepoRoot } from "../support/swagger";

const root = findRepoRoot();
interface Prop {
  type?: string;
  $ref?: string;
  items?: Prop;
  additionalProperties?: Prop;
  secret?: boolean;
}
interface Schema {
  resources: Record<
    string,
    { inputProperties: Record<string, Prop>; requiredInputs: string[]; properties: Record<string, Prop> }
  >;
  types: Record<string, { type: string; enum?: { value: string }[] }>;
  config: { variables: Record<string, Prop> };
  functions: Record<string, unknown>;
}
const committed = () => JSON.parse(readFileSync(join(root, "schema.json"), "utf8")) as Schema;

interface ZodDef {
  type: string;
  innerType?: ZodNode;
  in?: ZodNode;
  element?: ZodNode;
  entries?: Record<string, string>;
}
interface ZodNode {
  _zod: { def: ZodDef };
}

/**
 * What a zod schema accepts, read from zod's own definition (not from the JSON Schema the generator
 * uses): wrappers and transforms unwrapped to the type the input must have.
 */
function accepted(node: ZodNode): { type: string; values?: string[]; items?: string } {
  const def = node._zod.def;
  if ((def.type === "optional" || def.type === "default" || def.type === "nullable") && def.innerType)
    return accepted(def.innerType);
  if (def.type === "pipe" && def.in) return accepted(def.in);
  if (def.type === "enum") return { type: "enum", values: Object.values(def.entries ?? {}) };
  if (def.type === "array" && def.element) return { type: "array", items: accepted(def.element).type };
  if (def.type === "record") return { type: "map" };
  return { type: def.type };
}

/** The same, read from the schema.json property. */
function declared(s: Schema, p: Prop): { type: string; values?: string[]; items?: string } {
  if (p.$ref?.startsWith("#/types/")) {
    const t = s.types[p.$ref.slice("#/types/".length)];
    if (t?.enum) return { type: "enum", values: t.enum.map((e) => e.value) };
    return { type: "object" };
  }
  if (p.type === "array" && p.items) return { type: "array", items: declared(s, p.items).type };
  if (p.type === "object" && p.additionalProperties) return { type: "map" };
  return { type: p.type ?? "any" };
}

describe("plugin schema.json", () => {
  it("is the file the generator writes from today's sources (run `npm run schema` after a change)", function () {
    this.timeout(60_000);
    assert.equal(readFileSync(join(root, "schema.json"), "utf8"), schemaText(root));
  });

  for (const kind of PLUGIN_KINDS) {
    it(`agrees with the zod schema of ${kind.kind} on every input property, type, enum and requirement`, () => {
      const s = committed();
      const resource = s.resources[tokenOf(kind.kind)];
      assert.ok(resource, `${tokenOf(kind.kind)} is missing`);
      const shape = (kind.inputs as unknown as { shape: Record<string, z.ZodType> }).shape;
      const keys = Object.keys(shape).filter((k) => !kind.dynamicOnly.includes(k));
      assert.deepEqual(Object.keys(resource.inputProperties).sort(), [...keys].sort());
      for (const key of keys) {
        const want = accepted(shape[key] as unknown as ZodNode);
        const have = declared(s, resource.inputProperties[key] as Prop);
        assert.deepEqual(have, want, `${kind.kind}.${key}`);
        // Required exactly when zod rejects a missing value.
        const missingOk = (shape[key] as z.ZodType).safeParse(undefined).success;
        assert.equal(resource.requiredInputs.includes(key), !missingOk, `${kind.kind}.${key} required`);
        assert.ok(key in resource.properties, `${kind.kind}.${key} is an input but no output`);
      }
      for (const secret of kind.secretOutputs)
        assert.equal(resource.properties[secret]?.secret, true, secret);
    });
  }

  it("takes the password as a secret and serves every lookup as a function", () => {
    const s = committed();
    assert.equal(s.config.variables.apiPassword?.secret, true);
    assert.deepEqual(Object.keys(s.config.variables).sort(), ["apiPassword", "apiUrl", "apiUserId"]);
    assert.deepEqual(
      Object.keys(s.functions).sort(),
      [
        "getAccountLimits",
        "getDomains",
        "getInstall",
        "getInstalls",
        "getSite",
        "getSites",
        "getSshKeys",
      ].map((f) => `wpengine:index:${f}`),
    );
  });
});
