import type { z } from "zod";
import { containsUnknown } from "./unknown";

/**
 * One recorded input as the kind's schema normalises it (ids in lower case, names as WP Engine
 * compares them), so that diffs compare what WP Engine compares: a state written before
 * normalisation, or a program that spelled an id in capitals, equals the same value as WP Engine
 * answers it. Unknown values, and values the field refuses, are returned as they are.
 */
export function normalisedField(schema: z.ZodObject, key: string, value: unknown): unknown {
  if (containsUnknown(value)) return value;
  const field = (schema.shape as Record<string, z.ZodType>)[key];
  const parsed = field?.safeParse(value);
  return parsed?.success ? parsed.data : value;
}
