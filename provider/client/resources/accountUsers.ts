/** Account users: their routes and inputs, and the recovery of a create whose outcome is unknown. */
import { AmbiguousWriteError, ApiError, PaginationError, type RequestTarget, WpEngineError } from "../errors";
import { retryDelay } from "../retry";
import { type Role, tryParseRole } from "../roles";
import {
  type AccountUser,
  AccountUserListSchema,
  AccountUserSchema,
  type CreateAccountUserBody,
  CreateAccountUserBodySchema,
  CreateAccountUserResponseSchema,
  UpdateAccountUserBodySchema,
  UpdateAccountUserResponseSchema,
} from "../schemas";
import { parseRequest, parseResponse, uuidPathParam } from "../validate";
import { ApiResource, type DeleteResult } from "./base";
import { folded } from "./compare";

/** Input of {@link AccountUsers.createAccountUser}. */
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
   * {@link AccountUsers.createAccountUser}.
   */
  adopt?: boolean | undefined;
}

/** Input of {@link AccountUsers.updateAccountUser}: names and email cannot be changed by the API. */
export interface UpdateAccountUserInput {
  roles: Role;
  /** Installs a partial user may access; only with a partial role. */
  installIds?: string[] | undefined;
}

/** How many POSTs {@link AccountUsers.createAccountUser} makes at most when outcomes are unknown. */
export const CREATE_USER_MAX_POSTS = 3;

/** Field-error codes and texts that say an email is malformed rather than taken. */
const EMAIL_FORMAT_WORDS =
  /\binvalid\b|format|malformed|not an? (valid )?e-?mail|not valid|blank|required|empty|too[_ ]long/i;

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

/** `/accounts/{account_id}/account_users`. */
export class AccountUsers extends ApiResource {
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
    const list = await this.get("listAccountUsers", path, AccountUserListSchema);
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
    return this.get("getAccountUser", `/accounts/${a}/account_users/${u}`, AccountUserSchema);
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
        await this.http.retry.sleep(retryDelay(post - 2, this.http.retry));
      }
      try {
        const response = await this.http.request({ ...target, method: "POST", body, operation: op });
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
    return (await this.patch(op, path, body, UpdateAccountUserResponseSchema)).account_user;
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
    return this.delete(op, `/accounts/${a}/account_users/${u}`);
  }
}
