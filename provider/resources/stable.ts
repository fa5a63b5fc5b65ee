/**
 * A value as text in which equal meanings compare equal: object keys sorted, `undefined` as `null`.
 * Diffs compare inputs through it, so `{a, b}` and `{b, a}` (or a missing and a null value) are no change.
 */
export function stableJson(value: unknown): string {
  return JSON.stringify(value ?? null, (_k, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}
