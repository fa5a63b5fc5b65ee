import type * as pulumi from "@pulumi/pulumi";
import { type PluginKind, parseImportId } from "./kinds";

/**
 * The Read of an import (`pulumi import wpengine:index:<Kind> <name> <id>`, or the `import` resource
 * option): the kind's own read, given the resource id and the parent ids the import id carries, then
 * the kind's own check over what it read, so the inputs the engine records (and writes code from) are
 * the ones a program would declare, defaults included (`deletionProtection: true`). Reads only: an
 * id that names nothing fails the import, naming the form of the id; nothing is written.
 */
export async function importRead(
  kind: PluginKind,
  impl: pulumi.dynamic.ResourceProvider,
  importId: string,
): Promise<pulumi.dynamic.ReadResult> {
  const target = parseImportId(kind, importId);
  if ("error" in target) throw new Error(target.error);
  if (!impl.read) throw new Error(`wpengine:index:${kind.kind} cannot be imported`);
  const found = await impl.read(target.id, target.props);
  if (!found.id)
    throw new Error(
      `wpengine:index:${kind.kind} "${importId}" names nothing WP Engine has (form: "${kind.importForm?.form}"). Nothing was imported.`,
    );
  const read = { ...(found.inputs ?? {}) };
  for (const key of kind.dynamicOnly) delete read[key];
  const checked = impl.check ? await impl.check(read, read) : { inputs: read };
  if (checked.failures?.length)
    throw new Error(
      `wpengine:index:${kind.kind} "${importId}" was read, but what WP Engine reports does not make valid inputs: ` +
        checked.failures.map((f) => `${f.property}: ${f.reason}`).join("; "),
    );
  const inputs = (checked.inputs ?? read) as Record<string, unknown>;
  return { id: found.id, props: { ...(found.props ?? {}), ...inputs }, inputs };
}
