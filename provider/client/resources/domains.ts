/** An install's domains and certificates: routes, inputs, and recovery after an unknown outcome. */
import { AlreadyExistsError, AmbiguousWriteError, ApiError, NotFoundError } from "../errors";
import type { HttpClient } from "../http";
import { collect, paginate } from "../paginate";
import {
  type CertificateOrder,
  CertificateOrderSchema,
  CreateDomainBodySchema,
  type Domain,
  type DomainCertificate,
  DomainCertificateSchema,
  DomainSchema,
  UpdateDomainBodySchema,
} from "../schemas";
import { type InstallCertificate, InstallCertificatesPageSchema } from "../usageSchemas";
import { parseRequest, parseResponse, uuidPathParam } from "../validate";
import { ApiResource, type DeleteResult, defined } from "./base";
import { folded, newSince } from "./compare";
import type { Installs } from "./installs";

/** Input of {@link Domains.createDomain}. */
export interface CreateDomainInput {
  name: string;
  primary?: boolean | undefined;
  redirectTo?: string | undefined;
}

/** Change of {@link Domains.updateDomain}. */
export interface UpdateDomainChange {
  primary?: boolean | undefined;
  redirectTo?: string | null | undefined;
  secureAllUrls?: boolean | undefined;
}

/** `/installs/{install_id}/domains` and the install's SSL certificates. */
export class Domains extends ApiResource {
  /** Read when an install answers no certificates, to tell an install without any from an unknown one. */
  readonly #installs: Installs;

  /**
   * @param http - The HTTP layer of the client this family belongs to.
   * @param installs - The same client's installs.
   */
  constructor(http: HttpClient, installs: Installs) {
    super(http);
    this.#installs = installs;
  }

  /** `GET /installs/{install_id}/domains`, every page. */
  listDomains(installId: string): AsyncIterable<Domain> {
    const id = uuidPathParam("listDomains", "installId", installId);
    return paginate(this.http, `/installs/${id}/domains`, DomainSchema, {}, { operation: "listDomains" });
  }

  /**
   * `POST /installs/{install_id}/domains`. The install's domains are listed first: a name already
   * there (compared case-insensitively, as host names are) is an AlreadyExistsError and nothing is
   * sent, since a resource that recorded it would remove it on destroy. After an unknown outcome the
   * domains are listed again and only a domain of that name that was not in the first list is taken;
   * none means the POST was not processed, and it is sent once more.
   *
   * @throws AlreadyExistsError when the install already has the domain (nothing was sent).
   */
  async createDomain(installId: string, input: CreateDomainInput): Promise<Domain> {
    const op = "createDomain";
    const id = uuidPathParam(op, "installId", installId);
    const body = parseRequest(
      CreateDomainBodySchema,
      defined({ name: input.name, primary: input.primary, redirect_to: input.redirectTo }),
      op,
      "input",
    );
    const path = `/installs/${id}/domains`;
    const wanted = folded(body.name);
    const named = (d: Domain) => folded(d.name) === wanted;
    const before = await collect(this.listDomains(installId));
    const existing = before.find(named);
    if (existing !== undefined) {
      throw new AlreadyExistsError({
        kind: "domain",
        identifier: existing.name,
        scope: `install ${installId}`,
        existingId: existing.id,
        lookup: "getDomains({ installId })",
        importId: `${installId}/${existing.id}`,
      });
    }
    const post = async () => {
      const response = await this.http.request({ method: "POST", path, body, operation: op });
      return parseResponse(DomainSchema, response.body, op, { method: "POST", path });
    };
    try {
      return await post();
    } catch (err) {
      if (!(err instanceof AmbiguousWriteError)) throw err;
      const after = await collect(this.listDomains(installId));
      return newSince(before, after.filter(named))[0] ?? post();
    }
  }

  /** `PATCH /installs/{install_id}/domains/{domain_id}`: primary, redirect, secure-all-URLs. Safe to retry. */
  async updateDomain(installId: string, domainId: string, change: UpdateDomainChange): Promise<Domain> {
    const op = "updateDomain";
    const i = uuidPathParam(op, "installId", installId);
    const d = uuidPathParam(op, "domainId", domainId);
    const body = parseRequest(
      UpdateDomainBodySchema,
      defined({
        primary: change.primary,
        redirect_to: change.redirectTo,
        secure_all_urls: change.secureAllUrls,
      }),
      op,
      "input",
    );
    const path = `/installs/${i}/domains/${d}`;
    return this.patch(op, path, body, DomainSchema);
  }

  /** `DELETE /installs/{install_id}/domains/{domain_id}`; `not_found` when it was already gone. */
  async deleteDomain(installId: string, domainId: string): Promise<DeleteResult> {
    const op = "deleteDomain";
    const i = uuidPathParam(op, "installId", installId);
    const d = uuidPathParam(op, "domainId", domainId);
    return this.delete(op, `/installs/${i}/domains/${d}`);
  }

  /**
   * `POST .../domains/{domain_id}/ssl_certificate` (202): orders a certificate. After an unknown
   * outcome the domain's certificate is read: one there means the order was taken; none (404) means
   * it was not, and it is sent once more.
   */
  async orderCertificate(installId: string, domainId: string, order: CertificateOrder): Promise<void> {
    const op = "createDomainCertificateOrder";
    const i = uuidPathParam(op, "installId", installId);
    const d = uuidPathParam(op, "domainId", domainId);
    const body = parseRequest(CertificateOrderSchema, order, op, "order");
    const path = `/installs/${i}/domains/${d}/ssl_certificate`;
    const send = () => this.http.request({ method: "POST", path, body, operation: op });
    try {
      await send();
    } catch (err) {
      if (!(err instanceof AmbiguousWriteError)) throw err;
      const found = await this.getDomainCertificate(installId, domainId).catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 404) return undefined;
        throw e;
      });
      if (found === undefined) await send();
    }
  }

  /** `GET .../domains/{domain_id}/ssl_certificate`: status and dates; the private key is never kept. */
  async getDomainCertificate(installId: string, domainId: string): Promise<DomainCertificate> {
    const op = "getDomainCertificate";
    const i = uuidPathParam(op, "installId", installId);
    const d = uuidPathParam(op, "domainId", domainId);
    return this.get(op, `/installs/${i}/domains/${d}/ssl_certificate`, DomainCertificateSchema);
  }

  /**
   * `GET /installs/{install_id}/ssl_certificates`, every page. The API answers 404 both for an install
   * without certificates and for an unknown install; only on a 404 is the install read, so that the
   * first is an empty list and the second stays an error.
   */
  async listInstallCertificates(installId: string): Promise<InstallCertificate[]> {
    const op = "getInstallCertificates";
    const path = `/installs/${uuidPathParam(op, "installId", installId)}/ssl_certificates`;
    const certificates: InstallCertificate[] = [];
    try {
      const pages = this.tokenPages(op, path, { limit: 100 }, async (q) => {
        const body = await this.get(op, path, InstallCertificatesPageSchema, q);
        return { items: body.certificates, next: body.next_page_token };
      });
      for await (const c of pages) certificates.push(c);
    } catch (error) {
      if (!(error instanceof NotFoundError) || certificates.length > 0) throw error;
      await this.#installs.getInstall(installId);
    }
    return certificates;
  }
}
