/**
 * Answer profiles. `default` answers with the fullest shape the published contract documents (every
 * optional field, filters kept in `next` links, the last-owner rule enforced). `minimal` answers with
 * only what the contract requires, so a client tested against it must tolerate everything the real API
 * may legally send: optional fields omitted, nullable fields null, `next` links without filters, error
 * bodies with other (but valid) texts, `Retry-After` of minutes on injected 429s, roles in the read form
 * for every role, and no last-owner rule (the contract does not document it).
 */

/** The answer profiles an emulator can run with. */
export const PROFILES = ["default", "minimal"] as const;

/** One answer profile. */
export type EmulatorProfile = (typeof PROFILES)[number];

/** The environment variable tests (and the CLI) read the profile from. */
export const PROFILE_ENV = "WPENGINE_EMULATOR_PROFILE";

/** Thrown for an unknown profile name. */
export class ProfileError extends Error {
  override readonly name = "ProfileError";
}

/** Validates a profile name. */
export function parseProfile(value: unknown): EmulatorProfile {
  if (typeof value === "string" && (PROFILES as readonly string[]).includes(value)) {
    return value as EmulatorProfile;
  }
  throw new ProfileError(`profile must be one of ${PROFILES.join(", ")}, got ${JSON.stringify(value)}`);
}

/**
 * The profile named by `WPENGINE_EMULATOR_PROFILE`, or `undefined` when unset or empty (the emulator
 * then runs `default`). An unknown name throws, so a typo never silently tests the default profile.
 */
export function profileFromEnv(env: NodeJS.ProcessEnv = process.env): EmulatorProfile | undefined {
  const value = env[PROFILE_ENV];
  return value === undefined || value === "" ? undefined : parseProfile(value);
}

/** Whether a profile enforces the (undocumented) "an account keeps at least one owner" rule by default. */
export function enforcesLastOwnerByDefault(profile: EmulatorProfile): boolean {
  return profile === "default";
}

/** The `Retry-After` (seconds) the minimal profile adds to an injected 429 that names none: minutes. */
export const MINIMAL_RETRY_AFTER_SECONDS = 180;
