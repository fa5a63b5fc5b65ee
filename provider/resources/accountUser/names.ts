import { sameValue } from "./compare";

/** The fields a name notice reads, from outputs, inputs or an API user mapped to outputs. */
export interface Named {
  firstName?: unknown;
  lastName?: unknown;
  email?: unknown;
}

/** Whether the declared first or last name differs from the one WP Engine holds (trimmed, case kept). */
export function namesDiffer(actual: Named, declared: Named): boolean {
  return (
    !sameValue("firstName", actual.firstName, declared.firstName) ||
    !sameValue("lastName", actual.lastName, declared.lastName)
  );
}

/**
 * The notice for a name difference: names are invitation details (the API cannot rename a user, and
 * people edit their own), so the difference is shown and nothing is replaced or re-invited.
 */
export function nameNotice(actual: Named, declared: Named): string {
  const full = (o: Named) => `${String(o.firstName ?? "")} ${String(o.lastName ?? "")}`.trim();
  return (
    `warning: wpengine:AccountUser ${String(actual.email ?? declared.email)}: WP Engine has the name ` +
    `"${full(actual)}", the program declares "${full(declared)}". Names are only used for the invitation ` +
    "and the API cannot change them, so nothing is replaced; correct the program (or the name in the " +
    "WP Engine portal) to silence this notice."
  );
}
