import { z } from "zod";

/** A property or type in Pulumi's package schema (the subset this package needs). */
export interface TypeSpec {
  type?: "string" | "number" | "integer" | "boolean" | "array" | "object";
  items?: TypeSpec;
  additionalProperties?: TypeSpec;
  $ref?: string;
  description?: string;
  default?: unknown;
  secret?: boolean;
}

/** A named type of the schema: an object with properties, or a string enum. */
export interface NamedType {
  type: "object" | "string";
  description?: string;
  properties?: Record<string, TypeSpec>;
  required?: string[];
  enum?: { value: string; name?: string }[];
}

/** The input properties of a kind, derived from its zod schema, and the named types they use. */
export interface DerivedInputs {
  properties: Record<string, TypeSpec>;
  required: string[];
  types: Record<string, NamedType>;
}

interface JsonSchema {
  type?: string;
  enum?: unknown[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  default?: unknown;
}

const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Derives a kind's input properties from the zod schema its `check` validates with: names, types,
 * enums, defaults and which are required. The zod schema is the one source: the plugin's schema can
 * not accept an input the provider would refuse, or miss one it takes. An enum or a nested object
 * becomes a named type `<pkg>:index:<Kind><Property>` (Pulumi schemas name them).
 */
export function inputsFromZod(
  pkg: string,
  kind: string,
  schema: z.ZodType,
  omit: readonly string[],
): DerivedInputs {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  const types: Record<string, NamedType> = {};
  const convert = (name: string, s: JsonSchema): TypeSpec => {
    const withDefault = (t: TypeSpec): TypeSpec =>
      s.default === undefined ? t : { ...t, default: s.default };
    if (s.enum !== undefined) {
      const token = `${pkg}:index:${name}`;
      types[token] = { type: "string", enum: s.enum.map((v) => ({ value: String(v) })) };
      return withDefault({ $ref: `#/types/${token}` });
    }
    switch (s.type) {
      case "string":
      case "number":
      case "integer":
      case "boolean":
        return withDefault({ type: s.type });
      case "array":
        return withDefault({ type: "array", items: s.items ? convert(`${name}Item`, s.items) : any() });
      case "object": {
        if (s.properties !== undefined && Object.keys(s.properties).length > 0) {
          const token = `${pkg}:index:${name}`;
          types[token] = {
            type: "object",
            properties: Object.fromEntries(
              Object.entries(s.properties).map(([k, v]) => [k, convert(`${name}${pascal(k)}`, v)]),
            ),
            required: [...(s.required ?? [])].sort(),
          };
          return { $ref: `#/types/${token}` };
        }
        const values = typeof s.additionalProperties === "object" ? s.additionalProperties : {};
        return withDefault({
          type: "object",
          additionalProperties: values.type ? convert(`${name}Value`, values) : any(),
        });
      }
      default:
        return any();
    }
  };
  const properties: Record<string, TypeSpec> = {};
  for (const [key, value] of Object.entries(json.properties ?? {})) {
    if (!omit.includes(key)) properties[key] = convert(`${kind}${pascal(key)}`, value);
  }
  const required = (json.required ?? []).filter(
    (k) => !omit.includes(k) && properties[k]?.default === undefined,
  );
  return { properties, required: required.sort(), types };
}

/** Pulumi's "any value" type. */
export function any(): TypeSpec {
  return { $ref: "pulumi.json#/Any" };
}
