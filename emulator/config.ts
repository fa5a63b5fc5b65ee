/**
 * Run-time settings of an emulator (latency, backup schedule, answer profile, the last-owner rule and
 * paging of the account-user list), with validation for values that arrive over the control plane.
 */
import type { BackupSchedule } from "./model";
import { type EmulatorProfile, enforcesLastOwnerByDefault, ProfileError, parseProfile } from "./profile";

/** Settings that tests may change while the emulator runs (`POST /__emulator/config`). */
export interface EmulatorConfig {
  /** Delay added before every API answer (never the control plane). */
  latencyMs: number;
  /** How backups progress from `requested` to `completed`. */
  backupSchedule: BackupSchedule;
  /** How answers are shaped (see `profile.ts`). */
  profile: EmulatorProfile;
  /**
   * Refuse to delete or demote an account's last owner. The contract does not document this rule, so
   * tests can turn it off to prove the client's own guard is the last line.
   */
  enforceLastOwner: boolean;
  /**
   * Page `GET /accounts/{id}/account_users` with this many users per page (with a `next` link), or
   * `null` for the documented unpaged answer. Lets tests check that a paged answer is never read as
   * the whole list.
   */
  accountUsersPageSize: number | null;
}

/**
 * The default schedule: the first status read answers `requested`, the second `initiated`, the third
 * and later `completed`, so a poller sees every documented transition quickly.
 */
export const DEFAULT_BACKUP_SCHEDULE: BackupSchedule = {
  mode: "reads",
  initiatedAfterReads: 1,
  completedAfterReads: 2,
};

/** Thrown for invalid settings; the control plane answers 400 with the message. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

function nonNegativeInt(value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new ConfigError(`${field} must be a non-negative integer`);
  }
  return value;
}

/** Validates a backup schedule: thresholds are non-negative integers and `initiated` comes no later than `completed`. */
export function parseBackupSchedule(value: unknown): BackupSchedule {
  if (typeof value !== "object" || value === null) throw new ConfigError("backupSchedule must be an object");
  const v = value as Record<string, unknown>;
  if (v.mode === "reads") {
    const initiated = nonNegativeInt(v.initiatedAfterReads, "backupSchedule.initiatedAfterReads");
    const completed = nonNegativeInt(v.completedAfterReads, "backupSchedule.completedAfterReads");
    if (initiated > completed)
      throw new ConfigError("initiatedAfterReads must not exceed completedAfterReads");
    return { mode: "reads", initiatedAfterReads: initiated, completedAfterReads: completed };
  }
  if (v.mode === "time") {
    const initiated = nonNegativeInt(v.initiatedAfterMs, "backupSchedule.initiatedAfterMs");
    const completed = nonNegativeInt(v.completedAfterMs, "backupSchedule.completedAfterMs");
    if (initiated > completed) throw new ConfigError("initiatedAfterMs must not exceed completedAfterMs");
    return { mode: "time", initiatedAfterMs: initiated, completedAfterMs: completed };
  }
  throw new ConfigError('backupSchedule.mode must be "reads" or "time"');
}

/** Validates a latency in milliseconds (0 to 10 minutes). */
export function parseLatency(value: unknown): number {
  if (typeof value !== "number" || !(value >= 0) || value > 600_000) {
    throw new ConfigError("latencyMs must be a number from 0 to 600000");
  }
  return value;
}

const CONFIG_KEYS = new Set([
  "latencyMs",
  "backupSchedule",
  "profile",
  "enforceLastOwner",
  "accountUsersPageSize",
]);

/**
 * Validates a partial config change as posted to the control plane. Changing `profile` also sets
 * `enforceLastOwner` to that profile's default unless the same change names it.
 */
export function parseConfigPatch(value: unknown): Partial<EmulatorConfig> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ConfigError("config must be a JSON object");
  }
  const v = value as Record<string, unknown>;
  const patch: Partial<EmulatorConfig> = {};
  for (const key of Object.keys(v)) {
    if (!CONFIG_KEYS.has(key)) throw new ConfigError(`unknown config field ${key}`);
  }
  if (v.latencyMs !== undefined) patch.latencyMs = parseLatency(v.latencyMs);
  if (v.backupSchedule !== undefined) patch.backupSchedule = parseBackupSchedule(v.backupSchedule);
  if (v.profile !== undefined) {
    try {
      patch.profile = parseProfile(v.profile);
    } catch (error) {
      throw new ConfigError(error instanceof ProfileError ? error.message : String(error));
    }
    patch.enforceLastOwner = enforcesLastOwnerByDefault(patch.profile);
  }
  if (v.enforceLastOwner !== undefined) {
    if (typeof v.enforceLastOwner !== "boolean") throw new ConfigError("enforceLastOwner must be a boolean");
    patch.enforceLastOwner = v.enforceLastOwner;
  }
  if (v.accountUsersPageSize !== undefined) {
    const size = v.accountUsersPageSize;
    if (size !== null && (typeof size !== "number" || !Number.isInteger(size) || size < 1 || size > 100)) {
      throw new ConfigError("accountUsersPageSize must be an integer from 1 to 100, or null");
    }
    patch.accountUsersPageSize = size;
  }
  return patch;
}
