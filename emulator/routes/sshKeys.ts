/** `/ssh_keys` and `/ssh_keys/{ssh_key_id}`: the API person's SSH keys (list, add, remove). */
import { json } from "../http";
import { OPERATIONS } from "../operations";
import { linkBuilder, pageBody, pageRequest, paginate } from "../pagination";
import { parseNewSshKey } from "../validation";
import { sshKeyView } from "../views";
import { type Route, uuidParam } from "./context";

/** The person's keys, paged. */
export const listSshKeysRoute: Route = {
  operation: OPERATIONS.listSshKeys,
  handle: (ctx) => {
    const page = pageRequest(ctx.query);
    const { profile } = ctx.store.config;
    const link = linkBuilder(ctx.origin, ctx.pathname, page.limit, undefined, profile);
    const result = paginate(ctx.store.listSshKeys(), page, link);
    return json(
      200,
      pageBody(result, profile, (k) => sshKeyView(k, profile)),
    );
  },
};

/** Adds a key: 201 with the SshKey. */
export const createSshKeyRoute: Route = {
  operation: OPERATIONS.createSshKey,
  handle: (ctx) =>
    json(201, sshKeyView(ctx.store.createSshKey(parseNewSshKey(ctx.body())), ctx.store.config.profile)),
};

/** Removes a key: 204. An unknown key answers the nearest documented status (403; no 404 is documented). */
export const deleteSshKeyRoute: Route = {
  operation: OPERATIONS.deleteSshKey,
  handle: (ctx) => {
    ctx.store.deleteSshKey(uuidParam(ctx, "ssh_key_id", "SshKey"));
    return { status: 204 };
  },
};
