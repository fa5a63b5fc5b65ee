/**
 * The typed WP Engine Customer API client: one method per operation the provider needs. Path
 * parameters are checked to be UUIDs before anything is sent (so `../x` can never reach another
 * endpoint) and always URL-encoded. Bodies are validated on the way in and on the way out.
 */
import { type ClientConfig, validateApiUrl } from "./config";
import {
  AmbiguousWriteError,
  BadRequestError,
  ConfigurationError,
  type RequestTarget,
  WpEngineError,
} from "./errors";
import { HttpClient, type HttpClientOptions } from "./http";
import { paginate } from "./paginate";
import { retryDelay } from "./retry";
import { type Role, tryParseRole } from "./roles";
import {
  type Account,
  AccountSchema,
  type AccountUser,
  AccountUserListSchema,
  AccountUserSchema,
  type Backup,
  BackupSchema,
  CreateAccountUserBodySchema,
  CreateAccountUserResponseSchema,
  CreateBackupBodySchema,
  type Installation,
  InstallationSchema,
  type Site,
  SiteSchema,
  type Status,
  StatusSchema,
  UpdateAccountUserBodySchema,
  UpdateAccountUserResponseSchema,
  type User,
  UserSchema,
} from "./schemas";
import { parseRequest, parseResponse, uuidPathParam } from "./validate";

/** Options of {@link WpEngineClient}. */
export interface WpEngineClientOptions extends HttpClientOptions {}

/** Input of {@link WpEngineClient.createAccountUser}. */
export interface CreateAccountUserInput {
  firstName: string;
  lastName: string;
  email: string;
  roles: Role;
  /** Installs a partial user may access; only with a partial role. */
  installIds?: string[] | undefined;
}

/** Input of {@link WpEngineClient.updateAccountUser}: names and email cannot be changed by the API. */
export interface UpdateAccountUserInput {
  roles: Role;
  /** Installs a partial user may access; only with a partial role. */
  installIds?: string[] | undefined;
}

/** Input of {@link WpEngineClient.createBackup}. */
export interface CreateBackupInput {
  description: string;
  /** Addresses notified when the backup completes (at least one). */
  notificationEmails: string[];
}

/** Narrows a list to one account. */
export interface AccountFilter {
  accountId?: string | undefined;
}

/** Result of a delete: `not_found` means it was already gone, which a destroy treats as success. */
export type DeleteResult = "deleted" | "not_found";

/** How many POSTs {@link WpEngineClient.createAccountUser} makes at most when outcomes are unknown. */
export const CREATE_USER_MAX_POSTS = 3;

/**
 * Whether an error is the API's 400 for an email that already has a user on the account. The
 * resource layer turns it into a hint to adopt the existing user.
 */
export function isEmailTakenError(error: unknown): error is BadRequestError {
  if (!(error instanceof BadRequestError)) return false;
  const text = [
    error.apiMessage ?? "",
    ...error.fieldErrors.map((f) => `${f.field} ${f.type} ${f.code} ${f.message}`),
  ].join(" ");
  return /e-?mail/i.test(text) && /already|exist|taken|in use|duplicate|unavailable/i.test(text);
}

const BACKUP_AMBIGUOUS_HINT =
  "A backup may have been requested anyway. The API has no endpoint that lists backups, so the client " +
  "cannot check and did not repeat the request; check the install's backups in the WP Engine User Portal " +
  "before retrying (a retry may take a second backup).";

/** A client for the WP Engine Customer API. Create one per set of credentials. */
export class WpEngineClient {
  readonly #http: HttpClient;

  /**
   * @param config - Usually from {@link resolveClientConfig}.
   * @throws ConfigurationError for missing credentials or an unusable URL.
   */
  constructor(config: ClientConfig, options: WpEngineClientOptions = {}) {
    if (!config.apiUserId || !config.apiPassword) {
      throw new ConfigurationError(
        "WpEngineClient needs an API user id and password; use resolveClientConfig() to read them from the Pulumi config or environment.",
      );
    }
    const apiUrl = validateApiUrl(config.apiUrl);
    this.#http = new HttpClient({ ...config, apiUrl }, options);
  }

  /** The API base URL requests go to. */
  get apiUrl(): string {
    return this.#http.baseUrl.href.replace(/\/$/, "");
  }

  /** `GET /user`: the user behind the credentials (a cheap credentials check). */
  async getCurrentUser(): Promise<User> {
    return this.#get("getCurrentUser", "/user", UserSchema);
  }

  /** `GET /status`: API health. */
  async getStatus(): Promise<Status> {
    return this.#get("getStatus", "/status", StatusSchema);
  }

