/**
 * The typed WP Engine Customer API client. Import from here, not from the individual files.
 */
export type {
  AccountFilter,
  CreateAccountUserInput,
  CreateBackupInput,
  DeleteResult,
  UpdateAccountUserInput,
  WpEngineClientOptions,
} from "./client";
export { CREATE_USER_MAX_POSTS, isEmailTakenError, WpEngineClient } from "./client";
export type { ClientConfig, ExplicitClientConfig } from "./config";
export {
  CONFIG_KEYS,
  DEFAULT_API_URL,
  ENV_VARS,
  isLoopbackHost,
  resolveClientConfig,
  validateApiUrl,
} from "./config";
export type { ApiErrorInit, ErrorResponse, FieldError, RequestTarget } from "./errors";
export {
  AlreadyExistsError,
  AmbiguousWriteError,
  ApiConnectionError,
  ApiError,
  ApiTimeoutError,
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  errorFromResponse,
  InternalServerError,
  InvalidArgumentError,
  NotFoundError,
  PaginationError,
  PermissionDeniedError,
  RateLimitError,
  ResponseValidationError,
  WpEngineError,
} from "./errors";
export type { HttpClientOptions, HttpMethod, RequestEvent, RequestHook } from "./http";
export { DEFAULT_TIMEOUT_MS } from "./http";
export { DEFAULT_MAX_CONCURRENCY, MAX_CONCURRENCY_ENV } from "./limiter";
export { collect, paginate } from "./paginate";
export { redact } from "./redact";
export type { RetryOptions } from "./retry";
export { DEFAULT_RETRY_OPTIONS } from "./retry";
export type { Role } from "./roles";
export { hasBilling, isPartial, isRole, parseRole, ROLE_VALUES, tryParseRole } from "./roles";
export type { Account, AccountUser, Backup, Installation, Site, Status, User } from "./schemas";
export { BACKUP_STATUSES, isUuid } from "./schemas";
export { USER_AGENT } from "./version";
