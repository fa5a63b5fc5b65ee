/**
 * The WP Engine Customer API emulator: a local HTTP server faithful to the published contract, with a
 * control plane for tests. Start one with {@link startEmulator}.
 */
export { API_BODY_LIMIT, BASE_PATH, isAuthorized } from "./api";
export { DEFAULT_BACKUP_SCHEDULE, type EmulatorConfig } from "./config";
export { CONTROL_BODY_LIMIT, CONTROL_PREFIX, isLoopbackAddress } from "./control";
export type { Fault, FaultSpec } from "./faults";
export type {
  AccountRecord,
  AccountUserRecord,
  ApiPersonRecord,
  BackupRecord,
  BackupSchedule,
  BackupStatus,
  InstallEnvironment,
  InstallRecord,
  Seed,
  SiteRecord,
} from "./model";
export { OPERATIONS, type Operation, type OperationId, statusFor } from "./operations";
export {
  type EmulatorProfile,
  MINIMAL_RETRY_AFTER_SECONDS,
  PROFILE_ENV,
  PROFILES,
  parseProfile,
  profileFromEnv,
} from "./profile";
export type { LoggedRequest, RequestLogView } from "./requestLog";
export { isWrittenRole, parseWrittenRole, readFormOf, WRITTEN_ROLES, type WrittenRole } from "./roles";
export { defaultSeed, SEED_COUNTS, SEED_IDS, SEED_OWNER_EMAIL, seedUuid } from "./seed";
export { parseSeed, SeedError } from "./seedCheck";
export {
  DEFAULT_API_USER_ID,
  type EmulatorOptions,
  MAX_TARGET_LENGTH,
  type RunningEmulator,
  startEmulator,
} from "./server";
export { type EmulatorState, EmulatorStore } from "./store";
