/** `POST /installs/{install_id}/backups` and `GET /installs/{install_id}/backups/{backup_id}`. */
import { json } from "../http";
import { OPERATIONS } from "../operations";
import { parseNewBackup } from "../validation";
import { backupView } from "../views";
import { type Route, uuidParam } from "./context";

/** Requests a backup: 202 `{id, status: "requested"}`. */
export const createBackupRoute: Route = {
  operation: OPERATIONS.createBackup,
  handle: (ctx) => {
    const installId = uuidParam(ctx, "install_id", "Install");
    ctx.store.install(installId);
    const backup = ctx.store.createBackup(installId, parseNewBackup(ctx.body()));
    return json(202, backupView(backup.id, "requested", ctx.store.config.profile, "request"));
  },
};

/** A backup's status; each call is one "read" of the reads schedule. */
export const showBackupRoute: Route = {
  operation: OPERATIONS.showBackup,
  handle: (ctx) => {
    const installId = uuidParam(ctx, "install_id", "Install");
    const backupId = uuidParam(ctx, "backup_id", "Backup");
    const { backup, status } = ctx.store.readBackup(installId, backupId);
    return json(200, backupView(backup.id, status, ctx.store.config.profile, "read"));
  },
};
