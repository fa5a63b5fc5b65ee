/** `/installs/{install_id}/domains`: list, add (one or in bulk), read, change and remove domains. */
import { json } from "../http";
import { OPERATIONS } from "../operations";
import { linkBuilder, pageBody, pageRequest, paginate } from "../pagination";
import { parseBulkDomains, parseCertificateOrder, parseDomainChange, parseNewDomain } from "../validation";
import { domainCertificateView, domainOrRedirectView, domainView } from "../views";
import { type Route, uuidParam } from "./context";

/** An install's domains, paged. */
export const listDomainsRoute: Route = {
  operation: OPERATIONS.listDomains,
  handle: (ctx) => {
    const installId = uuidParam(ctx, "install_id", "Install");
    const page = pageRequest(ctx.query);
    const { profile } = ctx.store.config;
    const link = linkBuilder(ctx.origin, ctx.pathname, page.limit, undefined, profile);
    const result = paginate(ctx.store.listDomains(installId), page, link);
    return json(
      200,
      pageBody(result, profile, (d) => domainView(ctx.store, d)),
    );
  },
};

/** Adds a domain: 201 with the Domain. */
export const createDomainRoute: Route = {
  operation: OPERATIONS.createDomain,
  handle: (ctx) => {
    const installId = uuidParam(ctx, "install_id", "Install");
    ctx.store.install(installId);
    return json(201, domainView(ctx.store, ctx.store.createDomain(installId, parseNewDomain(ctx.body()))));
  },
};

/**
 * Adds up to 20 domains (redirects name their target, which may be earlier in the same list): 201
 * with the first one, as the contract documents a single DomainOrRedirect.
 */
export const createBulkDomainsRoute: Route = {
  operation: OPERATIONS.createBulkDomains,
  handle: (ctx) => {
    const installId = uuidParam(ctx, "install_id", "Install");
    ctx.store.install(installId);
    const created = parseBulkDomains(ctx.body()).map((d) =>
      ctx.store.createDomain(installId, { name: d.name, primary: false, redirect_to: d.redirect_to }),
    );
    const [first] = created;
    if (!first) throw new Error("parseBulkDomains answered an empty list");
    return json(201, domainOrRedirectView(ctx.store, first));
  },
};

/** One domain. */
export const getDomainRoute: Route = {
  operation: OPERATIONS.getDomain,
  handle: (ctx) => {
    const installId = uuidParam(ctx, "install_id", "Install");
    return json(
      200,
      domainView(ctx.store, ctx.store.domain(installId, uuidParam(ctx, "domain_id", "Domain"))),
    );
  },
};

/** Changes primary, redirect and secure-all-URLs: 200 with the Domain. */
export const updateDomainRoute: Route = {
  operation: OPERATIONS.updateDomain,
  handle: (ctx) => {
    const installId = uuidParam(ctx, "install_id", "Install");
    const domainId = uuidParam(ctx, "domain_id", "Domain");
    ctx.store.domain(installId, domainId);
    return json(
      200,
      domainView(ctx.store, ctx.store.updateDomain(installId, domainId, parseDomainChange(ctx.body()))),
    );
  },
};

/** Removes a domain: 204. */
export const deleteDomainRoute: Route = {
  operation: OPERATIONS.deleteDomain,
  handle: (ctx) => {
    const installId = uuidParam(ctx, "install_id", "Install");
    ctx.store.deleteDomain(installId, uuidParam(ctx, "domain_id", "Domain"));
    return { status: 204 };
  },
};

/** Orders a certificate for a domain: 202 without a body. */
export const orderCertificateRoute: Route = {
  operation: OPERATIONS.createDomainCertificateOrder,
  handle: (ctx) => {
    const installId = uuidParam(ctx, "install_id", "Install");
    const domainId = uuidParam(ctx, "domain_id", "Domain");
    ctx.store.domain(installId, domainId);
    parseCertificateOrder(ctx.body());
    ctx.store.orderCertificate(installId, domainId);
    return { status: 202 };
  },
};

/** A domain's certificate; each call is one read of its progress. */
export const getCertificateRoute: Route = {
  operation: OPERATIONS.getDomainCertificate,
  handle: (ctx) => {
    const installId = uuidParam(ctx, "install_id", "Install");
    const { record, status } = ctx.store.readCertificate(installId, uuidParam(ctx, "domain_id", "Domain"));
    return json(200, domainCertificateView(record, status, ctx.store.config.profile));
  },
};
