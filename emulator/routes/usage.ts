/**
 * Usage metrics (`/accounts/{id}/usage`, its `/summary` and `/insights`, `/installs/{id}/usage`) and an
 * install's SSL certificate list: read-only figures, computed by emulator/usage.ts.
 */
import { json, message, type Reply } from "../http";
import type { InstallRecord } from "../model";
import { OPERATIONS } from "../operations";
import { integerParam, pageRequest } from "../pagination";
import { certificateStatus } from "../store";
import { dayRange, daysOf, environmentMetricsView, insightsView, rollupView } from "../usage";
import { certificateView } from "../views";
import { type Route, type RouteContext, uuidParam } from "./context";

/** The account's installs and the days asked for, or the 400 reply for a refused range. */
function accountScope(ctx: RouteContext): { reply: Reply } | { installs: InstallRecord[]; days: string[] } {
  const account = ctx.store.account(uuidParam(ctx, "account_id", "Account"));
  const range = dayRange(ctx.query, ctx.store.clock());
  if (!("first" in range)) return { reply: range };
  return { installs: ctx.store.listInstalls(account.id), days: daysOf(range, ctx.store.clock()) };
}

/**
 * Each environment's daily metrics, paged by a string-encoded offset (`offset` in, `next_page_token`
 * out; `limit` up to 1,000 environments, default 100).
 */
export const accountUsageRoute: Route = {
  operation: OPERATIONS.getAccountUsageMetrics,
  handle: (ctx) => {
    const scope = accountScope(ctx);
    if ("reply" in scope) return scope.reply;
    const limit = integerParam(ctx.query, "limit", 100, 1, 1000);
    const token = ctx.query.get("offset") ?? "0";
    if (!/^\d+$/.test(token)) return message(400, "offset must be a next_page_token of an earlier page.");
    const offset = Number(token);
    const { profile } = ctx.store.config;
    const page = scope.installs.slice(offset, offset + limit);
    const more = offset + limit < scope.installs.length;
    return json(200, {
      environment_metrics: page.map((i) => environmentMetricsView(i, scope.days, profile)),
      total_size: scope.installs.length,
      ...(more ? { next_page_token: String(offset + limit) } : {}),
      ...(profile === "minimal" ? {} : { all_environments_included: true }),
    });
  },
};

/** The account's rollup over all its environments. */
export const accountUsageSummaryRoute: Route = {
  operation: OPERATIONS.getAccountUsageSummary,
  handle: (ctx) => {
    const scope = accountScope(ctx);
    if ("reply" in scope) return scope.reply;
    const ids = scope.installs.map((i) => i.id);
    return json(200, rollupView(ids, scope.days, ctx.store.config.profile));
  },
};

/** The account's totals broken down by environment and site type. */
export const accountUsageInsightsRoute: Route = {
  operation: OPERATIONS.getAccountUsageInsights,
  handle: (ctx) => {
    const scope = accountScope(ctx);
    if ("reply" in scope) return scope.reply;
    return json(200, insightsView(scope.installs, scope.days, ctx.store.config.profile));
  },
};

/** One install's daily metrics and rollup. */
export const installUsageRoute: Route = {
  operation: OPERATIONS.getInstallUsageMetrics,
  handle: (ctx) => {
    const install = ctx.store.install(uuidParam(ctx, "install_id", "Install"));
    const range = dayRange(ctx.query, ctx.store.clock());
    if (!("first" in range)) return range;
    const { environment_name, ...series } = environmentMetricsView(
      install,
      daysOf(range, ctx.store.clock()),
      ctx.store.config.profile,
    );
    return json(200, { install_name: environment_name, ...series });
  },
};

/**
 * An install's certificates, paged by `limit`/`offset` with a `next_page_token`. An install without
 * any answers 404, as the contract documents ("No SSL certs found").
 */
export const installCertificatesRoute: Route = {
  operation: OPERATIONS.getInstallCertificates,
  handle: (ctx) => {
    const install = ctx.store.install(uuidParam(ctx, "install_id", "Install"));
    const all = ctx.store.listCertificates(install.id);
    if (all.length === 0) return message(404, `No SSL certs found for environment '${install.name}'`);
    const { limit, offset } = pageRequest(ctx.query);
    const more = limit > 0 && offset + limit < all.length;
    return json(200, {
      certificates: all.slice(offset, offset + limit).map((c) => certificateView(c, certificateStatus(c))),
      ...(more ? { next_page_token: String(offset + limit) } : {}),
    });
  },
};
