import { randomUUID } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import type { WpEngineClient } from "../../client/client";
import { NotFoundError } from "../../client/errors";
import type { Backup, RequestedBackup } from "../../client/schemas";
import { defined, runCheck } from "../check";
import { providerError } from "../errors";
import { initError } from "../initError";
import { containsUnknown } from "../unknown";
import { type BackupInputs, backupInputs, DEFAULT_TIMEOUT_MINUTES } from "./schema";

/**
 * A backup's status: what WP Engine reports, or `expired` once WP Engine no longer reports it (its
 * retention ended): kept in the state so that the next `up` does not silently take another.
 */
export type BackupStatus = Backup["status"] | "expired";

/** Outputs of a Backup: its inputs plus what WP Engine reports. */
export interface BackupOutputs extends Record<string, unknown> {
  backupId: string;
  /** The install the backup was taken of: reads follow it there even after `installId` changes. */
  backupInstallId: string;
  status: BackupStatus;
  requestedAt: string;
  completedAt: string | null;
}

/**
 * Prefix of the id recorded for a backup the API accepted without naming an id (the contract requires
 * none): it was taken, so it is recorded (no second one on the next `up`), but it cannot be followed.
 */
export const UNREPORTED_BACKUP_PREFIX = "unreported-";

function isUnreported(id: unknown): boolean {
  return typeof id === "string" && id.startsWith(UNREPORTED_BACKUP_PREFIX);
}

/**
 * The only input whose change takes a new backup. Every other change (a new install id after the
 * install was replaced or recreated, description, recipients, wait settings) is recorded in place:
 * a backup runs once per triggers value.
 */
const TAKE_KEYS = new Set(["triggers"]);
const INPUT_KEYS = [
  "installId",
  "description",
  "notificationEmails",
  "triggers",
  "waitForCompletion",
  "timeoutMinutes",
];

/** How the provider polls a backup: injectable so tests and the emulator do not wait minutes. */
export interface PollOptions {
  initialMs: number;
  maxMs: number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}

/** Polling for real backups (minutes long): start at 5 s, back off to 30 s. `WPENGINE_BACKUP_POLL_MS` overrides the start. */
export function defaultPollOptions(env: NodeJS.ProcessEnv = process.env): PollOptions {
  const initial = Number(env.WPENGINE_BACKUP_POLL_MS);
  const initialMs = Number.isFinite(initial) && initial > 0 ? initial : 5000;
  return {
    initialMs,
    maxMs: Math.max(initialMs, 30_000),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    now: () => Date.now(),
  };
}

/**
 * The engine-side implementation of `wpengine:Backup`: an on-demand backup of one install, taken
 * once per `triggers` value (and again after WP Engine aborted it); other changes are recorded. A
 * create that times out is recorded in the state with its backup id (an init error), so the next
 * `up` resumes waiting for the same backup instead of requesting another.
 */
export class BackupProvider implements pulumi.dynamic.ResourceProvider {
  constructor(
    private readonly client: () => WpEngineClient,
    private readonly poll: PollOptions = defaultPollOptions(),
  ) {}

