/** Installs (environments): their routes, and the refusal of a name the account already has. */
import { AlreadyExistsError, AmbiguousWriteError } from "../errors";
import { collect } from "../paginate";
import {
  CreateInstallBodySchema,
  type Installation,
  InstallationSchema,
  UpdateInstallBodySchema,
} from "../schemas";
import { parseRequest, parseResponse, uuidPathParam } from "../validate";
import { type AccountFilter, listForAccount } from "./accountFilter";
import { ApiResource, type DeleteResult, defined } from "./base";
import { folded, newSince } from "./compare";

/** Input of {@link Installs.createInstall}. */
export interface CreateInstallInput {
  name: string;
  accountId: string;
  siteId?: string | undefined;
  environment?: "production" | "staging" | "development" | null | undefined;
}

/** Change of {@link Installs.updateInstall}. */
export interface UpdateInstallChange {
  siteId?: string | undefined;
  environment?: "production" | "staging" | "development" | null | undefined;
}

/** `/installs`. */
export class Installs extends ApiResource {
  /**
   * `GET /installs`, every page, optionally for one account. With an account filter, an install
   * whose answer leaves out its account id gets the filter's.
   */
  listInstalls(filter: AccountFilter = {}): AsyncIterable<Installation> {
    return listForAccount(this.http, "/installs", InstallationSchema, "listInstalls", filter);
  }

  /** `GET /installs/{install_id}`. */
  async getInstall(installId: string): Promise<Installation> {
    const id = uuidPathParam("getInstall", "installId", installId);
    return this.get("getInstall", `/installs/${id}`, InstallationSchema);
  }

  /**
   * `POST /installs`. The account's installs are listed first: a name already there (made in the
   * portal, or by another stack) is an AlreadyExistsError and nothing is sent, since a resource that
   * recorded that install would delete its website on destroy. After an unknown outcome the installs
   * are listed again and only an install of that name that was not in the first list is taken; none
   * means the POST was not processed, and it is sent once more. A name taken in another account
   * (names are unique across WP Engine) is the API's own refusal, a BadRequestError.
   *
   * @throws AlreadyExistsError when the account already has an install of that name (nothing was sent).
   */
  async createInstall(input: CreateInstallInput): Promise<Installation> {
    const op = "createInstall";
    const body = parseRequest(
      CreateInstallBodySchema,
      defined({
        name: input.name,
        account_id: input.accountId,
        site_id: input.siteId,
        environment: input.environment,
      }),
      op,
      "input",
    );
    const wanted = folded(body.name);
    const named = (i: Installation) => folded(i.name) === wanted;
    const before = await collect(this.listInstalls({ accountId: input.accountId }));
    const existing = before.find(named);
    if (existing !== undefined) {
      throw new AlreadyExistsError({
        kind: "install",
        identifier: existing.name,
        scope: `account ${input.accountId}`,
        existingId: existing.id,
        lookup: "getInstall({ name })",
      });
    }
    const post = async () => {
      const response = await this.http.request({ method: "POST", path: "/installs", body, operation: op });
      return parseResponse(InstallationSchema, response.body, op, { method: "POST", path: "/installs" });
    };
    try {
      return await post();
    } catch (err) {
      if (!(err instanceof AmbiguousWriteError)) throw err;
      const after = await collect(this.listInstalls({ accountId: input.accountId }));
      return newSince(before, after.filter(named))[0] ?? post();
    }
  }

  /** `PATCH /installs/{install_id}`: moves an install to another site and/or environment. Safe to retry. */
  async updateInstall(installId: string, change: UpdateInstallChange): Promise<Installation> {
    const op = "updateInstall";
    const id = uuidPathParam(op, "installId", installId);
    const body = parseRequest(
      UpdateInstallBodySchema,
      defined({ site_id: change.siteId, environment: change.environment }),
      op,
      "input",
    );
    const path = `/installs/${id}`;
    return this.patch(op, path, body, InstallationSchema);
  }

  /** `DELETE /installs/{install_id}` (deletes the website); `not_found` when it was already gone. */
  async deleteInstall(installId: string): Promise<DeleteResult> {
    const op = "deleteInstall";
    const id = uuidPathParam(op, "installId", installId);
    return this.delete(op, `/installs/${id}`);
  }
}