  /** `GET /accounts`, every page. */
  listAccounts(): AsyncIterable<Account> {
    return paginate(this.#http, "/accounts", AccountSchema, {}, { operation: "listAccounts" });
  }

  /** `GET /accounts/{account_id}`. */
  async getAccount(accountId: string): Promise<Account> {
    const id = uuidPathParam("getAccount", "accountId", accountId);
    return this.#get("getAccount", `/accounts/${id}`, AccountSchema);
  }

  /** `GET /accounts/{account_id}/account_users` (not paged: one response holds every user). */
  async listAccountUsers(accountId: string): Promise<AccountUser[]> {
    const id = uuidPathParam("listAccountUsers", "accountId", accountId);
    const list = await this.#get("listAccountUsers", `/accounts/${id}/account_users`, AccountUserListSchema);
    return list.results;
  }

  /** `GET /accounts/{account_id}/account_users/{user_id}`. */
  async getAccountUser(accountId: string, userId: string): Promise<AccountUser> {
    const a = uuidPathParam("getAccountUser", "accountId", accountId);
    const u = uuidPathParam("getAccountUser", "userId", userId);
    return this.#get("getAccountUser", `/accounts/${a}/account_users/${u}`, AccountUserSchema);
  }

  /** The account's user with this email (compared case-insensitively), or `undefined`. */
  async findAccountUserByEmail(accountId: string, email: string): Promise<AccountUser | undefined> {
    const wanted = email.trim().toLowerCase();
    const users = await this.listAccountUsers(accountId);
    return users.find((u) => u.email.trim().toLowerCase() === wanted);
  }

  /**
   * `POST /accounts/{account_id}/account_users`.
   *
   * A create whose outcome is unknown (connection dropped after sending, 500/502/504) is never
   * blindly repeated: the client first looks the email up and returns that user if the POST was
   * processed after all, and only then posts again (at most {@link CREATE_USER_MAX_POSTS} POSTs).
   * After an unknown outcome, a user found by email is returned as the created user, even if it
   * existed before; the resource layer compares its roles with the desired ones anyway.
   *
   * @throws BadRequestError when the API rejects the user; {@link isEmailTakenError} tells
   * whether the email already has a user on the account.
   * @throws AmbiguousWriteError when every attempt had an unknown outcome and the user is not found.
   */
  async createAccountUser(accountId: string, input: CreateAccountUserInput): Promise<AccountUser> {
    const op = "createAccountUser";
    const id = uuidPathParam(op, "accountId", accountId);
    const body = parseRequest(
      CreateAccountUserBodySchema,
      {
        user: {
          account_id: accountId,
          first_name: input.firstName,
          last_name: input.lastName,
          email: input.email,
          roles: tryParseRole(String(input.roles)) ?? input.roles,
          ...(input.installIds === undefined ? {} : { install_ids: input.installIds }),
        },
      },
      op,
      "input",
    );
    const target: RequestTarget = { method: "POST", path: `/accounts/${id}/account_users` };
    const email = body.user.email;
    let unknown: AmbiguousWriteError | undefined;

    for (let post = 1; post <= CREATE_USER_MAX_POSTS; post++) {
      if (unknown !== undefined) {
        const found = await this.#findAfterUnknownOutcome(accountId, email, target, unknown);
        if (found !== undefined) return found;
        await this.#http.retry.sleep(retryDelay(post - 2, this.#http.retry));
      }
      try {
        const response = await this.#http.request({ ...target, method: "POST", body, operation: op });
        return parseResponse(CreateAccountUserResponseSchema, response.body, op, target).account_user;
      } catch (err) {
        if (err instanceof AmbiguousWriteError) {
          unknown = err;
          continue;
        }
        if (unknown !== undefined && isEmailTakenError(err)) {
          // An earlier POST was processed after all; the look-up before this one raced it.
          const found = await this.#findAfterUnknownOutcome(accountId, email, target, unknown);
          if (found !== undefined) return found;
        }
        throw err;
      }
    }
    const found = await this.#findAfterUnknownOutcome(accountId, email, target, unknown);
    if (found !== undefined) return found;
    throw new AmbiguousWriteError(
      target,
      unknown ?? new WpEngineError("unknown outcome"),
      `${CREATE_USER_MAX_POSTS} attempts to create the user ${email} had unknown outcomes and no user with that email was found afterwards; check the account's users in the WP Engine User Portal, then retry.`,
    );
  }

  async #findAfterUnknownOutcome(
    accountId: string,
    email: string,
    target: RequestTarget,
    unknown: AmbiguousWriteError | undefined,
  ): Promise<AccountUser | undefined> {
    if (unknown === undefined) return undefined;
    try {
      return await this.findAccountUserByEmail(accountId, email);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new AmbiguousWriteError(
        target,
        unknown,
        `Looking up ${email} to find out whether the user was created failed too (${why}); check the account's users in the WP Engine User Portal, then retry.`,
      );
    }
  }

