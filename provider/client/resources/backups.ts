/** On-demand backups: their routes and input; a request is never repeated after an unknown outcome. */
import { type Backup, BackupBodySchema, CreateBackupBodySchema, type RequestedBackup } from "../schemas";
import { backupIdPathParam, parseRequest, uuidPathParam } from "../validate";
import { ApiResource } from "./base";

/** Input of {@link Backups.createBackup}. */
export interface CreateBackupInput {
  description: string;
  /** Addresses notified when the backup completes (at least one). */
  notificationEmails: string[];
}

const BACKUP_AMBIGUOUS_HINT =
  "A backup may have been requested anyway. The API has no endpoint that lists backups, so the client " +
  "cannot check and did not repeat the request; check the install's backups in the WP Engine User Portal " +
  "before retrying (a retry may take a second backup).";

/** `/installs/{install_id}/backups`. */
export class Backups extends ApiResource {
  /**
   * `POST /installs/{install_id}/backups`: requests a backup (answers 202 `requested`).
   *
   * Never repeated after an unknown outcome: the API cannot list backups, so a repeat could take
   * a second backup unnoticed. Repeated only when the API certainly did not process it (429, 503,
   * connection refused).
   *
   * Once the API accepted the request, its answer never fails the call: the contract requires no
   * field of it, so a missing or odd `id` gives `id: null` and a missing or unknown status gives
   * `unknown` (not finished). Failing here would forget a backup that was taken.
   *
   * @throws AmbiguousWriteError when the backup may or may not have been requested.
   */
  async createBackup(installId: string, input: CreateBackupInput): Promise<RequestedBackup> {
    const op = "createBackup";
    const id = uuidPathParam(op, "installId", installId);
    const body = parseRequest(
      CreateBackupBodySchema,
      { description: input.description, notification_emails: input.notificationEmails },
      op,
      "input",
    );
    const path = `/installs/${id}/backups`;
    const response = await this.http.request({
      method: "POST",
      path,
      body,
      operation: op,
      ambiguousHint: BACKUP_AMBIGUOUS_HINT,
    });
    const parsed = BackupBodySchema.safeParse(response.body);
    const answered = parsed.success ? parsed.data : { id: undefined, status: "unknown" as const };
    return { id: answered.id ?? null, status: answered.status };
  }

  /**
   * `GET /installs/{install_id}/backups/{backup_id}`: a backup's status (`unknown` when the answer
   * has none the contract lists). The backup id may be any id the API gave, not only a UUID.
   */
  async getBackup(installId: string, backupId: string): Promise<Backup> {
    const i = uuidPathParam("getBackup", "installId", installId);
    const b = backupIdPathParam("getBackup", "backupId", backupId);
    const read = await this.get("getBackup", `/installs/${i}/backups/${b}`, BackupBodySchema);
    return { id: backupId, status: read.status };
  }
}
