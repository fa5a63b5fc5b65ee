/** The one-shot operations: `POST /installs/{install_id}/purge_cache` and `POST /install_copy` (202, no body). */
import { OPERATIONS } from "../operations";
import { parseInstallCopy, parsePurge } from "../validation";
import { type Route, uuidParam } from "./context";

/** Purges an install's cache: 202 without a body (the contract documents none). */
export const purgeCacheRoute: Route = {
  operation: OPERATIONS.purgeCache,
  handle: (ctx) => {
    const installId = uuidParam(ctx, "install_id", "Install");
    ctx.store.install(installId);
    ctx.store.purgeCache(installId, parsePurge(ctx.body()));
    return { status: 202 };
  },
};

/** Copies an install onto another: 202 without a body; the API offers no way to follow the copy. */
export const copyInstallRoute: Route = {
  operation: OPERATIONS.copyInstall,
  handle: (ctx) => {
    ctx.store.copyInstall(parseInstallCopy(ctx.body()));
    return { status: 202 };
  },
};