  /**
   * `PATCH /accounts/{account_id}/account_users/{user_id}`: only roles and installs can change.
   * Safe to retry: the same body gives the same result.
   */
  async updateAccountUser(
    accountId: string,
    userId: string,
    input: UpdateAccountUserInput,
  ): Promise<AccountUser> {
    const op = "updateAccountUser";
    const a = uuidPathParam(op, "accountId", accountId);
    const u = uuidPathParam(op, "userId", userId);
    const body = parseRequest(
      UpdateAccountUserBodySchema,
      {
        roles: tryParseRole(String(input.roles)) ?? input.roles,
        ...(input.installIds === undefined ? {} : { install_ids: input.installIds }),
      },
      op,
      "input",
    );
    const path = `/accounts/${a}/account_users/${u}`;
    const response = await this.#http.request({ method: "PATCH", path, body, operation: op });
    return parseResponse(UpdateAccountUserResponseSchema, response.body, op, { method: "PATCH", path })
      .account_user;
  }

  /**
   * `DELETE /accounts/{account_id}/account_users/{user_id}` (permanent).
   *
   * @returns `not_found` when the user was already gone (including when a retried DELETE finds
   * that its first attempt had in fact succeeded).
   */
  async deleteAccountUser(accountId: string, userId: string): Promise<DeleteResult> {
    const op = "deleteAccountUser";
    const a = uuidPathParam(op, "accountId", accountId);
    const u = uuidPathParam(op, "userId", userId);
    const response = await this.#http.request({
      method: "DELETE",
      path: `/accounts/${a}/account_users/${u}`,
      operation: op,
      acceptStatuses: [404],
    });
    return response.status === 404 ? "not_found" : "deleted";
  }

  /** `GET /sites`, every page, optionally for one account. */
  listSites(filter: AccountFilter = {}): AsyncIterable<Site> {
    return paginate(this.#http, "/sites", SiteSchema, this.#accountQuery("listSites", filter), {
      operation: "listSites",
    });
  }

  /** `GET /sites/{site_id}`. */
  async getSite(siteId: string): Promise<Site> {
    const id = uuidPathParam("getSite", "siteId", siteId);
    return this.#get("getSite", `/sites/${id}`, SiteSchema);
  }

  /** `GET /installs`, every page, optionally for one account. */
  listInstalls(filter: AccountFilter = {}): AsyncIterable<Installation> {
    return paginate(this.#http, "/installs", InstallationSchema, this.#accountQuery("listInstalls", filter), {
      operation: "listInstalls",
    });
  }

  /** `GET /installs/{install_id}`. */
  async getInstall(installId: string): Promise<Installation> {
    const id = uuidPathParam("getInstall", "installId", installId);
    return this.#get("getInstall", `/installs/${id}`, InstallationSchema);
  }

  /**
   * `POST /installs/{install_id}/backups`: requests a backup (answers 202 `requested`).
   *
   * Never repeated after an unknown outcome: the API cannot list backups, so a repeat could take
   * a second backup unnoticed. Repeated only when the API certainly did not process it (429, 503,
   * connection refused).
   *
   * @throws AmbiguousWriteError when the backup may or may not have been requested.
   */
  async createBackup(installId: string, input: CreateBackupInput): Promise<Backup> {
    const op = "createBackup";
    const id = uuidPathParam(op, "installId", installId);
    const body = parseRequest(
      CreateBackupBodySchema,
      { description: input.description, notification_emails: input.notificationEmails },
      op,
      "input",
    );
    const path = `/installs/${id}/backups`;
    const response = await this.#http.request({
      method: "POST",
      path,
      body,
      operation: op,
      ambiguousHint: BACKUP_AMBIGUOUS_HINT,
    });
    return parseResponse(BackupSchema, response.body, op, { method: "POST", path });
  }

  /** `GET /installs/{install_id}/backups/{backup_id}`: a backup's status. */
  async getBackup(installId: string, backupId: string): Promise<Backup> {
    const i = uuidPathParam("getBackup", "installId", installId);
    const b = uuidPathParam("getBackup", "backupId", backupId);
    return this.#get("getBackup", `/installs/${i}/backups/${b}`, BackupSchema);
  }

  #accountQuery(operation: string, filter: AccountFilter): Record<string, string> {
    if (filter.accountId === undefined) return {};
    // Validated eagerly, so that a bad id fails at the call rather than at the first iteration.
    uuidPathParam(operation, "accountId", filter.accountId);
    return { account_id: filter.accountId };
  }

  async #get<S extends import("zod").ZodType>(
    operation: string,
    path: string,
    schema: S,
  ): Promise<import("zod").output<S>> {
    const response = await this.#http.request({ method: "GET", path, operation });
    return parseResponse(schema, response.body, operation, { method: "GET", path });
  }
}
