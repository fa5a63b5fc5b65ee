/** `GET /accounts`, `GET /accounts/{account_id}` and its `/limits`. */
import { json } from "../http";
import { OPERATIONS } from "../operations";
import { linkBuilder, pageBody, pageRequest, paginate } from "../pagination";
import { accountLimitsView, accountView } from "../views";
import { type Route, uuidParam } from "./context";

/** Accounts the credentials may use, paged. */
export const listAccountsRoute: Route = {
  operation: OPERATIONS.listAccounts,
  handle: (ctx) => {
    const page = pageRequest(ctx.query);
    const result = paginate(
      ctx.store.visibleAccounts(),
      page,
      linkBuilder(ctx.origin, ctx.pathname, page.limit),
    );
    return json(200, pageBody(result, ctx.store.config.profile, accountView));
  },
};

/** One account; hidden accounts answer 404 because this operation documents no 403. */
export const getAccountRoute: Route = {
  operation: OPERATIONS.getAccount,
  handle: (ctx) => json(200, accountView(ctx.store.account(uuidParam(ctx, "account_id", "Account")))),
};

/** An account's plan limits (visitors, storage and bandwidth in GB; null where the plan sets none). */
export const getAccountLimitsRoute: Route = {
  operation: OPERATIONS.getAccountsLimits,
  handle: (ctx) =>
    json(
      200,
      accountLimitsView(ctx.store.account(uuidParam(ctx, "account_id", "Account")), ctx.store.config.profile),
    ),
};
