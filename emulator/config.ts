/**
 * Run-time settings of an emulator (latency and backup schedule), with validation for values that
 * arrive over the control plane.
 */
import type { BackupSchedule } from "./model";

/** Settings that tests may change while the emulator runs (`POST /__emulator/config`). */
export interface EmulatorConfig {
  /** Delay added before every API answer (never the control plane). */
  latencyMs: number;
  /** How backups progress from `requested` to `completed`. */
  backupSchedule: BackupSchedule;
  /**
   * Refuse to delete or demote an account's last owner, as WP Engine does (default true). Off, the
   * client's own lockout guard is the only protection, which is what its tests need to prove.
   */
  enforceLastOwner: boolean;
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

/** Validates a partial config change as posted to the control plane. */
export function parseConfigPatch(value: unknown): Partial<EmulatorConfig> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ConfigError("config must be a JSON object");
  }
  const v = value as Record<string, unknown>;
  const patch: Partial<EmulatorConfig> = {};
  for (const key of Object.keys(v)) {
    if (key !== "latencyMs" && key !== "backupSchedule" && key !== "enforceLastOwner")
      throw new ConfigError(`unknown config field ${key}`);
  }
  if (v.latencyMs !== undefined) patch.latencyMs = parseLatency(v.latencyMs);
  if (v.backupSchedule !== undefined) patch.backupSchedule = parseBackupSchedule(v.backupSchedule);
  if (v.enforceLastOwner !== undefined) {
    if (typeof v.enforceLastOwner !== "boolean")
      throw new ConfigError("enforceLastOwner must be true or false");
    patch.enforceLastOwner = v.enforceLastOwner;
  }
  return patch;
}
