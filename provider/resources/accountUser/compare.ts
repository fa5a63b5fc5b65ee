import { type Role, tryParseRole } from "../../client/roles";

/** A role's canonical form, or the raw text when it is not a role (so a difference still shows). */
export function roleOf(value: unknown): string {
  return typeof value === "string" ? (tryParseRole(value) ?? value) : String(value);
}

/** Inputs that name who the user is: compared case-insensitively for ids and email, trimmed for names. */
export function sameValue(key: string, a: unknown, b: unknown): boolean {
  if (typeof a === "string" && typeof b === "string") {
    return key === "email" || key === "accountId"
      ? a.trim().toLowerCase() === b.trim().toLowerCase()
      : a.trim() === b.trim();
  }
  return a === b;
}

/** Install ids are a set: order, case and duplicates do not matter; absent equals empty. */
export function sameSet(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) =>
    Array.isArray(v)
      ? [...new Set(v.map((x) => String(x).toLowerCase()))].sort().join(",")
      : v == null
        ? ""
        : String(v);
  return norm(a) === norm(b);
}

/** How much access a role grants: owner > full > partial (billing does not change access to installs). */
export function accessRank(role: unknown): number {
  const r = tryParseRole(String(role)) as Role | undefined;
  if (!r) return 0;
  return r === "owner" ? 3 : r.startsWith("full") ? 2 : 1;
}
