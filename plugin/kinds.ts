import type { z } from "zod";
import type { ProviderKind } from "../provider/index";
import { accountUserInputs } from "../provider/resources/accountUser/schema";
import { backupInputs } from "../provider/resources/backup/schema";
import { cachePurgeInputs } from "../provider/resources/cachePurge/provider";
import { domainInputs } from "../provider/resources/domain/schema";
import { domainCertificateInputs } from "../provider/resources/domainCertificate/provider";
import { installInputs } from "../provider/resources/install/schema";
import { installCopyInputs } from "../provider/resources/installCopy/provider";
import { siteInputs } from "../provider/resources/site/schema";
import { sshKeyInputs } from "../provider/resources/sshKey/schema";

/** The package name: type tokens are `wpengine:index:<Kind>`. */
export const PACKAGE = "wpengine";

/**
 * How `pulumi import` names an object of a kind, and what the kind's read needs beside the
 * resource id: `<installId>/<domainId>` becomes the resource id `domainId` and the props
 * `{ installId }`. Why: an import Read carries only the id, while these kinds read within a parent.
 */
export interface ImportForm {
  /** The id as the user gives it, e.g. `<accountId>/<userId>`. */
  form: string;
  /** The names of the parts before the resource id, in order (empty: the id alone). */
  parents: readonly string[];
}

/** One resource kind the plugin serves: the same provider implementation as the dynamic resource. */
export interface PluginKind {
  /** The kind, as `createProvider` takes it. */
  kind: ProviderKind;
  /** The inputs as `check` validates them: the single source of the schema's input properties. */
  inputs: z.ZodType;
  /** Inputs of the dynamic path that a plugin resource does not take (the engine's `import` option replaces `importId`). */
  dynamicOnly: readonly string[];
  /** Outputs that hold personal data: marked secret in the schema, so the state holds ciphertext. */
  secretOutputs: readonly string[];
  /** How `pulumi import` names an object; absent for kinds that cannot be imported (actions, backups). */
  importForm?: ImportForm;
}

const IMPORT_ONLY = ["importId"] as const;

/** Every kind the plugin serves, in schema order. AccountUserRemoval stays a dynamic-path helper. */
export const PLUGIN_KINDS: readonly PluginKind[] = [
  {
    kind: "AccountUser",
    inputs: accountUserInputs,
    dynamicOnly: IMPORT_ONLY,
    secretOutputs: ["phone"],
    importForm: { form: "<accountId>/<userId>", parents: ["accountId"] },
  },
  { kind: "Backup", inputs: backupInputs, dynamicOnly: [], secretOutputs: [] },
  {
    kind: "Site",
    inputs: siteInputs,
    dynamicOnly: IMPORT_ONLY,
    secretOutputs: [],
    importForm: { form: "<siteId>", parents: [] },
  },
  {
    kind: "Install",
    inputs: installInputs,
    dynamicOnly: IMPORT_ONLY,
    secretOutputs: [],
    importForm: { form: "<installId>", parents: [] },
  },
  {
    kind: "Domain",
    inputs: domainInputs,
    dynamicOnly: IMPORT_ONLY,
    secretOutputs: [],
    importForm: { form: "<installId>/<domainId>", parents: ["installId"] },
  },
  {
    kind: "SshKey",
    inputs: sshKeyInputs,
    dynamicOnly: IMPORT_ONLY,
    secretOutputs: [],
    importForm: { form: "<sshKeyId>", parents: [] },
  },
  {
    kind: "DomainCertificate",
    inputs: domainCertificateInputs,
    dynamicOnly: IMPORT_ONLY,
    secretOutputs: ["holder"],
    importForm: { form: "<installId>/<domainId>", parents: ["installId"] },
  },
  { kind: "CachePurge", inputs: cachePurgeInputs, dynamicOnly: [], secretOutputs: [] },
  { kind: "InstallCopy", inputs: installCopyInputs, dynamicOnly: [], secretOutputs: [] },
];

/** The type token of a kind, e.g. `wpengine:index:Install`. */
export function tokenOf(kind: ProviderKind): string {
  return `${PACKAGE}:index:${kind}`;
}

/**
 * The kind a URN's type names, or undefined for a type this plugin does not serve. The type is the
 * URN's fourth `::` part; a child's type is prefixed by its parents' (`parent$child`).
 */
export function kindOfUrn(urn: string): PluginKind | undefined {
  const type = urn.split("::")[2]?.split("$").pop();
  return PLUGIN_KINDS.find((k) => tokenOf(k.kind) === type);
}

/**
 * Splits an import id into the resource id and the props the kind's read needs, or says how the id
 * is written for the kind. Ids are compared in lower case, as WP Engine compares them.
 */
export function parseImportId(
  kind: PluginKind,
  importId: string,
): { id: string; props: Record<string, string> } | { error: string } {
  const form = kind.importForm;
  if (form === undefined)
    return {
      error: `wpengine:index:${kind.kind} cannot be imported: it is an action or a backup, which WP Engine keeps no object for that a program could own. Declare it instead.`,
    };
  const parts = importId.trim().toLowerCase().split("/");
  if (parts.length !== form.parents.length + 1 || parts.some((p) => p === ""))
    return {
      error: `a wpengine:index:${kind.kind} is imported as "${form.form}", not "${importId}". wpengine-import --format pulumi-import writes every id of an account.`,
    };
  const id = parts.pop() as string;
  return { id, props: Object.fromEntries(form.parents.map((name, i) => [name, parts[i] as string])) };
}
