/**
 * Role parsing for the emulator. The API writes roles in one form (`"partial,billing"`) and reads them
 * back in another (`"billing, partial"`), so the emulator stores a canonical written form and renders
 * the read form on every answer, exactly as the published contract documents.
 */

/** The five role strings the API accepts on writes (POST and PATCH of account users). */
export const WRITTEN_ROLES = ["owner", "full", "full,billing", "partial", "partial,billing"] as const;

/** One of the accepted written role strings; this is also how the store keeps roles. */
export type WrittenRole = (typeof WRITTEN_ROLES)[number];

/** The access level of a role, without the billing flag. */
export type RoleBase = "owner" | "full" | "partial";

/** A role split into its parts, so rules can ask "is this an owner?" without string matching. */
export interface ParsedRole {
  base: RoleBase;
  billing: boolean;
}

/** True when `value` is exactly one of the accepted written role strings (no spaces, no reordering). */
export function isWrittenRole(value: unknown): value is WrittenRole {
  return typeof value === "string" && (WRITTEN_ROLES as readonly string[]).includes(value);
}

/** Splits a written role into its base and billing flag. */
export function parseWrittenRole(role: WrittenRole): ParsedRole {
  const [base, billing] = role.split(",");
  return { base: base as RoleBase, billing: billing === "billing" };
}

/**
 * The read form the API answers: role names sorted and joined with `", "`, e.g. `"billing, partial"`.
 * Owners read as `"owner"` alone (billing is implied for owners, and the contract shows no other form).
 */
export function readFormOf(role: WrittenRole): string {
  const parsed = parseWrittenRole(role);
  if (parsed.base === "owner") return "owner";
  const names: string[] = [parsed.base];
  if (parsed.billing) names.push("billing");
  return names.sort().join(", ");
}

/** True for roles that grant access to selected installs only (the only roles that take `install_ids`). */
export function isPartial(role: WrittenRole): boolean {
  return parseWrittenRole(role).base === "partial";
}

/** True for owner roles, which the "an account keeps at least one owner" rule counts. */
export function isOwner(role: WrittenRole): boolean {
  return parseWrittenRole(role).base === "owner";
}

/**
 * The read form as the minimal profile answers it: the same sorted, comma-and-space list for every
 * role, owners included (`"billing, owner"`: owners always have billing access). A client must accept
 * it as readily as the bare `"owner"`.
 */
export function fullReadFormOf(role: WrittenRole): string {
  const parsed = parseWrittenRole(role);
  const names: string[] = [parsed.base];
  if (parsed.billing || parsed.base === "owner") names.push("billing");
  return names.sort().join(", ");
}
