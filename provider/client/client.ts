/**
 * The typed WP Engine Customer API client: one method per operation the provider needs. Path
 * parameters are checked to be UUIDs before anything is sent (so `../x` can never reach another
 * endpoint) and always URL-encoded. Bodies are validated on the way in and on the way out.
 */
import { type ClientConfig, validateApiUrl } from "./config";
import {
  AlreadyExistsError,
  AmbiguousWriteError,
  ApiError,
  BadRequestError,
  ConfigurationError,
  NotFoundError,
  PaginationError,
  type RequestTarget,
  WpEngineError,
} from "./errors";
import { HttpClient, type HttpClientOptions } from "./http";
import { collect, paginate } from "./paginate";
import { retryDelay } from "./retry";
import { type Role, tryParseRole } from "./roles";
import {
  type Account,
  type AccountLimits,
  AccountLimitsSchema,
  AccountSchema,
  type AccountUser,
  AccountUserListSchema,
  AccountUserSchema,
  type Backup,
  BackupBodySchema,
  type CertificateOrder,
  CertificateOrderSchema,
  type CopyInstallBody,
  CopyInstallBodySchema,
  type CreateAccountUserBody,
  CreateAccountUserBodySchema,
  CreateAccountUserResponseSchema,
  CreateBackupBodySchema,
  CreateDomainBodySchema,
  CreateInstallBodySchema,
  CreateSiteBodySchema,
  CreateSshKeyBodySchema,
  type Domain,
  type DomainCertificate,
  DomainCertificateSchema,
  DomainSchema,
  type Installation,
  InstallationSchema,
  PurgeCacheBodySchema,
  type RequestedBackup,
  type Site,
  SiteSchema,
  type SshKey,
  SshKeySchema,
  type Status,
  StatusSchema,
  UpdateAccountUserBodySchema,
  UpdateAccountUserResponseSchema,
  UpdateDomainBodySchema,
  UpdateInstallBodySchema,
  UpdateSiteBodySchema,
  type User,
  UserSchema,
} from "./schemas";
import {
  AccountUsagePageSchema,
  type EnvironmentUsage,
  type InstallCertificate,
  InstallCertificatesPageSchema,
  InstallUsageSchema,
  type UsageInsights,
  UsageInsightsSchema,
  type UsageRange,
  type UsageRollup,
  UsageRollupSchema,
} from "./usageSchemas";
import { backupIdPathParam, parseRequest, parseResponse, usageRangeQuery, uuidPathParam } from "./validate";

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
  /**
   * After a POST with an unknown outcome, take over whatever user has this email (the resource's
   * `adopt`). Without it only a user this request can have created is taken over: see
   * {@link WpEngineClient.createAccountUser}.
   */
  adopt?: boolean | undefined;
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

/** Field-error codes and texts that say an email is malformed rather than taken. */
const EMAIL_FORMAT_WORDS =
  /\binvalid\b|format|malformed|not an? (valid )?e-?mail|not valid|blank|required|empty|too[_ ]long/i;
/format|malformed|invalid[_ ]?(email|address|format)|not an? (valid )?e-?mail|blank|required|too[_ ]long/i;

/**
 * Whether an error is the API's refusal of an email that already has a user on the account: a 400
 * (or 409) with a field error on `email` that does not complain about its format. Decided by status
 * and field, not by wording (the client already checked the address's shape before sending, so a
 * refusal of the field is a refusal of the value). The resource layer turns it into a hint to adopt
 * the existing user.
 */
export function isEmailTakenError(error: unknown): error is ApiError {
  if (!(error instanceof ApiError) || (error.status !== 400 && error.status !== 409)) return false;
  return error.fieldErrors.some(
    (f) =>
      /^(user\.)?e-?mail$/i.test(f.field.trim()) &&
      (f.type === "value_unavailable" || !EMAIL_FORMAT_WORDS.test(`${f.code} ${f.message}`)),
  );
}

/** Trimmed and lower-cased, for comparing what the API echoes with what was posted. */
function folded(text: string): string {
  return text.trim().toLowerCase();
}

/**
 * Whether `user` is what the POST of `body` creates: a pending invitation (not yet accepted) with
 * exactly the posted names and role, and the posted installs when the API reports them. Anything
 * else (an accepted user, other names or roles) existed before, or was made by someone else.
 */
