/** `GET /installs` and `GET /installs/{install_id}`. */
import { json } from "../http";
import { OPERATIONS } from "../operations";
import { linkBuilder, pageBody, pageRequest, paginate } from "../pagination";
import { installView } from "../views";
import { accountFilter, type Route, uuidParam } from "./context";

/** Visible installs, paged, optionally of one account. */
export const listInstallsRoute: Route = {
  operation: OPERATIONS.listInstalls,
  handle: (ctx) => {
    const page = pageRequest(ctx.query);
    const accountId = accountFilter(ctx);
    const { profile } = ctx.store.config;
    const link = linkBuilder(ctx.origin, ctx.pathname, page.limit, accountId, profile);
    const result = paginate(ctx.store.listInstalls(accountId), page, link);
    return json(
      200,
      pageBody(result, profile, (i) => installView(i, false, profile)),
    );
  },
};

/** One install; hidden installs answer 404 because this operation documents no 403. */
export const getInstallRoute: Route = {
  operation: OPERATIONS.getInstall,
  handle: (ctx) =>
    json(
      200,
      installView(ctx.store.install(uuidParam(ctx, "install_id", "Install")), true, ctx.store.config.profile),
    ),
};
