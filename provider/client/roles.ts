/**
 * Account-user roles. The API writes a role as one of five strings but reads it back in another
 * spelling (`"billing, partial"`), so roles are parsed into one canonical form and compared as
 * such, never as raw text. The canonical form is exactly the API's write form.
 */

/** The five roles the API accepts on write, in the exact spelling it accepts. */
export const ROLE_VALUES = ["owner", "full", "full,billing", "partial", "partial,billing"] as const;

/** A canonical account-user role. */
export type Role = (typeof ROLE_VALUES)[number];

const BASE_ROLES = ["owner", "full", "partial"] as const;
type BaseRole = (typeof BASE_ROLES)[number];

function isBaseRole(part: string): part is BaseRole {
  return (BASE_ROLES as readonly string[]).includes(part);
}

/** Why `text` is not a role, or the canonical role. */
function parse(text: string): Role | string {
  const parts = new Set(
    text
      .split(",")
      .map((p) => p.trim().toLowerCase())
      .filter((p) => p.length > 0),
  );
  if (parts.size === 0) return "it is empty";
  const unknown = [...parts].filter((p) => p !== "billing" && !isBaseRole(p));
  if (unknown.length > 0)
    return `unknown part${unknown.length > 1 ? "s" : ""} ${unknown.map((u) => `"${u}"`).join(", ")}`;
  const bases = [...parts].filter(isBaseRole);
  if (bases.length > 1) return `it combines ${bases.map((b) => `"${b}"`).join(" and ")}`;
  const base = bases[0];
  if (base === undefined) return `"billing" must be combined with "full" or "partial"`;
  // An owner always has billing access, and the API only accepts a bare "owner".
  if (base === "owner") return "owner";
  return parts.has("billing") ? `${base},billing` : base;
}

/**
 * Parses a role in any order, spacing and case of its parts into the canonical {@link Role}.
 * `"billing, partial"` and `"Partial,Billing"` give `"partial,billing"`; `"owner, billing"` gives
 * `"owner"` (owners always have billing).
 *
 * @throws Error naming the valid values when `text` is empty, has unknown parts or combines two
 * base roles such as `"full,partial"`.
 */
export function parseRole(text: string): Role {
  const result = parse(text);
  if (isRole(result)) return result;
  throw new Error(`Invalid role "${text}": ${result}. Valid roles are: ${ROLE_VALUES.join(" | ")}.`);
}

/** Like {@link parseRole} but returns `undefined` instead of throwing. */
export function tryParseRole(text: string): Role | undefined {
  const result = parse(text);
  return isRole(result) ? result : undefined;
}

/** Whether `value` is already a canonical role. */
export function isRole(value: string): value is Role {
  return (ROLE_VALUES as readonly string[]).includes(value);
}

/** Whether the role limits the user to a list of installs (`install_ids`). */
export function isPartial(role: Role): boolean {
  return role === "partial" || role === "partial,billing";
}

/** Whether the role grants billing access (owners always have it). */
export function hasBilling(role: Role): boolean {
  return role === "owner" || role.endsWith(",billing");
}
