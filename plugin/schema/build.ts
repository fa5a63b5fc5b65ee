import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { FUNCTIONS } from "../functions";
import { PACKAGE, PLUGIN_KINDS, tokenOf } from "../kinds";
import { SdkSource } from "./fromSource";
import { inputsFromZod, type NamedType, type TypeSpec } from "./fromZod";

/** The SDK module and class of each kind: where its TSDoc and declared outputs are read. */
const SDK_FILES: Record<string, string> = {
  AccountUser: "sdk/accountUser.ts",
  Backup: "sdk/backup.ts",
  Site: "sdk/site.ts",
  Install: "sdk/install.ts",
  Domain: "sdk/domain.ts",
  SshKey: "sdk/sshKey.ts",
  DomainCertificate: "sdk/domainCertificate.ts",
  CachePurge: "sdk/actions.ts",
  InstallCopy: "sdk/actions.ts",
};

const CONFIG_KEYS = ["apiUserId", "apiPassword", "apiUrl"] as const;

/**
 * Builds the Pulumi package schema of `pulumi-resource-wpengine`: every kind's input properties from
 * the zod schema its provider checks with, its outputs and all descriptions from the SDK's
 * declarations and TSDoc, the lookups as functions, and the connection as provider configuration
 * (the password a secret). Deterministic: the same sources give the same bytes.
 */
export function buildSchema(root: string): Record<string, unknown> {
  const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { version: string };
  const src = new SdkSource(root);
  const types: Record<string, NamedType> = {};
  const resources: Record<string, unknown> = {};
  for (const k of PLUGIN_KINDS) {
    const file = SDK_FILES[k.kind] as string;
    const inputs = inputsFromZod(PACKAGE, k.kind, k.inputs, k.dynamicOnly);
    Object.assign(types, inputs.types);
    const outputs = src.shape(file, k.kind);
    const secret = (key: string, spec: TypeSpec): TypeSpec =>
      k.secretOutputs.includes(key) ? { ...spec, secret: true } : spec;
    const inputProperties = Object.fromEntries(
      Object.entries(inputs.properties).map(([key, spec]) => {
        const doc = src.memberDoc(file, `${k.kind}Args`, key) || outputs.properties[key]?.description;
        return [key, secret(key, doc ? { ...spec, description: doc } : spec)];
      }),
    );
    const properties: Record<string, TypeSpec> = {};
    for (const [key, spec] of Object.entries(outputs.properties)) {
      const declared = inputs.properties[key];
      // An output that is also an input has the input's type (its enum, its nested type).
      const typed = declared ? { ...withoutDefault(declared), description: spec.description } : spec;
      properties[key] = secret(key, typed);
    }
    // Every input is also an output (the providers return their inputs), declared on the class or not.
    for (const [key, spec] of Object.entries(inputProperties))
      if (!(key in properties)) properties[key] = withoutDefault(spec);
    resources[tokenOf(k.kind)] = {
      description: outputs.description,
      properties,
      required: outputs.required.filter((r) => r in properties),
      inputProperties,
      requiredInputs: inputs.required,
    };
  }
  const functions: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(FUNCTIONS)) {
    const args = src.shape("sdk/lookups.ts", f.args, ["connection"]);
    const info = src.shape("sdk/lookups.ts", f.returns);
    const infoToken = `${PACKAGE}:index:${f.returns}`;
    types[infoToken] = {
      type: "object",
      description: info.description,
      properties: info.properties,
      required: info.required,
    };
    const ref: TypeSpec = { $ref: `#/types/${infoToken}` };
    functions[`${PACKAGE}:index:${name}`] = {
      description: `${src.functionDoc("sdk/lookups.ts", name)} Reads with the provider's connection.`,
      inputs: { properties: args.properties, required: args.required },
      outputs: f.list
        ? { properties: { [f.list]: { type: "array", items: ref } }, required: [f.list] }
        : { properties: info.properties, required: info.required },
    };
  }
  const config = Object.fromEntries(
    CONFIG_KEYS.map((key) => {
      const spec: TypeSpec = {
        type: "string",
        description: src.memberDoc("provider/client/config.ts", "ExplicitClientConfig", key),
      };
      return [key, key === "apiPassword" ? { ...spec, secret: true } : spec];
    }),
  );
  return {
    name: PACKAGE,
    displayName: "WP Engine",
    version: pkg.version,
    description: "Manage WP Engine (team access, sites, installs, domains, SSH keys, backups) as code.",
    keywords: ["pulumi", "wpengine", "wordpress", "category/infrastructure", "kind/native"],
    license: "Apache-2.0",
    config: { variables: config },
    provider: { description: "The WP Engine provider: one per account connection.", inputProperties: config },
    types: sortKeys(types),
    resources,
    functions,
    language: {
      nodejs: { packageName: "@pulumi-wpengine/plugin-sdk", dependencies: { "@pulumi/pulumi": "^3.0.0" } },
      go: {
        importBasePath: "github.com/pulumi-wpengine/pulumi-wpengine/sdks/go/wpengine",
        generateResourceContainerTypes: false,
      },
      python: { packageName: "pulumi_wpengine" },
      csharp: { rootNamespace: "PulumiWpEngine" },
    },
  };
}

function withoutDefault(spec: TypeSpec): TypeSpec {
  const { default: _d, ...rest } = spec;
  return rest;
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}

/** The schema as committed: two-space JSON with a final newline. */
export function schemaText(root: string): string {
  return `${JSON.stringify(buildSchema(root), null, 2)}\n`;
}

if (require.main === module) {
  const root = path.resolve(__dirname, "..", "..", "..");
  const file = path.join(root, "schema.json");
  const text = schemaText(root);
  if (process.argv.includes("--check")) {
    const committed = readFileSync(file, "utf8");
    if (committed !== text) {
      console.error("schema.json is not current: run `npm run schema` and commit it.");
      process.exit(1);
    }
    console.log("schema.json is current");
  } else {
    writeFileSync(file, text);
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
}
