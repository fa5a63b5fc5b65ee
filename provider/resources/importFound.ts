import type { LifecycleSpec } from "./lifecycle";
import { stableJson } from "./stable";

/**
 * The object `{ import: id }` names (the create-only input `importId`), read now, or why it cannot
 * be adopted: the id does not fit the kind, names no object, or names one whose identity (what
 * would replace it: `identityKeys`, or the kind's own `importMismatches`) differs from the program,
 * each field named with the value WP Engine has. Reading sends no write; in-place differences are
 * for the caller to apply, as an update would.
 */
export async function findImported<I extends Record<string, unknown>>(
  spec: LifecycleSpec<I>,
  identityKeys: readonly string[],
  normalised: (key: string, value: unknown) => unknown,
  importing: string,
  inputs: I,
): Promise<{ id: string; props: Record<string, unknown> } | { failure: string }> {
  const target = spec.importTarget?.(importing, inputs) ?? { id: importing };
  if ("error" in target) return { failure: target.error };
  // Read with only the identity inputs as props: an in-place field the answer leaves out then
  // reads as not known, so the update sends the declared value rather than assuming it is there.
  const identity = Object.fromEntries(Object.entries(inputs).filter(([k]) => !spec.inPlace.includes(k)));
  const found = await spec.read(target.id, identity);
  const kind = spec.type;
  if (found === undefined) {
    return {
      failure: `{ import: "${importing}" } names no ${kind} that WP Engine has (no object with id ${target.id}). Fix: give the id of an existing ${kind} (the lookups, e.g. getInstalls/getDomains/getSshKeys, list them), or drop the import option to create one.`,
    };
  }
  const mismatches = spec.importMismatches
    ? await spec.importMismatches(found, inputs)
    : identityKeys
        .filter((k) => stableJson(normalised(k, found[k])) !== stableJson(normalised(k, inputs[k])))
        .map((k): [string, string] => [k, JSON.stringify(found[k] ?? null)]);
  if (mismatches.length === 0) return { id: target.id, props: found };
  const fields = mismatches
    .map(
      ([k, value]) => `${k}: the program says ${JSON.stringify(inputs[k] ?? null)}, WP Engine has ${value}`,
    )
    .join("; ");
  return {
    failure:
      `the ${kind} ${target.id} that { import: "${importing}" } names differs from the program in what identifies it (${fields}). ` +
      "Nothing was adopted or changed. Fix: declare the values WP Engine has (a change of these would replace the object), or import another id.",
  };
}
