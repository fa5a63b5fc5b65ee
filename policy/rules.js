// @ts-check
// The rules of the WP Engine policy pack as plain functions of resource properties, so they read
// (and can be tested) without the policy runtime. Roles are compared as sets of parts, never as text:
// the API writes "partial,billing" and reads "billing, partial".

/** The resource type of pulumi-wpengine's AccountUser (a dynamic resource of module "wpengine"). */
const ACCOUNT_USER = "pulumi-nodejs:dynamic/wpengine:AccountUser";

/**
 * The parts of a role ("partial,billing" -> ["billing", "partial"]), or undefined when it is not text.
 * @param {unknown} roles
 * @returns {string[] | undefined}
 */
function roleParts(roles) {
  if (typeof roles !== "string") return undefined;
  return roles
    .split(",")
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean)
    .sort();
}

/** @param {unknown} roles */
function isOwner(roles) {
  return roleParts(roles)?.includes("owner") === true;
}

/** @param {unknown} roles */
function isPartial(roles) {
  return roleParts(roles)?.includes("partial") === true;
}

/**
 * The owners among the stack's account users, per account.
 * @param {{ type: string, name: string, props: Record<string, unknown> }[]} resources
 * @returns {Map<string, string[]>} account id -> owner emails
 */
function ownersByAccount(resources) {
  /** @type {Map<string, string[]>} */
  const out = new Map();
  for (const r of resources) {
    if (r.type !== ACCOUNT_USER || !isOwner(r.props.roles)) continue;
    const account = String(r.props.accountId ?? "");
    out.set(account, [...(out.get(account) ?? []), String(r.props.email ?? r.name)]);
  }
  return out;
}

/**
 * Violations of "at most N owners per account".
 * @param {{ type: string, name: string, props: Record<string, unknown> }[]} resources
 * @param {number} maxOwners
 * @returns {string[]}
 */
function tooManyOwners(resources, maxOwners) {
  const out = [];
  for (const [account, owners] of ownersByAccount(resources)) {
    if (owners.length > maxOwners) {
      out.push(
        `account ${account} declares ${owners.length} owners (${owners.sort().join(", ")}); at most ${maxOwners} allowed. ` +
          "Give the others the full role (with billing if they need it).",
      );
    }
  }
  return out;
}

/**
 * Whether a partial user lacks installs (a partial user with no install can do nothing).
 * @param {Record<string, unknown>} props
 * @returns {string | undefined}
 */
function partialWithoutInstalls(props) {
  if (!isPartial(props.roles)) return undefined;
  const ids = props.installIds;
  if (Array.isArray(ids) && ids.length > 0) return undefined;
  return (
    `${String(props.email)} has the partial role "${String(props.roles)}" but no installs: a partial user ` +
    "needs at least one install (installIds), or a full role."
  );
}

/**
 * Whether the email's domain is outside the allowed ones. `example.com` allows exactly that domain;
 * `*.example.com` allows its subdomains. An empty list allows every domain.
 * @param {unknown} email
 * @param {string[]} allowed
 * @returns {string | undefined}
 */
function emailOutsideDomains(email, allowed) {
  if (!allowed.length || typeof email !== "string") return undefined;
  const domain = email.trim().toLowerCase().split("@").pop() ?? "";
  const ok = allowed.some((a) => {
    const d = a.trim().toLowerCase();
    return d.startsWith("*.") ? domain.endsWith(d.slice(1)) : domain === d;
  });
  return ok
    ? undefined
    : `${email} is not in an allowed domain (${allowed.join(", ")}); invite a company address.`;
}

/**
 * Owners whose multi-factor authentication is known to be off (unknown before creation: not reported).
 * @param {{ type: string, name: string, props: Record<string, unknown> }[]} resources
 * @returns {string[]}
 */
function ownersWithoutMfa(resources) {
  return resources
    .filter((r) => r.type === ACCOUNT_USER && isOwner(r.props.roles) && r.props.mfaEnabled === false)
    .map(
      (r) =>
        `owner ${String(r.props.email ?? r.name)} has no multi-factor authentication; ask them to enable it in the WP Engine portal.`,
    );
}

module.exports = {
  ACCOUNT_USER,
  roleParts,
  tooManyOwners,
  partialWithoutInstalls,
  emailOutsideDomains,
  ownersWithoutMfa,
};