  /** Validates inputs (no API calls). */
  async check(
    _olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.CheckResult> {
    return runCheck(backupInputs, news);
  }

  /**
   * Replaces when `triggers` change (or are not known until apply) and when the backup was aborted;
   * any other change is an in-place record (ids compared in any case, recipients as a set), and an
   * unfinished backup is resumed by an update. An expired backup is final: only new triggers take a
   * new one.
   */
  async diff(
    _id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.DiffResult> {
    const changed = INPUT_KEYS.filter(
      (k) => containsUnknown(news[k]) || stable(olds[k], k) !== stable(news[k], k),
    );
    const replaces = changed.filter((k) => TAKE_KEYS.has(k));
    // An aborted backup (e.g. after a timed-out wait) can never complete: the plan takes a new one.
    if (olds.status === "aborted") replaces.push("status");
    const final = olds.status === "completed" || olds.status === "expired";
    const unfinished = !final && news.waitForCompletion !== false && !isUnreported(olds.backupId);
    return {
      changes: changed.length > 0 || unfinished || replaces.length > 0,
      replaces,
      deleteBeforeReplace: false,
    };
  }

  /** Requests the backup (one POST, never repeated blindly) and, by default, waits for it to complete. */
  async create(news: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
    const inputs = backupInputs.parse(news);
    let requested: RequestedBackup;
    try {
      requested = await this.client().createBackup(inputs.installId, {
        description: inputs.description,
        notificationEmails: inputs.notificationEmails,
      });
    } catch (err) {
      throw providerError("Backup", "create", `install ${inputs.installId}`, err);
    }
    const backup = {
      id: requested.id ?? `${UNREPORTED_BACKUP_PREFIX}${randomUUID()}`,
      status: requested.status,
    };
    const outs = outputsOf(inputs, backup, new Date(this.poll.now()).toISOString());
    if (requested.id === null) {
      console.error(
        `warning: WP Engine accepted the backup of install ${inputs.installId} but did not say its id; it is recorded as ${backup.id} ` +
          "so no second backup is requested, but its progress cannot be followed (check it in the WP Engine User Portal).",
      );
      return { id: backup.id, outs };
    }
    if (inputs.waitForCompletion === false) return { id: backup.id, outs };
    return { id: backup.id, outs: await this.waitFor(outs, inputs, news.__provider) };
  }

  /**
   * Reports the backup's current status. A backup WP Engine no longer reports (404: its retention
   * ended) stays in the state marked `expired`, with a warning: dropping it would make the next `up`
   * silently take a new backup although nothing changed.
   */
  async read(id: string, props: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult> {
    const installId = takenOf(props);
    const inputs = Object.fromEntries(
      INPUT_KEYS.filter((k) => props[k] !== undefined).map((k) => [k, props[k]]),
    );
    const keep = (changes: Record<string, unknown>) => {
      const outs: Record<string, unknown> = { ...props, ...changes };
      delete outs.__provider;
      return { id, props: outs, inputs };
    };
    // Nothing to ask the API about (no id came back, or retention ended): keep what the state has.
    if (isUnreported(id) || props.status === "expired") return keep({});
    try {
      const backup = await this.client().getBackup(installId, id);
      return keep({ status: backup.status, completedAt: completedAt(props, backup, this.poll.now()) });
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw providerError("Backup", "read", `backup ${id}`, err);
      console.error(
        `warning: wpengine:Backup ${id} of install ${installId} is no longer reported by WP Engine ` +
          "(its retention ended); it stays in the state as expired, and no new backup is taken until an input " +
          "(e.g. triggers) changes. `pulumi up --replace <urn>` takes one now.",
      );
      return keep({
        status: "expired",
        completedAt: (props.completedAt as string | null | undefined) ?? null,
      });
    }
  }

  /** Applies new wait settings and resumes waiting for an unfinished backup (no new POST). */
  async update(
    _id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.UpdateResult> {
    const inputs = backupInputs.parse(news);
    const outs: BackupOutputs = {
      ...defined({ ...inputs }),
      backupId: String(olds.backupId),
      backupInstallId: takenOf(olds),
      status: olds.status as BackupStatus,
      requestedAt: String(olds.requestedAt),
      completedAt: (olds.completedAt as string | null | undefined) ?? null,
    };
    if (
      outs.status === "completed" ||
      outs.status === "expired" ||
      inputs.waitForCompletion === false ||
      isUnreported(outs.backupId)
    )
      return { outs };
    return { outs: await this.waitFor(outs, inputs, news.__provider) };
  }

  /**
   * WP Engine has no API to delete a backup: it stays under WP Engine's retention policy. The
   * resource only leaves the state, and the provider says so.
   */
  async delete(id: string, props: Record<string, unknown>): Promise<void> {
    console.error(
      `warning: wpengine:Backup ${id} of install ${takenOf(props)} removed from the Pulumi state only; ` +
        "WP Engine keeps the backup under its retention policy (the API cannot delete backups).",
    );
  }

  /** Polls with backoff until completed; aborted fails; a timeout records the backup as not ready. */
  private async waitFor(
    outs: BackupOutputs,
    inputs: BackupInputs,
    provider: unknown,
  ): Promise<BackupOutputs> {
    const deadline = this.poll.now() + (inputs.timeoutMinutes ?? DEFAULT_TIMEOUT_MINUTES) * 60_000;
    let delay = this.poll.initialMs;
    let current = outs;
    for (;;) {
      let backup: Backup;
      try {
        backup = await this.client().getBackup(current.backupInstallId, current.backupId);
      } catch (err) {
        throw notReady(
          current,
          provider,
          providerError("Backup", "status check", `backup ${current.backupId}`, err).message,
        );
      }
      current = { ...current, status: backup.status };
      if (backup.status === "completed") {
        return { ...current, completedAt: new Date(this.poll.now()).toISOString() };
      }
      if (backup.status === "aborted") {
        throw new Error(
          `wpengine:Backup ${current.backupId} of install ${current.backupInstallId} was aborted by WP Engine. ` +
            "Nothing was restored or changed; run `pulumi up` again to request a new backup, or contact WP Engine support with this backup id.",
        );
      }
      if (this.poll.now() + delay > deadline) {
        throw notReady(
          current,
          provider,
          `wpengine:Backup ${current.backupId} of install ${current.backupInstallId} is still "${backup.status}" after ` +
            `${inputs.timeoutMinutes ?? DEFAULT_TIMEOUT_MINUTES} minutes. It is recorded in the state; the next \`pulumi up\` ` +
            "resumes waiting for this same backup (no second backup is requested). Raise timeoutMinutes to wait longer.",
        );
      }
      await this.poll.sleep(delay);
      delay = Math.min(delay * 2, this.poll.maxMs);
    }
  }
}

/**
 * An init error: the engine records the resource with this id and these properties, flagged as not
 * ready, so no backup id is forgotten.
 */
function notReady(outs: BackupOutputs, provider: unknown, message: string): Error {
  return initError(outs.backupId, outs, provider, message);
}

function outputsOf(inputs: BackupInputs, backup: Backup, requestedAt: string): BackupOutputs {
  return {
    ...defined({ ...inputs }),
    backupId: backup.id,
    backupInstallId: inputs.installId,
    status: backup.status,
    requestedAt,
    completedAt: null,
  };
}

/** The install a recorded backup was taken of (states before `backupInstallId`: its `installId`). */
function takenOf(props: Record<string, unknown>): string {
  return String(props.backupInstallId ?? props.installId ?? "");
}

function completedAt(props: Record<string, unknown>, backup: Backup, now: number): string | null {
  if (typeof props.completedAt === "string") return props.completedAt;
  return backup.status === "completed" ? new Date(now).toISOString() : null;
}

function stable(value: unknown, key: string): string {
  if (value === undefined || value === null) return key === "waitForCompletion" ? "true" : "";
  // WP Engine compares ids in any case.
  if (key === "installId" && typeof value === "string") return value.trim().toLowerCase();
  // Recipients are a set: order, case and repeats do not change who is told.
  if (key === "notificationEmails" && Array.isArray(value))
    return JSON.stringify([...new Set(value.map((e) => String(e).toLowerCase()))].sort());
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}
