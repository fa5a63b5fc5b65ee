/** One-off actions on an install (purge its cache, copy it): routes that make no object the API lists. */
import { AmbiguousWriteError } from "../errors";
import { type CopyInstallBody, CopyInstallBodySchema, PurgeCacheBodySchema } from "../schemas";
import { parseRequest, uuidPathParam } from "../validate";
import { ApiResource } from "./base";

/** A cache {@link Actions.purgeCache} can purge. */
export type PurgeCacheType = (typeof PurgeCacheBodySchema.shape.type.options)[number];

/** `/installs/{install_id}/purge_cache` and `/install_copy`. */
export class Actions extends ApiResource {
  /**
   * `POST /installs/{install_id}/purge_cache` (202). After an unknown outcome it is sent once more:
   * a second purge of a cache changes nothing the first did not.
   */
  async purgeCache(installId: string, type: PurgeCacheType): Promise<void> {
    const op = "purgeCache";
    const id = uuidPathParam(op, "installId", installId);
    const body = parseRequest(PurgeCacheBodySchema, { type }, op, "input");
    const send = () =>
      this.http.request({ method: "POST", path: `/installs/${id}/purge_cache`, body, operation: op });
    try {
      await send();
    } catch (err) {
      if (!(err instanceof AmbiguousWriteError)) throw err;
      await send();
    }
  }

  /**
   * `POST /install_copy` (202): overwrites the destination with the source. Never repeated after an
   * unknown outcome (the API cannot show whether a copy started, and a second one overwrites again).
   *
   * @throws AmbiguousWriteError when the copy may or may not have started.
   */
  async copyInstall(input: CopyInstallBody): Promise<void> {
    const op = "copyInstall";
    const body = parseRequest(CopyInstallBodySchema, input, op, "input");
    await this.http.request({
      method: "POST",
      path: "/install_copy",
      body,
      operation: op,
      ambiguousHint:
        "The copy may have started. Check the destination install in the WP Engine User Portal; run `pulumi up` again only if it must be copied (again).",
    });
  }
}
