/** `GET /sites` and `GET /sites/{site_id}`. */
import { json } from "../http";
import { OPERATIONS } from "../operations";
import { linkBuilder, pageBody, pageRequest, paginate } from "../pagination";
import { siteView } from "../views";
import { accountFilter, type Route, uuidParam } from "./context";

/** Visible sites, paged, optionally of one account. */
export const listSitesRoute: Route = {
  operation: OPERATIONS.listSites,
  handle: (ctx) => {
    const page = pageRequest(ctx.query);
    const accountId = accountFilter(ctx);
    const { profile } = ctx.store.config;
    const link = linkBuilder(ctx.origin, ctx.pathname, page.limit, accountId, profile);
    const result = paginate(ctx.store.listSites(accountId), page, link);
    return json(
      200,
      pageBody(result, profile, (s) => siteView(ctx.store, s)),
    );
  },
};

/** One site. */
export const getSiteRoute: Route = {
  operation: OPERATIONS.getSite,
  handle: (ctx) => json(200, siteView(ctx.store, ctx.store.site(uuidParam(ctx, "site_id", "Site")))),
};
