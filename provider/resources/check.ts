import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { containsUnknown } from "./unknown";

/**
 * Validates a resource's new inputs with a zod schema and turns every issue into a Pulumi
 * `CheckFailure` on the property it concerns, so `pulumi preview` lists each bad field with its fix
 * before any API call. Properties that are still unknown (preview of a value computed elsewhere) are
 * left out: the known ones are then validated and normalised one by one, since rules that span
 * several properties cannot be judged until every value is known (check runs again at `up`).
 */
export function runCheck<S extends z.ZodObject>(
  schema: S,
  news: Record<string, unknown>,
): { inputs: Record<string, unknown>; failures: pulumi.dynamic.CheckFailure[] } {
  const unknownKeys = new Set(Object.keys(news).filter((k) => containsUnknown(news[k])));
  const keep = (inputs: Record<string, unknown>) => {
    // The engine keeps the serialized provider beside the inputs; it must survive normalisation.
    if (news.__provider !== undefined) inputs.__provider = news.__provider;
    return inputs;
  };
  if (unknownKeys.size === 0) {
    const result = schema.safeParse(news);
    if (result.success)
      return { inputs: keep({ ...(result.data as Record<string, unknown>) }), failures: [] };
    return { inputs: news, failures: result.error.issues.map(toFailure) };
  }
  const inputs: Record<string, unknown> = {};
  const failures: pulumi.dynamic.CheckFailure[] = [];
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    if (unknownKeys.has(key)) {
      inputs[key] = news[key];
      continue;
    }
    const result = field.safeParse(news[key]);
    if (result.success) {
      if (result.data !== undefined) inputs[key] = result.data;
    } else {
      failures.push(...result.error.issues.map((issue) => ({ property: key, reason: issue.message })));
    }
  }
  return failures.length ? { inputs: news, failures } : { inputs: keep(inputs), failures: [] };
}

function toFailure(issue: z.core.$ZodIssue): pulumi.dynamic.CheckFailure {
  return { property: String(issue.path[0] ?? ""), reason: issue.message };
}

/** Removes keys whose value is `undefined`: the engine rejects them ("Unexpected struct type"). */
export function defined<T extends Record<string, unknown>>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}
