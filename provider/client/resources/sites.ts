/** Sites: their routes, and how a create tells its site from same-named ones after an unknown outcome. */
import { AmbiguousWriteError } from "../errors";
import { collect } from "../paginate";
import { CreateSiteBodySchema, type Site, SiteSchema, UpdateSiteBodySchema } from "../schemas";
import { parseRequest, parseResponse, uuidPathParam } from "../validate";
import { type AccountFilter, listForAccount } from "./accountFilter";
import { ApiResource, type DeleteResult } from "./base";
import { newSince } from "./compare";

/** Input of {@link Sites.createSite}. */
export interface CreateSiteInput {
  name: string;
  accountId: string;
}

/** `/sites`. */
export class Sites extends ApiResource {
  /**
   * `GET /sites`, every page, optionally for one account. With an account filter, a site whose
   * answer leaves out its account id (the contract allows it) gets the filter's.
   */
  listSites(filter: AccountFilter = {}): AsyncIterable<Site> {
    return listForAccount(this.http, "/sites", SiteSchema, "listSites", filter);
  }

  /** `GET /sites/{site_id}`. */
  async getSite(siteId: string): Promise<Site> {
    const id = uuidPathParam("getSite", "siteId", siteId);
    return this.get("getSite", `/sites/${id}`, SiteSchema);
  }

  /**
   * `POST /sites`. Site names need not be unique, so a name the account already has is no error. The
   * account's sites are listed before the POST, so that after an unknown outcome the site this call
   * made can be told from the ones that were there: exactly one site of that name that was not in
   * the first list is the one this call made; none means the POST was not processed and it is sent
   * once more; several (another create ran meanwhile) are an AmbiguousWriteError naming them.
   */
  async createSite(input: CreateSiteInput): Promise<Site> {
    const op = "createSite";
    uuidPathParam(op, "accountId", input.accountId);
    const body = parseRequest(
      CreateSiteBodySchema,
      { name: input.name, account_id: input.accountId },
      op,
      "input",
    );
    const before = await collect(this.listSites({ accountId: input.accountId }));
    const post = async () => {
      const response = await this.http.request({ method: "POST", path: "/sites", body, operation: op });
      const site = parseResponse(SiteSchema, response.body, op, { method: "POST", path: "/sites" });
      return site.account.id === undefined ? { ...site, account: { id: input.accountId } } : site;
    };
    try {
      return await post();
    } catch (err) {
      if (!(err instanceof AmbiguousWriteError)) throw err;
      const after = await collect(this.listSites({ accountId: input.accountId }));
      const named = after.filter((s) => s.name === input.name);
      const [ours, ...others] = newSince(before, named);
      if (ours === undefined) return post();
      if (others.length === 0) return ours;
      throw new AmbiguousWriteError(
        { method: "POST", path: "/sites", attempts: 1 },
        err,
        `The account has ${named.length} site(s) named "${input.name}" (${named.map((s) => s.id).join(", ")}), ${others.length + 1} of them new since this request started, and it cannot be told which, if any, this request created. ` +
          'Check the sites in the WP Engine User Portal: adopt the new one with the Site input `adoptSiteId: "<site id>"` (and delete any extra), or delete it and run the update again.',
      );
    }
  }

  /** `PATCH /sites/{site_id}`: renames a site (the only change the API allows). Safe to retry. */
  async renameSite(siteId: string, name: string): Promise<Site> {
    const op = "updateSite";
    const id = uuidPathParam(op, "siteId", siteId);
    const body = parseRequest(UpdateSiteBodySchema, { name }, op, "input");
    const path = `/sites/${id}`;
    return this.patch(op, path, body, SiteSchema);
  }

  /** `DELETE /sites/{site_id}`; `not_found` when it was already gone. */
  async deleteSite(siteId: string): Promise<DeleteResult> {
    const op = "deleteSite";
    const id = uuidPathParam(op, "siteId", siteId);
    return this.delete(op, `/sites/${id}`);
  }
}
