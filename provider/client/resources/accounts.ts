/** The credentials' user, the API status, and the accounts the credentials see with their limits. */
import { paginate } from "../paginate";
import {
  type Account,
  type AccountLimits,
  AccountLimitsSchema,
  AccountSchema,
  type Status,
  StatusSchema,
  type User,
  UserSchema,
} from "../schemas";
import { uuidPathParam } from "../validate";
import { ApiResource } from "./base";

/** `/user`, `/status` and `/accounts`. */
export class Accounts extends ApiResource {
  /** `GET /user`: the user behind the credentials (a cheap credentials check). */
  async getCurrentUser(): Promise<User> {
    return this.get("getCurrentUser", "/user", UserSchema);
  }

  /** `GET /status`: API health. */
  async getStatus(): Promise<Status> {
    return this.get("getStatus", "/status", StatusSchema);
  }

  /** `GET /accounts`, every page. */
  listAccounts(): AsyncIterable<Account> {
    return paginate(this.http, "/accounts", AccountSchema, {}, { operation: "listAccounts" });
  }

  /** `GET /accounts/{account_id}`. */
  async getAccount(accountId: string): Promise<Account> {
    const id = uuidPathParam("getAccount", "accountId", accountId);
    return this.get("getAccount", `/accounts/${id}`, AccountSchema);
  }

  /** `GET /accounts/{account_id}/limits`: the plan's visitors, storage and bandwidth (GB). */
  async getAccountLimits(accountId: string): Promise<AccountLimits> {
    const id = uuidPathParam("getAccountsLimits", "accountId", accountId);
    return this.get("getAccountsLimits", `/accounts/${id}/limits`, AccountLimitsSchema);
  }
}