export function isCreatedBy(user: AccountUser, body: CreateAccountUserBody["user"]): boolean {
  if (user.invite_accepted) return false;
  if (folded(user.email) !== folded(body.email)) return false;
  if (folded(user.first_name) !== folded(body.first_name)) return false;
  if (folded(user.last_name) !== folded(body.last_name)) return false;
  if (user.roles !== body.roles) return false;
  if (user.installs === undefined) return true;
  const posted = new Set((body.install_ids ?? []).map(folded));
  const found = new Set(user.installs.map((i) => folded(i.id)));
  return posted.size === found.size && [...posted].every((id) => found.has(id));
}

/**
 * Fills in `last_owner` where the answer left it out (it is optional): from the complete list, an
 * owner is the last one when no other user of the account is an owner.
 */
function withLastOwner(users: AccountUser[]): AccountUser[] {
  const owners = users.filter((u) => u.roles === "owner").length;
  return users.map((u) =>
    u.last_owner == null && u.roles === "owner" ? { ...u, last_owner: owners === 1 } : u,
  );
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

  /**
   * `GET /accounts/{account_id}/account_users` (not paged: one response holds every user). A user
   * with an unknown role is kept (its role verbatim); `last_owner` is filled in from the list where
   * the answer left it out.
   *
   * @throws PaginationError when the answer is paged after all (a `next` link, or a `count` above
   * the users answered): the users beyond the first page must never be read as deleted.
   * @throws NotFoundError / PermissionDeniedError when the credentials cannot see the account.
   */
  async listAccountUsers(accountId: string): Promise<AccountUser[]> {
    const id = uuidPathParam("listAccountUsers", "accountId", accountId);
    const path = `/accounts/${id}/account_users`;
    const list = await this.#get("listAccountUsers", path, AccountUserListSchema);
    if (list.next || (list.count != null && list.count > list.results.length)) {
      throw new PaginationError(
        path,
        `the API answered the account's users in pages (${list.results.length} users${list.count == null ? "" : ` of ${list.count}`}${list.next ? ", with a next link" : ""}), but this list is documented as unpaged and the client reads it in one request. ` +
          "Refusing to go on: the users on other pages would look deleted. Please report this to the pulumi-wpengine maintainers.",
      );
    }
    return withLastOwner(list.results);
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
   * A user found by email after an unknown outcome is taken over only when this request can have
   * created it ({@link isCreatedBy}: a pending invitation with exactly the posted names, role and
   * installs) or when `input.adopt` allows any; a stranger with that email (an accepted user, other
   * names or role) is never silently taken over.
   *
   * @throws BadRequestError when the API rejects the user; {@link isEmailTakenError} tells
   * whether the email already has a user on the account.
   * @throws AmbiguousWriteError when every attempt had an unknown outcome and the user is not found,
   * or when the user found is not one this request can have created (the message names `adopt`).
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
    const adopt = input.adopt === true;
    let unknown: AmbiguousWriteError | undefined;

    for (let post = 1; post <= CREATE_USER_MAX_POSTS; post++) {
      if (unknown !== undefined) {
        const found = await this.#findAfterUnknownOutcome(accountId, body.user, target, unknown, adopt);
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
          const found = await this.#findAfterUnknownOutcome(accountId, body.user, target, unknown, adopt);
          if (found !== undefined) return found;
        }
        throw err;
      }
    }
    const found = await this.#findAfterUnknownOutcome(accountId, body.user, target, unknown, adopt);
    if (found !== undefined) return found;
    throw new AmbiguousWriteError(
      target,
      unknown ?? new WpEngineError("unknown outcome"),
      `${CREATE_USER_MAX_POSTS} attempts to create the user ${email} had unknown outcomes and no user with that email was found afterwards; check the account's users in the WP Engine User Portal, then retry.`,
    );
  }

  async #findAfterUnknownOutcome(
    accountId: string,
    posted: CreateAccountUserBody["user"],
    target: RequestTarget,
    unknown: AmbiguousWriteError | undefined,
    adopt: boolean,
  ): Promise<AccountUser | undefined> {
    if (unknown === undefined) return undefined;
    const email = posted.email;
    let found: AccountUser | undefined;
    try {
      found = await this.findAccountUserByEmail(accountId, email);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new AmbiguousWriteError(
        target,
        unknown,
        `Looking up ${email} to find out whether the user was created failed too (${why}); check the account's users in the WP Engine User Portal, then retry.`,
      );
    }
    if (found === undefined || adopt || isCreatedBy(found, posted)) return found;
    const differences = [
      found.invite_accepted ? "has already accepted an invitation" : "",
      folded(found.first_name) !== folded(posted.first_name) ||
      folded(found.last_name) !== folded(posted.last_name)
        ? `is named ${found.first_name} ${found.last_name}`
        : "",
      found.roles !== posted.roles ? `has the role "${found.roles}"` : "",
    ].filter((d) => d !== "");
    throw new AmbiguousWriteError(
      target,
      unknown,
      `The account already has a user ${email} (${found.user_id}) that this request cannot have created: it ${differences.join(", ") || "has other installs"}. ` +
        "It was not taken over. If that person should be managed by this resource, set `adopt: true` on it (its roles and installs will be set to the declared ones) and run the update again; otherwise remove the user in the WP Engine User Portal or drop it from the program.",
    );
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

  /**
   * `GET /sites`, every page, optionally for one account. With an account filter, a site whose
   * answer leaves out its account id (the contract allows it) gets the filter's.
   */
  listSites(filter: AccountFilter = {}): AsyncIterable<Site> {
    const sites = paginate(this.#http, "/sites", SiteSchema, this.#accountQuery("listSites", filter), {
      operation: "listSites",
    });
    return withAccountId(sites, filter.accountId);
  }

  /** `GET /sites/{site_id}`. */
  async getSite(siteId: string): Promise<Site> {
    const id = uuidPathParam("getSite", "siteId", siteId);
    return this.#get("getSite", `/sites/${id}`, SiteSchema);
  }

  /**
   * `POST /sites`. Site names need not be unique, so a name the account already has is no error. The
   * account's sites are listed before the POST, so that after an unknown outcome the site this call
   * made can be told from the ones that were there: exactly one site of that name that was not in
   * the first list is the one this call made; none means the POST was not processed and it is sent
   * once more; several (another create ran meanwhile) are an AmbiguousWriteError naming them.
   */
  async createSite(input: { name: string; accountId: string }): Promise<Site> {
    const op = "createSite";
    uuidPathParam(op, "accountId", input.accountId);
    const body = parseRequest(
      CreateSiteBodySchema,
      { name: input.name, account_id: input.accountId },
      op,
      "input",
    );
    const before = await collect(this.listSites({ accountId: input.accountId }));
    const post = async () => {
      const response = await this.#http.request({ method: "POST", path: "/sites", body, operation: op });
      const site = parseResponse(SiteSchema, response.body, op, { method: "POST", path: "/sites" });
      return site.account.id === undefined ? { ...site, account: { id: input.accountId } } : site;
    };
    try {
      return await post();
    } catch (err) {
      if (!(err instanceof AmbiguousWriteError)) throw err;
      const after = await collect(this.listSites({ accountId: input.accountId }));
      const named = after.filter((s) => s.name === input.name);
      const [ours, ...others] = newSince(before, named);
      if (ours === undefined) return post();
      if (others.length === 0) return ours;
      throw new AmbiguousWriteError(
        { method: "POST", path: "/sites", attempts: 1 },
        err,
        `The account has ${named.length} site(s) named "${input.name}" (${named.map((s) => s.id).join(", ")}), ${others.length + 1} of them new since this request started, and it cannot be told which, if any, this request created. ` +
          'Check the sites in the WP Engine User Portal: adopt the new one with the Site input `adoptSiteId: "<site id>"` (and delete any extra), or delete it and run the update again.',
      );
    }
  }

  /** `PATCH /sites/{site_id}`: renames a site (the only change the API allows). Safe to retry. */
  async renameSite(siteId: string, name: string): Promise<Site> {
    const op = "updateSite";
    const id = uuidPathParam(op, "siteId", siteId);
    const body = parseRequest(UpdateSiteBodySchema, { name }, op, "input");
    const path = `/sites/${id}`;
    const response = await this.#http.request({ method: "PATCH", path, body, operation: op });
    return parseResponse(SiteSchema, response.body, op, { method: "PATCH", path });
  }

  /** `DELETE /sites/{site_id}`; `not_found` when it was already gone. */
  async deleteSite(siteId: string): Promise<DeleteResult> {
    const op = "deleteSite";
    const id = uuidPathParam(op, "siteId", siteId);
    const response = await this.#http.request({
      method: "DELETE",
      path: `/sites/${id}`,
      operation: op,
      acceptStatuses: [404],
    });
    return response.status === 404 ? "not_found" : "deleted";
  }

  /** `GET /ssh_keys`, every page: the SSH keys of the person behind the credentials. */
  listSshKeys(): AsyncIterable<SshKey> {
    return paginate(this.#http, "/ssh_keys", SshKeySchema, {}, { operation: "listSshKeys" });
  }

  /**
   * `POST /ssh_keys`. A key is unique per person (by fingerprint). The keys are listed first: a key
   * with this fingerprint already there (added by hand, or by another stack) is an
   * AlreadyExistsError and nothing is sent, since a resource that recorded it would remove it on
   * destroy. After an unknown outcome the keys are listed again and only a key that was not in the
   * first list is taken; no new key at all means the POST was not processed and it is sent once
   * more. A new key listed without its fingerprint (the contract requires no field) could be this
   * one or another, so that is an AmbiguousWriteError. An answer without `uuid` or `fingerprint`
   * gets the caller's fingerprint, so the key can still be found.
   *
   * @throws AlreadyExistsError when the key is already listed (nothing was sent).
   */
  async createSshKey(publicKey: string, fingerprint: string): Promise<SshKey> {
    const op = "createSshKey";
    const body = parseRequest(CreateSshKeyBodySchema, { public_key: publicKey }, op, "input");
    const before = await collect(this.listSshKeys());
    const existing = before.find((k) => k.fingerprint === fingerprint);
    if (existing !== undefined) {
      throw new AlreadyExistsError({
        kind: "SSH key",
        identifier: fingerprint,
        scope: "the SSH keys of the person behind the API credentials",
        existingId: existing.uuid,
        alternative: "use another key",
        lookup: "getSshKeys()",
      });
    }
    const post = async () => {
      const response = await this.#http.request({ method: "POST", path: "/ssh_keys", body, operation: op });
      const parsed = SshKeySchema.safeParse(response.body);
      const key = parsed.success ? parsed.data : {};
      return { ...key, fingerprint: key.fingerprint ?? fingerprint };
    };
    try {
      return await post();
    } catch (err) {
      if (!(err instanceof AmbiguousWriteError)) throw err;
      const added = (await collect(this.listSshKeys())).filter((k) => !wasListed(before, k));
      const ours = added.find((k) => k.fingerprint === fingerprint);
      if (ours !== undefined) return ours;
      const unidentified = added.filter((k) => k.fingerprint === undefined);
      // No key appeared: the POST was not processed.
      if (unidentified.length === 0) return post();
      // New keys without a fingerprint (minimal answers): WP Engine itself can tell. A key is unique
      // per person, so sending it again adds it when the first POST was not processed, and is refused
      // when it was; then the one key that appeared since the first list is this one. With several
      // new keys there is no telling which, and nothing is claimed.
      try {
        return await post();
      } catch (again) {
        const [only, ...more] = unidentified;
        if (again instanceof BadRequestError && only !== undefined && more.length === 0)
          return { ...only, fingerprint };
        throw new AmbiguousWriteError(
          { method: "POST", path: "/ssh_keys", attempts: 2 },
          err,
          `WP Engine lists ${unidentified.length} new key(s) without a fingerprint, so it cannot be told which, if any, is this key (${fingerprint}). ` +
            "Check the SSH keys in the WP Engine User Portal (or getSshKeys): if it is there, remove it, then run the update again.",
        );
      }
    }
  }

  /**
   * `DELETE /ssh_keys/{ssh_key_id}`. The contract documents no 404 here, so a key that is already
   * gone fails like any refusal; callers look the key up to tell the two apart.
   */
  async deleteSshKey(keyId: string): Promise<void> {
    const op = "deleteSshKey";
    const id = uuidPathParam(op, "keyId", keyId);
    await this.#http.request({ method: "DELETE", path: `/ssh_keys/${id}`, operation: op });
  }

  /**
   * `GET /installs`, every page, optionally for one account. With an account filter, an install
   * whose answer leaves out its account id gets the filter's.
   */
  listInstalls(filter: AccountFilter = {}): AsyncIterable<Installation> {
    const installs = paginate(
      this.#http,
      "/installs",
      InstallationSchema,
      this.#accountQuery("listInstalls", filter),
      { operation: "listInstalls" },
    );
    return withAccountId(installs, filter.accountId);
  }

  /** `GET /installs/{install_id}`. */
  async getInstall(installId: string): Promise<Installation> {
    const id = uuidPathParam("getInstall", "installId", installId);
    return this.#get("getInstall", `/installs/${id}`, InstallationSchema);
  }

  /**
   * `POST /installs`. The account's installs are listed first: a name already there (made in the
   * portal, or by another stack) is an AlreadyExistsError and nothing is sent, since a resource that
   * recorded that install would delete its website on destroy. After an unknown outcome the installs
   * are listed again and only an install of that name that was not in the first list is taken; none
   * means the POST was not processed, and it is sent once more. A name taken in another account
   * (names are unique across WP Engine) is the API's own refusal, a BadRequestError.
   *
   * @throws AlreadyExistsError when the account already has an install of that name (nothing was sent).
   */
  async createInstall(input: {
    name: string;
    accountId: string;
    siteId?: string | undefined;
    environment?: "production" | "staging" | "development" | null | undefined;
  }): Promise<Installation> {
    const op = "createInstall";
    const body = parseRequest(
      CreateInstallBodySchema,
      defined({
        name: input.name,
        account_id: input.accountId,
        site_id: input.siteId,
        environment: input.environment,
      }),
      op,
      "input",
    );
    const wanted = folded(body.name);
    const named = (i: Installation) => folded(i.name) === wanted;
    const before = await collect(this.listInstalls({ accountId: input.accountId }));
    const existing = before.find(named);
    if (existing !== undefined) {
      throw new AlreadyExistsError({
        kind: "install",
        identifier: existing.name,
        scope: `account ${input.accountId}`,
        existingId: existing.id,
        lookup: "getInstall({ name })",
      });
    }
    const post = async () => {
      const response = await this.#http.request({ method: "POST", path: "/installs", body, operation: op });
      return parseResponse(InstallationSchema, response.body, op, { method: "POST", path: "/installs" });
    };
    try {
      return await post();
    } catch (err) {
      if (!(err instanceof AmbiguousWriteError)) throw err;
      const after = await collect(this.listInstalls({ accountId: input.accountId }));
      return newSince(before, after.filter(named))[0] ?? post();
    }
  }

  /** `PATCH /installs/{install_id}`: moves an install to another site and/or environment. Safe to retry. */
  async updateInstall(
    installId: string,
    change: {
      siteId?: string | undefined;
      environment?: "production" | "staging" | "development" | null | undefined;
    },
  ): Promise<Installation> {
    const op = "updateInstall";
    const id = uuidPathParam(op, "installId", installId);
    const body = parseRequest(
      UpdateInstallBodySchema,
      defined({ site_id: change.siteId, environment: change.environment }),
      op,
      "input",
    );
    const path = `/installs/${id}`;
    const response = await this.#http.request({ method: "PATCH", path, body, operation: op });
    return parseResponse(InstallationSchema, response.body, op, { method: "PATCH", path });
  }

  /** `DELETE /installs/{install_id}` (deletes the website); `not_found` when it was already gone. */
  async deleteInstall(installId: string): Promise<DeleteResult> {
    const op = "deleteInstall";
    const id = uuidPathParam(op, "installId", installId);
    const response = await this.#http.request({
      method: "DELETE",
      path: `/installs/${id}`,
      operation: op,
      acceptStatuses: [404],
    });
    return response.status === 404 ? "not_found" : "deleted";
  }

  /** `GET /accounts/{account_id}/limits`: the plan's visitors, storage and bandwidth (GB). */
  async getAccountLimits(accountId: string): Promise<AccountLimits> {
    const id = uuidPathParam("getAccountsLimits", "accountId", accountId);
    return this.#get("getAccountsLimits", `/accounts/${id}/limits`, AccountLimitsSchema);
  }

  /** `GET /installs/{install_id}/domains`, every page. */
  listDomains(installId: string): AsyncIterable<Domain> {
    const id = uuidPathParam("listDomains", "installId", installId);
    return paginate(this.#http, `/installs/${id}/domains`, DomainSchema, {}, { operation: "listDomains" });
  }

  /**
   * `POST /installs/{install_id}/domains`. The install's domains are listed first: a name already
   * there (compared case-insensitively, as host names are) is an AlreadyExistsError and nothing is
   * sent, since a resource that recorded it would remove it on destroy. After an unknown outcome the
   * domains are listed again and only a domain of that name that was not in the first list is taken;
   * none means the POST was not processed, and it is sent once more.
   *
   * @throws AlreadyExistsError when the install already has the domain (nothing was sent).
   */
  async createDomain(
    installId: string,
    input: { name: string; primary?: boolean | undefined; redirectTo?: string | undefined },
  ): Promise<Domain> {
    const op = "createDomain";
    const id = uuidPathParam(op, "installId", installId);
    const body = parseRequest(
      CreateDomainBodySchema,
      defined({ name: input.name, primary: input.primary, redirect_to: input.redirectTo }),
      op,
      "input",
    );
    const path = `/installs/${id}/domains`;
    const wanted = folded(body.name);
    const named = (d: Domain) => folded(d.name) === wanted;
    const before = await collect(this.listDomains(installId));
    const existing = before.find(named);
    if (existing !== undefined) {
      throw new AlreadyExistsError({
        kind: "domain",
        identifier: existing.name,
        scope: `install ${installId}`,
        existingId: existing.id,
        lookup: "getDomains({ installId })",
        importId: `${installId}/${existing.id}`,
      });
    }
    const post = async () => {
      const response = await this.#http.request({ method: "POST", path, body, operation: op });
      return parseResponse(DomainSchema, response.body, op, { method: "POST", path });
    };
    try {
      return await post();
    } catch (err) {
      if (!(err instanceof AmbiguousWriteError)) throw err;
      const after = await collect(this.listDomains(installId));
      return newSince(before, after.filter(named))[0] ?? post();
    }
  }

  /** `PATCH /installs/{install_id}/domains/{domain_id}`: primary, redirect, secure-all-URLs. Safe to retry. */
  async updateDomain(
    installId: string,
    domainId: string,
    change: {
      primary?: boolean | undefined;
      redirectTo?: string | null | undefined;
      secureAllUrls?: boolean | undefined;
    },
  ): Promise<Domain> {
    const op = "updateDomain";
    const i = uuidPathParam(op, "installId", installId);
    const d = uuidPathParam(op, "domainId", domainId);
    const body = parseRequest(
      UpdateDomainBodySchema,
      defined({
        primary: change.primary,
        redirect_to: change.redirectTo,
        secure_all_urls: change.secureAllUrls,
      }),
      op,
      "input",
    );
    const path = `/installs/${i}/domains/${d}`;
    const response = await this.#http.request({ method: "PATCH", path, body, operation: op });
    return parseResponse(DomainSchema, response.body, op, { method: "PATCH", path });
  }

  /** `DELETE /installs/{install_id}/domains/{domain_id}`; `not_found` when it was already gone. */
  async deleteDomain(installId: string, domainId: string): Promise<DeleteResult> {
    const op = "deleteDomain";
    const i = uuidPathParam(op, "installId", installId);
    const d = uuidPathParam(op, "domainId", domainId);
    const response = await this.#http.request({
      method: "DELETE",
      path: `/installs/${i}/domains/${d}`,
      operation: op,
      acceptStatuses: [404],
    });
    return response.status === 404 ? "not_found" : "deleted";
  }

  /**
   * `POST .../domains/{domain_id}/ssl_certificate` (202): orders a certificate. After an unknown
   * outcome the domain's certificate is read: one there means the order was taken; none (404) means
   * it was not, and it is sent once more.
   */
  async orderCertificate(installId: string, domainId: string, order: CertificateOrder): Promise<void> {
    const op = "createDomainCertificateOrder";
    const i = uuidPathParam(op, "installId", installId);
    const d = uuidPathParam(op, "domainId", domainId);
    const body = parseRequest(CertificateOrderSchema, order, op, "order");
    const path = `/installs/${i}/domains/${d}/ssl_certificate`;
    const send = () => this.#http.request({ method: "POST", path, body, operation: op });
    try {
      await send();
    } catch (err) {
      if (!(err instanceof AmbiguousWriteError)) throw err;
      const found = await this.getDomainCertificate(installId, domainId).catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 404) return undefined;
        throw e;
      });
      if (found === undefined) await send();
    }
  }

  /** `GET .../domains/{domain_id}/ssl_certificate`: status and dates; the private key is never kept. */
  async getDomainCertificate(installId: string, domainId: string): Promise<DomainCertificate> {
    const op = "getDomainCertificate";
    const i = uuidPathParam(op, "installId", installId);
    const d = uuidPathParam(op, "domainId", domainId);
    return this.#get(op, `/installs/${i}/domains/${d}/ssl_certificate`, DomainCertificateSchema);
  }

  /**
   * `POST /installs/{install_id}/purge_cache` (202). After an unknown outcome it is sent once more:
   * a second purge of a cache changes nothing the first did not.
   */
  async purgeCache(
    installId: string,
    type: (typeof PurgeCacheBodySchema.shape.type.options)[number],
  ): Promise<void> {
    const op = "purgeCache";
    const id = uuidPathParam(op, "installId", installId);
    const body = parseRequest(PurgeCacheBodySchema, { type }, op, "input");
    const send = () =>
      this.#http.request({ method: "POST", path: `/installs/${id}/purge_cache`, body, operation: op });
    try {
      await send();
    } catch (err) {
      if (!(err instanceof AmbiguousWriteError)) throw err;
      await send();
    }
  }

  /**
   * `POST /install_copy` (202): overwrites the destination with the source. Never repeated after an
   * unknown outcome (the API cannot show whether a copy started, and a second one overwrites again).
   *
   * @throws AmbiguousWriteError when the copy may or may not have started.
   */
  async copyInstall(input: CopyInstallBody): Promise<void> {
    const op = "copyInstall";
    const body = parseRequest(CopyInstallBodySchema, input, op, "input");
    await this.#http.request({
      method: "POST",
      path: "/install_copy",
      body,
      operation: op,
      ambiguousHint:
        "The copy may have started. Check the destination install in the WP Engine User Portal; run `pulumi up` again only if it must be copied (again).",
    });
  }

  /**
   * `POST /installs/{install_id}/backups`: requests a backup (answers 202 `requested`).
   *
   * Never repeated after an unknown outcome: the API cannot list backups, so a repeat could take
   * a second backup unnoticed. Repeated only when the API certainly did not process it (429, 503,
   * connection refused).
   *
   * Once the API accepted the request, its answer never fails the call: the contract requires no
   * field of it, so a missing or odd `id` gives `id: null` and a missing or unknown status gives
   * `unknown` (not finished). Failing here would forget a backup that was taken.
   *
   * @throws AmbiguousWriteError when the backup may or may not have been requested.
   */
  async createBackup(installId: string, input: CreateBackupInput): Promise<RequestedBackup> {
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
    const parsed = BackupBodySchema.safeParse(response.body);
    const answered = parsed.success ? parsed.data : { id: undefined, status: "unknown" as const };
    return { id: answered.id ?? null, status: answered.status };
  }

  /**
   * `GET /installs/{install_id}/backups/{backup_id}`: a backup's status (`unknown` when the answer
   * has none the contract lists). The backup id may be any id the API gave, not only a UUID.
   */
  async getBackup(installId: string, backupId: string): Promise<Backup> {
    const i = uuidPathParam("getBackup", "installId", installId);
    const b = backupIdPathParam("getBackup", "backupId", backupId);
    const read = await this.#get("getBackup", `/installs/${i}/backups/${b}`, BackupBodySchema);
    return { id: backupId, status: read.status };
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
    query?: Record<string, string | number>,
  ): Promise<import("zod").output<S>> {
    const response = await this.#http.request({ method: "GET", path, operation, query });
    return parseResponse(schema, response.body, operation, { method: "GET", path });
  }

  /**
   * Follows `next_page_token` (sent back as `offset`) until a page has none. A token seen twice would
   * loop forever, so it fails the read instead.
   */
  async *#tokenPages<T>(
    operation: string,
    path: string,
    query: Record<string, string | number>,
    page: (query: Record<string, string | number>) => Promise<{ items: T[]; next: string | null }>,
  ): AsyncGenerator<T, void, undefined> {
    const seen = new Set<string>();
    let token: string | null = null;
    do {
      const { items, next } = await page(token === null ? query : { ...query, offset: token });
      yield* items;
      token = next === "" ? null : next;
      if (token !== null && seen.has(token)) {
        throw new PaginationError(path, `${operation} answered the next_page_token "${token}" twice`);
      }
      if (token !== null) seen.add(token);
    } while (token !== null);
  }

  /**
   * `GET /accounts/{account_id}/usage`: each install's daily figures, every page (1,000 installs per
   * request, the most the API allows). Both dates or neither (WP Engine's default range).
   */
  listAccountUsage(accountId: string, range: UsageRange = {}): AsyncIterable<EnvironmentUsage> {
    const op = "getAccountUsageMetrics";
    const path = `/accounts/${uuidPathParam(op, "accountId", accountId)}/usage`;
    const query = { ...usageRangeQuery(op, range), limit: 1000 };
    return this.#tokenPages(op, path, query, async (q) => {
      const body = await this.#get(op, path, AccountUsagePageSchema, q);
      return { items: body.environment_metrics ?? [], next: body.next_page_token };
    });
  }

  /** `GET /accounts/{account_id}/usage/summary`: the account's rollup over the range. */
  async getAccountUsageSummary(accountId: string, range: UsageRange = {}): Promise<UsageRollup> {
    const op = "getAccountUsageSummary";
    const id = uuidPathParam(op, "accountId", accountId);
    return this.#get(op, `/accounts/${id}/usage/summary`, UsageRollupSchema, usageRangeQuery(op, range));
  }

  /** `GET /accounts/{account_id}/usage/insights`: totals by environment type and site type. */
  async getAccountUsageInsights(accountId: string, range: UsageRange = {}): Promise<UsageInsights> {
    const op = "getAccountUsageInsights";
    const id = uuidPathParam(op, "accountId", accountId);
    return this.#get(op, `/accounts/${id}/usage/insights`, UsageInsightsSchema, usageRangeQuery(op, range));
  }

  /** `GET /installs/{install_id}/usage`: one install's daily figures and rollup over the range. */
  async getInstallUsage(installId: string, range: UsageRange = {}): Promise<EnvironmentUsage> {
    const op = "getInstallUsageMetrics";
    const id = uuidPathParam(op, "installId", installId);
    return this.#get(op, `/installs/${id}/usage`, InstallUsageSchema, usageRangeQuery(op, range));
  }

  /**
   * `GET /installs/{install_id}/ssl_certificates`, every page. The API answers 404 both for an install
   * without certificates and for an unknown install; only on a 404 is the install read, so that the
   * first is an empty list and the second stays an error.
   */
  async listInstallCertificates(installId: string): Promise<InstallCertificate[]> {
    const op = "getInstallCertificates";
    const path = `/installs/${uuidPathParam(op, "installId", installId)}/ssl_certificates`;
    const certificates: InstallCertificate[] = [];
    try {
      const pages = this.#tokenPages(op, path, { limit: 100 }, async (q) => {
        const body = await this.#get(op, path, InstallCertificatesPageSchema, q);
        return { items: body.certificates, next: body.next_page_token };
      });
      for await (const c of pages) certificates.push(c);
    } catch (error) {
      if (!(error instanceof NotFoundError) || certificates.length > 0) throw error;
      await this.getInstall(installId);
    }
    return certificates;
  }
}

