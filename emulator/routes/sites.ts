/** `/sites` and `/sites/{site_id}`: list, read, create, rename and delete. */
import { json } from "../http";
import { OPERATIONS } from "../operations";
import { linkBuilder, pageBody, pageRequest, paginate } from "../pagination";
import { parseNewSite, parseSiteChange } from "../validation";
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

/** Creates a site: 201 with the Site. */
export const createSiteRoute: Route = {
  operation: OPERATIONS.createSite,
  handle: (ctx) => json(201, siteView(ctx.store, ctx.store.createSite(parseNewSite(ctx.body())))),
};

/** Renames a site: 200 with the Site. */
export const updateSiteRoute: Route = {
  operation: OPERATIONS.updateSite,
  handle: (ctx) => {
    const id = uuidParam(ctx, "site_id", "Site");
    ctx.store.site(id);
    return json(200, siteView(ctx.store, ctx.store.renameSite(id, parseSiteChange(ctx.body()))));
  },
};

/** Deletes a site without installs: 204. */
export const deleteSiteRoute: Route = {
  operation: OPERATIONS.deleteSite,
  handle: (ctx) => {
    ctx.store.deleteSite(uuidParam(ctx, "site_id", "Site"));
    return { status: 204 };
  },
};
