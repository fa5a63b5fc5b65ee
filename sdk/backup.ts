import * as pulumi from "@pulumi/pulumi";
import { providerShim } from "./shim";

/** Arguments of a {@link Backup}. */
export interface BackupArgs {
  /** The install (UUID) to back up. */
  installId: pulumi.Input<string>;
  /** Shown in WP Engine's backup list. */
  description: pulumi.Input<string>;
  /** Who WP Engine mails when the backup completes (at least one). A set: order, case and repeats do not matter. */
  notificationEmails: pulumi.Input<pulumi.Input<string>[]>;
  /** Wait until the backup is `completed` before dependents run (default true). */
  waitForCompletion?: pulumi.Input<boolean>;
  /** How long to wait for completion, in minutes (default 60). A timeout keeps the backup id in state. */
  timeoutMinutes?: pulumi.Input<number>;
  /** Any values; when one changes a new backup is taken (e.g. `{ gitSha }` of the deploy). Only these do. */
  triggers?: pulumi.Input<Record<string, pulumi.Input<unknown>>>;
}

/**
 * An on-demand backup of a WP Engine install, e.g. the gate before a deploy. A backup is taken once,
 * and again only when `triggers` change (or when WP Engine aborted it): a new install id (the install
 * was replaced or recreated), description or recipients are recorded without a new backup, and the
 * backup already taken is still followed at the install it was taken of (`backupInstallId`). Nothing
 * else takes one, not even a backup that WP Engine no longer reports; `pulumi up --replace <urn>`
 * takes one now. WP Engine has no API to delete backups: destroying the resource only removes it from
 * the state.
 */
export class Backup extends pulumi.dynamic.Resource {
  /** The install id. */
  declare readonly installId: pulumi.Output<string>;
  /** The description. */
  declare readonly description: pulumi.Output<string>;
  /** The notification recipients. */
  declare readonly notificationEmails: pulumi.Output<string[]>;
  /** WP Engine's backup id. */
  declare readonly backupId: pulumi.Output<string>;
  /**
   * `requested`, `initiated`, `completed` or `aborted`, as WP Engine reports it; `expired` once WP
   * Engine no longer reports the backup (retention ended; found by a refresh). An expired backup stays
   * in the state and no new one is taken until the triggers change.
   */
  declare readonly status: pulumi.Output<string>;
  /** When the backup was requested (ISO 8601). */
  declare readonly requestedAt: pulumi.Output<string>;
  /** When the provider saw it completed (ISO 8601), or null. */
  declare readonly completedAt: pulumi.Output<string | null>;
  /** The install the backup was taken of (stays when `installId` later changes without new triggers). */
  declare readonly backupInstallId: pulumi.Output<string>;

  /** Declares a backup; see {@link BackupArgs}. */
  constructor(name: string, args: BackupArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      providerShim("Backup"),
      name,
      {
        ...args,
        backupId: undefined,
        status: undefined,
        requestedAt: undefined,
        completedAt: undefined,
        backupInstallId: undefined,
      },
      opts,
      "wpengine",
      "Backup",
    );
  }
}
