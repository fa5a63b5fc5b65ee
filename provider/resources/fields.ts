import { z } from "zod";

/**
 * Field validators shared by the resources' input schemas. Each message names the problem and the
 * fix, because it is shown verbatim by `pulumi preview` next to the property.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A WP Engine id (a UUID); `what` names the kind of object in the message. Normalised to lower case
 * with surrounding blanks trimmed, because WP Engine compares UUIDs case-insensitively and answers
 * them in lower case: an id written in capitals, or pasted with a trailing space, must plan no change
 * against what WP Engine reports (otherwise it reads as a new account or install and replaces).
 */
export function wpeId(what: string, example: string) {
  return z
    .string({ error: `must be the ${what} id as a string` })
    .refine((v) => UUID.test(v.trim()), {
      error: (issue) =>
        `${JSON.stringify(issue.input)} is not a WP Engine ${what} id. Use the ${what}'s UUID, e.g. ${example} (see getSites/getInstalls or the portal URL).`,
    })
    .transform((v) => v.trim().toLowerCase());
}

/**
 * `deletionProtection`: on unless set to `false` in so many words. While it is on, nothing in a plan
 * may delete the object (a removal, `destroy`, or a replace).
 */
export const deletionProtection = z.boolean({
  error: "deletionProtection must be true or false (a plain boolean, not an Output: it decides the plan)",
});

/** Whether recorded props are protected: anything but an explicit `false` is (old states included). */
export function isProtected(props: Record<string, unknown>): boolean {
  return props.deletionProtection !== false;
}

/**
 * `importId`: the id of an existing object to adopt instead of creating one. The SDK classes turn
 * Pulumi's own `{ import: id }` resource option into this input (the engine cannot import into a
 * dynamic resource, pulumi/pulumi#16175); it is read at create only, so once the object is in the
 * state, keeping or removing the option plans no change. Ids compare case-insensitively.
 */
export const importId = z
  .string({ error: "the import id must be a string" })
  .trim()
  .min(1, { error: "the import id must not be empty; give the object's WP Engine id" })
  .transform((v) => v.toLowerCase());

/** An email address as WP Engine accepts it. */
export const email = z
  .string({ error: "must be an email address" })
  .trim()
  .max(254, { error: "is longer than 254 characters; use the member's real address" })
  .refine((v) => z.email().safeParse(v).success, {
    error: (issue) =>
      `${JSON.stringify(issue.input)} is not a valid email address. Use a full address such as jane@example.com.`,
  });

/** A person's first or last name. */
export function personName(field: string) {
  return z
    .string({ error: `${field} must be a string` })
    .trim()
    .min(1, { error: `${field} must not be empty; WP Engine requires it for the invitation` })
    .max(100, { error: `${field} is longer than 100 characters` });
}

/** How long an `up` waits for WP Engine to finish something (minutes, at most a day). */
export const timeoutMinutes = z
  .number({ error: "timeoutMinutes must be a number of minutes" })
  .positive({ error: "timeoutMinutes must be greater than 0" })
  .max(24 * 60, { error: "timeoutMinutes must be at most 1440 (one day)" });

/** Values whose change runs a one-shot request again (a backup, a copy, a purge, an order). */
export const triggers = z.record(z.string(), z.unknown(), { error: "triggers must be a map of values" });

/** Example ids used in messages. */
export const EXAMPLE_ACCOUNT_ID = "eeda3227-9a39-46ae-9e14-20958bb4e6c9";
export const EXAMPLE_INSTALL_ID = "294deacc-d8b8-4005-82c4-0727ba8ddde0";
