/** The account-user operations under `/accounts/{account_id}/account_users`. */
import { json } from "../http";
import { OPERATIONS } from "../operations";
import { linkBuilder, pageBody, pageRequest, paginate } from "../pagination";
import { parseAccountUserChange, parseNewAccountUser } from "../validation";
import { accountUserView } from "../views";
import { type Route, uuidParam } from "./context";

/** What successful writes answer, as the contract's examples show. */
export const CHANGE_MESSAGE = "Your change was successful.";

/**
 * All users of an account: NOT paged, answers `{results}`. When a test sets `accountUsersPageSize`,
 * it answers the first page of that size with a `next` link instead, as a paged API would.
 */
export const listAccountUsersRoute: Route = {
  operation: OPERATIONS.listAccountUsers,
  handle: (ctx) => {
    const accountId = uuidParam(ctx, "account_id", "Account");
    const users = ctx.store.listAccountUsers(accountId);
    const size = ctx.store.config.accountUsersPageSize;
    if (size !== null) {
      const page = pageRequest(ctx.query);
      const link = linkBuilder(ctx.origin, ctx.pathname, size);
      const result = paginate(users, { limit: size, offset: page.offset }, link);
      return json(
        200,
        pageBody(result, ctx.store.config.profile, (u) => accountUserView(ctx.store, u)),
      );
    }
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
