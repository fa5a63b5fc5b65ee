/** How a create tells its own object from others after an unknown outcome: by id, and by folded name. */

/** Trimmed and lower-cased, for comparing what the API echoes with what was posted. */
export function folded(text: string): string {
  return text.trim().toLowerCase();
}

/**
 * The items of `after` that were not in `before`, compared by id (case-insensitively). This is how a
 * create tells, after an unknown outcome, the object it made from one that existed before it: an
 * object of the first list is never the create's, whatever its name.
 */
export function newSince<T extends { id: string }>(before: readonly T[], after: readonly T[]): T[] {
  const known = new Set(before.map((item) => item.id.toLowerCase()));
  return after.filter((item) => !known.has(item.id.toLowerCase()));
}
