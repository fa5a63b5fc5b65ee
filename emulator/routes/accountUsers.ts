/** The account-user operations under `/accounts/{account_id}/account_users`. */
import { json } from "../http";
import { OPERATIONS } from "../operations";
import { parseAccountUserChange, parseNewAccountUser } from "../validation";
import { accountUserView } from "../views";
import { type Route, uuidParam } from "./context";

/** What successful writes answer, as the contract's examples show. */
export const CHANGE_MESSAGE = "Your change was successful.";

/** All users of an account: NOT paged, answers `{results}`. */
export const listAccountUsersRoute: Route = {
  operation: OPERATIONS.listAccountUsers,
  handle: (ctx) => {
    const accountId = uuidParam(ctx, "account_id", "Account");
    const users = ctx.store.listAccountUsers(accountId);
    return json(200, { results: users.map((u) => accountUserView(ctx.store, u)) });
  },
};

/** Creates an account user: 201 `{message, account_user}`. */
export const createAccountUserRoute: Route = {
  operation: OPERATIONS.createAccountUser,
  handle: (ctx) => {
    const accountId = uuidParam(ctx, "account_id", "Account");
    // Why access before the body: a caller without access learns nothing from validation errors.
    ctx.store.account(accountId);
    const input = parseNewAccountUser(ctx.body());
    const user = ctx.store.createAccountUser(accountId, input);
    return json(201, { message: CHANGE_MESSAGE, account_user: accountUserView(ctx.store, user) });
  },
};

/** One account user. */
export const getAccountUserRoute: Route = {
  operation: OPERATIONS.getAccountUser,
  handle: (ctx) => {
    const accountId = uuidParam(ctx, "account_id", "Account");
    const userId = uuidParam(ctx, "user_id", "AccountUser");
    return json(200, accountUserView(ctx.store, ctx.store.accountUser(accountId, userId)));
  },
};

/** Changes roles/installs: 200 `{message, account_user}` as the contract documents for PATCH. */
export const updateAccountUserRoute: Route = {
  operation: OPERATIONS.updateAccountUser,
  handle: (ctx) => {
    const accountId = uuidParam(ctx, "account_id", "Account");
    const userId = uuidParam(ctx, "user_id", "AccountUser");
    ctx.store.accountUser(accountId, userId);
    const change = parseAccountUserChange(ctx.body());
    const user = ctx.store.updateAccountUser(accountId, userId, change);
    return json(200, { message: CHANGE_MESSAGE, account_user: accountUserView(ctx.store, user) });
  },
};

/** Removes a user from the account: 204 without a body. */
export const deleteAccountUserRoute: Route = {
  operation: OPERATIONS.deleteAccountUser,
  handle: (ctx) => {
    const accountId = uuidParam(ctx, "account_id", "Account");
    const userId = uuidParam(ctx, "user_id", "AccountUser");
    ctx.store.deleteAccountUser(accountId, userId);
    return { status: 204 };
  },
};
