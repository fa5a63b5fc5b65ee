/** `/installs` and `/installs/{install_id}`: list, read, create, move and delete. */
import { json } from "../http";
import { OPERATIONS } from "../operations";
import { linkBuilder, pageBody, pageRequest, paginate } from "../pagination";
import { parseInstallChange, parseNewInstall } from "../validation";
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

/** Creates an install: 201 with the Installation. */
export const createInstallRoute: Route = {
  operation: OPERATIONS.createInstall,
  handle: (ctx) =>
    json(
      201,
      installView(ctx.store.createInstall(parseNewInstall(ctx.body())), true, ctx.store.config.profile),
    ),
};

/** Moves an install to another site and/or environment: 200 with the Installation. */
export const updateInstallRoute: Route = {
  operation: OPERATIONS.updateInstall,
  handle: (ctx) => {
    const id = uuidParam(ctx, "install_id", "Install");
    ctx.store.install(id);
    const change = parseInstallChange(ctx.body());
    return json(200, installView(ctx.store.updateInstall(id, change), true, ctx.store.config.profile));
  },
};

/** Deletes an install (its website): 204. */
export const deleteInstallRoute: Route = {
  operation: OPERATIONS.deleteInstall,
  handle: (ctx) => {
    ctx.store.deleteInstall(uuidParam(ctx, "install_id", "Install"));
    return { status: 204 };
  },
};