/** Gives items without an account id the id of the account the list was filtered by. */
async function* withAccountId<T extends { account: { id?: string | undefined } }>(
  items: AsyncIterable<T>,
  accountId: string | undefined,
): AsyncGenerator<T, void, undefined> {
  for await (const item of items) {
    yield accountId === undefined || item.account.id !== undefined
      ? item
      : { ...item, account: { ...item.account, id: accountId } };
  }
}

/**
 * The items of `after` that were not in `before`, compared by id (case-insensitively). This is how a
 * create tells, after an unknown outcome, the object it made from one that existed before it: an
 * object of the first list is never the create's, whatever its name.
 */
function newSince<T extends { id: string }>(before: readonly T[], after: readonly T[]): T[] {
  const known = new Set(before.map((item) => item.id.toLowerCase()));
  return after.filter((item) => !known.has(item.id.toLowerCase()));
}

/**
 * Whether an SSH key was in `before`: by `uuid`; a key listed without one, by fingerprint. A key
 * listed with neither cannot be matched, so it counts as new (and so as undecided).
 */
function wasListed(before: readonly SshKey[], key: SshKey): boolean {
  if (key.uuid !== undefined) {
    const uuid = key.uuid.toLowerCase();
    return before.some((b) => b.uuid?.toLowerCase() === uuid);
  }
  return (
    key.fingerprint !== undefined &&
    before.some((b) => b.uuid === undefined && b.fingerprint === key.fingerprint)
  );
}

/** Leaves out keys whose value is undefined (the API treats an absent field and null differently). */
function defined<T extends Record<string, unknown>>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>;
}
