import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { containsUnknown } from "./unknown";

/**
 * Validates a resource's new inputs with a zod schema and turns every issue into a Pulumi
 * `CheckFailure` on the property it concerns, so `pulumi preview` lists each bad field with its fix
 * before any API call. Properties that are still unknown (preview of a value computed elsewhere) are
 * left out of the validation and passed through untouched.
 */
export function runCheck<S extends z.ZodObject>(
  schema: S,
  news: Record<string, unknown>,
): { inputs: Record<string, unknown>; failures: pulumi.dynamic.CheckFailure[] } {
  const unknownKeys = Object.keys(news).filter((k) => containsUnknown(news[k]));
  const known = Object.fromEntries(Object.entries(news).filter(([k]) => !unknownKeys.includes(k)));
  const result = (unknownKeys.length ? schema.partial() : schema).safeParse(known);
  if (!result.success) {
    const failures = result.error.issues
      .filter((issue) => !unknownKeys.includes(String(issue.path[0] ?? "")))
      .map((issue) => ({ property: String(issue.path[0] ?? ""), reason: issue.message }));
    if (failures.length) return { inputs: news, failures };
    return { inputs: news, failures: [] };
  }
  const inputs: Record<string, unknown> = { ...(result.data as Record<string, unknown>) };
  for (const k of unknownKeys) inputs[k] = news[k];
  // The engine keeps the serialized provider beside the inputs; it must survive normalisation.
  if (news.__provider !== undefined) inputs.__provider = news.__provider;
  return { inputs, failures: [] };
}

/** Removes keys whose value is `undefined`: the engine rejects them ("Unexpected struct type"). */
export function defined<T extends Record<string, unknown>>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}
