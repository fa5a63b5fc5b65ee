import assert from "node:assert/strict";
import type * as pulumi from "@pulumi/pulumi";
import { SEED_IDS } from "../../emulator";
import { BackupProvider, type PollOptions } from "../../provider/resources/backup/provider";
import { UNKNOWN } from "../../provider/resources/unknown";
import {
  caught,
  clearRequests,
  clientFactory,
  control,
  requestCounts,
  requestLog,
  useEmulator,
} from "./support";

const TORQUE = SEED_IDS.torquemagInstallId;
const POST_BACKUP = "POST /installs/{install_id}/backups";
const GET_BACKUP = "GET /installs/{install_id}/backups/{backup_id}";
/** Stands in for the serialized provider the engine keeps beside the inputs. */
const PROVIDER_TEXT = "exports.handler = function () { /* serialized shim */ }";

/** Polls every few milliseconds of real time (the brief's fast options). */
const FAST_POLL: PollOptions = {
  initialMs: 1,
  maxMs: 5,
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  now: () => Date.now(),
};

/** A virtual clock: sleeping advances time instantly, so a timeout of minutes takes a few polls. */
function virtualPoll(): PollOptions {
  let t = Date.UTC(2026, 0, 1);
  return {
    initialMs: 5_000,
    maxMs: 30_000,
    sleep: async (ms) => {
      t += ms;
    },
    now: () => t,
  };
}

/** Valid backup inputs; tests override single fields. */
function backupArgs(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    installId: TORQUE,
    description: "before the plugin upgrade",
    notificationEmails: ["ops@example.com"],
    __provider: PROVIDER_TEXT,
    ...overrides,
  };
}

/** An init error as the dynamic provider server reads it. */
interface InitError extends Error {
  id: string;
  properties: Record<string, unknown>;
  reasons: string[];
}

/** What `fn` wrote to stderr through console.error (where provider warnings go). */
async function warningsOf(fn: () => Promise<unknown>): Promise<string[]> {
  const warnings: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => {
    warnings.push(args.map(String).join(" "));
  };
  try {
    await fn();
  } finally {
    console.error = original;
  }
  return warnings;
}

async function failuresOf(
  provider: BackupProvider,
  news: Record<string, unknown>,
): Promise<pulumi.dynamic.CheckFailure[]> {
  return (await provider.check({}, news)).failures ?? [];
}

function failureOn(failures: pulumi.dynamic.CheckFailure[], property: string): pulumi.dynamic.CheckFailure {
  const found = failures.find((f) => f.property === property);
  assert.ok(found, `expected a failure on ${property}, got ${JSON.stringify(failures)}`);
  return found;
}

describe("BackupProvider", () => {
  const ctx = useEmulator();
  let provider: BackupProvider;

  /** Makes backups complete (or not) after a number of status reads. */
  async function completeAfterReads(completedAfterReads: number): Promise<void> {
    await control(ctx.emu, "POST", "/config", {
      backupSchedule: {
        mode: "reads",
        initiatedAfterReads: Math.min(1, completedAfterReads),
        completedAfterReads,
      },
    });
  }

  /** The ids of every backup the emulator holds for torquemag, newest requests included. */
  async function backupIdsOfTorque(): Promise<string[]> {
    const state = (await control(ctx.emu, "GET", "/state")) as {
      backups: Array<{ id: string; install_id: string }>;
    };
    return state.backups.filter((b) => b.install_id === TORQUE).map((b) => b.id);
  }

  beforeEach(() => {
    provider = new BackupProvider(clientFactory(ctx.emu), FAST_POLL);
  });

  describe("check", () => {
    it("requires at least one notification email", async () => {
      const empty = failureOn(
        await failuresOf(provider, backupArgs({ notificationEmails: [] })),
        "notificationEmails",
      );
      assert.match(empty.reason, /needs at least one address: WP Engine mails it when the backup completes/);
      const missing = failureOn(
        await failuresOf(provider, backupArgs({ notificationEmails: undefined })),
        "notificationEmails",
      );
      assert.match(missing.reason, /notificationEmails must be a list of email addresses/);
      const bad = failureOn(
        await failuresOf(provider, backupArgs({ notificationEmails: ["ops"] })),
        "notificationEmails",
      );
      assert.match(bad.reason, /"ops" is not a valid email address\. Use a full address/);
    });

    it("rejects an install id that is not a UUID, including traversal attempts", async () => {
      for (const bad of ["torquemag", "../x", "%2F", `${TORQUE}/..`]) {
        const failure = failureOn(await failuresOf(provider, backupArgs({ installId: bad })), "installId");
        assert.match(failure.reason, /is not a WP Engine install id\. Use the install's UUID, e\.g\./);
      }
    });

    it("rejects an empty or blank description", async () => {
      for (const blank of ["", "  "]) {
        const failure = failureOn(
          await failuresOf(provider, backupArgs({ description: blank })),
          "description",
        );
        assert.match(failure.reason, /description must not be empty; WP Engine shows it in the backup list/);
      }
    });

    it("rejects a timeout that is not a positive number of minutes up to a day", async () => {
      for (const bad of [0, -5, 1441]) {
        failureOn(await failuresOf(provider, backupArgs({ timeoutMinutes: bad })), "timeoutMinutes");
      }
    });

    it("accepts valid inputs, trims the description and keeps the serialized provider", async () => {
      const result = await provider.check({}, backupArgs({ description: "  nightly  ", triggers: { v: 1 } }));
      assert.deepEqual(result.failures ?? [], []);
      assert.equal(result.inputs?.description, "nightly");
      assert.equal(result.inputs?.__provider, PROVIDER_TEXT);
      assert.deepEqual(result.inputs?.triggers, { v: 1 });
    });

    it("tolerates an install id that is not known yet", async () => {
      const result = await provider.check({}, backupArgs({ installId: UNKNOWN }));
      assert.deepEqual(result.failures ?? [], []);
      assert.equal(result.inputs?.installId, UNKNOWN);
    });
  });

  describe("diff", () => {
    /** A completed backup's outputs as the state holds them. */
    const completed = {
      installId: TORQUE,
      description: "before the plugin upgrade",
      notificationEmails: ["ops@example.com"],
      triggers: { release: "1.2.0", env: "prod" },
      backupId: "0b7a2f1e-1c2d-4e5f-8a9b-0c1d2e3f4a5b",
      status: "completed",
      requestedAt: "2026-01-01T00:00:00.000Z",
      completedAt: "2026-01-01T00:05:00.000Z",
    };
    const same = {
      installId: TORQUE,
      description: "before the plugin upgrade",
      notificationEmails: ["ops@example.com"],
      triggers: { env: "prod", release: "1.2.0" },
    };

    it("reports no change for the same inputs (trigger key order does not matter)", async () => {
      const result = await provider.diff(completed.backupId, completed, same);
      assert.equal(result.changes, false);
      assert.deepEqual(result.replaces, []);
    });

    it("replaces the backup when a trigger changes, without deleting first", async () => {
      const result = await provider.diff(completed.backupId, completed, {
        ...same,
        triggers: { env: "prod", release: "1.3.0" },
      });
      assert.equal(result.changes, true);
      assert.deepEqual(result.replaces, ["triggers"]);
      assert.equal(result.deleteBeforeReplace, false);
    });

    it("takes no new backup when the install id, description or recipients change without new triggers, known or not", async () => {
      const changes: Record<string, unknown> = {
        installId: SEED_IDS.torquemagStagingInstallId,
        description: "another reason",
        notificationEmails: ["ops@example.com", "cto@example.com"],
      };
      for (const [key, value] of Object.entries(changes)) {
        const result = await provider.diff(completed.backupId, completed, { ...same, [key]: value });
        assert.deepEqual(result.replaces, [], key);
        assert.equal(result.changes, true, key);
      }
      const unknown = await provider.diff(completed.backupId, completed, { ...same, installId: UNKNOWN });
      assert.deepEqual([unknown.changes, unknown.replaces], [true, []]);
      const upper = await provider.diff(completed.backupId, completed, {
        ...same,
        installId: String(completed.installId).toUpperCase(),
      });
      assert.equal(upper.changes, false, "the same id in capitals");
    });

    it("records a new install id with no request and keeps following the backup where it was taken", async () => {
      const taken = await provider.create(backupArgs());
      await clearRequests(ctx.emu);
      const result = await provider.update(taken.id, taken.outs, {
        ...backupArgs(),
        installId: SEED_IDS.torquemagStagingInstallId,
      });
      const outs = result.outs as Record<string, unknown>;
      assert.equal(outs.installId, SEED_IDS.torquemagStagingInstallId);
      assert.equal(outs.backupInstallId, TORQUE);
      assert.equal(outs.backupId, taken.id);
      assert.deepEqual(await requestCounts(ctx.emu), {});
      const read = await provider.read(taken.id, outs);
      assert.equal(read.id, taken.id, "still read at the install it was taken of");
      assert.equal((read.props as Record<string, unknown>).status, "completed");
      assert.deepEqual(await requestCounts(ctx.emu), { [GET_BACKUP]: 1 });
      assert.equal((await requestLog(ctx.emu)).requests.at(-1)?.path.includes(TORQUE), true);
    });

    it("takes no new backup when notificationEmails are only reordered, repeated or differ in case", async () => {
      const two = { ...completed, notificationEmails: ["ops@example.com", "cto@example.com"] };
      for (const emails of [
        ["cto@example.com", "ops@example.com"],
        ["CTO@example.com", "ops@example.com", "cto@example.com"],
      ]) {
        const result = await provider.diff(two.backupId, two, { ...same, notificationEmails: emails });
        assert.equal(result.changes, false, emails.join(","));
        assert.deepEqual(result.replaces, [], emails.join(","));
      }
    });

    it("keeps an expired backup (no longer reported by WP Engine) unless an input changes", async () => {
      const expired = { ...completed, status: "expired" };
      const kept = await provider.diff(expired.backupId, expired, same);
      assert.equal(kept.changes, false, "no new backup, nothing to wait for");
      assert.deepEqual(kept.replaces, []);
      const keptWhileWaiting = await provider.diff(expired.backupId, { ...expired, completedAt: null }, same);
      assert.equal(keptWhileWaiting.changes, false, "an expired backup is never waited for");
      const changed = await provider.diff(expired.backupId, expired, { ...same, triggers: { release: "2" } });
      assert.deepEqual(changed.replaces, ["triggers"], "a changed input takes a new backup as usual");
    });

    it("changes in place when only waitForCompletion or timeoutMinutes changes", async () => {
      for (const wait of [{ waitForCompletion: false }, { timeoutMinutes: 90 }]) {
        const result = await provider.diff(completed.backupId, completed, { ...same, ...wait });
        assert.equal(result.changes, true, JSON.stringify(wait));
        assert.deepEqual(result.replaces, [], JSON.stringify(wait));
      }
    });

    it("treats an absent waitForCompletion as true", async () => {
      const result = await provider.diff(completed.backupId, { ...completed, waitForCompletion: true }, same);
      assert.equal(result.changes, false);
    });

    it("yields a change for an unfinished backup so the next up resumes waiting", async () => {
      for (const status of ["requested", "initiated"]) {
        const result = await provider.diff(completed.backupId, { ...completed, status }, same);
        assert.equal(result.changes, true, status);
        assert.deepEqual(result.replaces, [], status);
      }
      const notWaiting = await provider.diff(
        completed.backupId,
        { ...completed, status: "requested", waitForCompletion: false },
        { ...same, waitForCompletion: false },
      );
      assert.equal(notWaiting.changes, false, "nothing to resume when the program does not wait");
    });

    it("makes no API call in check or diff", async () => {
      await clearRequests(ctx.emu);
      await provider.check({}, backupArgs());
      await provider.check({}, backupArgs({ installId: "bad" }));
      await provider.diff(completed.backupId, completed, same);
      await provider.diff(
        completed.backupId,
        { ...completed, status: "requested" },
        { ...same, triggers: {} },
      );
      assert.deepEqual(await requestCounts(ctx.emu), {});
    });
  });

  describe("create", () => {
    it("requests one backup and polls until it completes", async () => {
      await completeAfterReads(3);
      await clearRequests(ctx.emu);
      const result = await provider.create(backupArgs({ triggers: { release: "1.2.0" } }));
      const outs = result.outs as Record<string, unknown>;
      assert.equal(outs.backupId, result.id);
      assert.equal(outs.status, "completed");
      assert.equal(typeof outs.requestedAt, "string");
      assert.equal(typeof outs.completedAt, "string");
      assert.deepEqual(outs.triggers, { release: "1.2.0" });
      assert.equal("__provider" in outs, false, "outputs hold no provider text of their own");
      for (const [key, value] of Object.entries(outs)) assert.notEqual(value, undefined, key);
      const counts = await requestCounts(ctx.emu);
      assert.equal(counts[POST_BACKUP], 1);
      // requested, initiated, initiated, completed: one status read per schedule step.
      assert.equal(counts[GET_BACKUP], 4);
      assert.ok((await backupIdsOfTorque()).includes(result.id));
    });

    it("returns right after the request when waitForCompletion is false", async () => {
      await completeAfterReads(3);
      await clearRequests(ctx.emu);
      const result = await provider.create(backupArgs({ waitForCompletion: false }));
      const outs = result.outs as Record<string, unknown>;
      // The minimal profile's 202 names no status: not finished either way.
      assert.ok(["requested", "unknown"].includes(String(outs.status)), String(outs.status));
      assert.equal(outs.completedAt, null);
      const counts = await requestCounts(ctx.emu);
      assert.equal(counts[POST_BACKUP], 1);
      assert.equal(counts[GET_BACKUP] ?? 0, 0);
    });

    it("fails with the backup id in the message when WP Engine aborts the backup", async () => {
      await completeAfterReads(10_000);
      await clearRequests(ctx.emu);
      let abortedId: string | undefined;
      const aborting = new BackupProvider(clientFactory(ctx.emu), {
        ...FAST_POLL,
        // While the provider waits between polls, WP Engine aborts the backup.
        sleep: async (ms) => {
          if (abortedId === undefined) {
            const read = (await requestLog(ctx.emu)).requests.find((r) => r.route === GET_BACKUP);
            abortedId = read?.path.split("/").pop();
            assert.ok(abortedId, "the provider polled before sleeping");
            await control(ctx.emu, "POST", `/backups/${abortedId}/abort`);
          }
          await FAST_POLL.sleep(ms);
        },
      });
      const err = await caught(() => aborting.create(backupArgs()));
      assert.ok(err instanceof Error);
      assert.ok(abortedId);
      assert.ok(err.message.includes(abortedId), err.message);
      assert.match(err.message, /was aborted by WP Engine/);
      assert.match(err.message, /run `pulumi up` again to request a new backup/);
      assert.equal((await requestCounts(ctx.emu))[POST_BACKUP], 1);
    });

    it("on timeout throws an init error carrying the backup id, its properties and the reasons", async () => {
      await completeAfterReads(10_000);
      await clearRequests(ctx.emu);
      const slow = new BackupProvider(clientFactory(ctx.emu), virtualPoll());
      const err = (await caught(() => slow.create(backupArgs({ timeoutMinutes: 1 })))) as InitError;
      assert.ok(err instanceof Error);
      const ids = await backupIdsOfTorque();
      assert.ok(ids.includes(err.id), `init error id ${err.id} is not a backup of the install`);
      assert.equal(err.properties.backupId, err.id);
      assert.ok(
        ["requested", "initiated"].includes(String(err.properties.status)),
        String(err.properties.status),
      );
      assert.equal(err.properties.__provider, PROVIDER_TEXT);
      assert.equal(err.properties.installId, TORQUE);
      assert.equal(err.properties.timeoutMinutes, 1);
      assert.deepEqual(err.reasons, [err.message]);
      assert.ok(err.message.includes(err.id), err.message);
      assert.match(err.message, /after 1 minutes/);
      assert.match(err.message, /resumes waiting for this same backup/);
      assert.equal((await requestCounts(ctx.emu))[POST_BACKUP], 1);
    });

    it("records the backup as an init error when a status check fails, instead of forgetting it", async () => {
      await completeAfterReads(10_000);
      await control(ctx.emu, "POST", "/faults", { method: "GET", path: "/backups/", status: 404, count: 1 });
      const err = (await caught(() => provider.create(backupArgs()))) as InitError;
      assert.ok(err.id, "the init error names the backup");
      assert.equal(err.properties.backupId, err.id);
      assert.equal(err.properties.__provider, PROVIDER_TEXT);
      assert.match(err.message, /wpengine:Backup status check of backup/);
    });
  });

  describe("update", () => {
    it("resumes polling the same backup after a timeout, with no new POST", async () => {
      await completeAfterReads(10_000);
      const slow = new BackupProvider(clientFactory(ctx.emu), virtualPoll());
      const news = backupArgs({ timeoutMinutes: 1 });
      const err = (await caught(() => slow.create(news))) as InitError;
      const before = await backupIdsOfTorque();

      await completeAfterReads(0);
      await clearRequests(ctx.emu);
      const result = await provider.update(err.id, err.properties, backupArgs({ timeoutMinutes: 30 }));
      const outs = result.outs as Record<string, unknown>;
      assert.equal(outs.backupId, err.id);
      assert.equal(outs.status, "completed");
      assert.equal(typeof outs.completedAt, "string");
      assert.equal(outs.timeoutMinutes, 30);
      assert.equal(outs.requestedAt, err.properties.requestedAt);
      const log = await requestLog(ctx.emu);
      assert.equal(log.counts[POST_BACKUP] ?? 0, 0, "an update never requests another backup");
      assert.ok((log.counts[GET_BACKUP] ?? 0) >= 1);
      for (const r of log.requests) assert.ok(r.path.endsWith(`/backups/${err.id}`), r.path);
      assert.deepEqual(await backupIdsOfTorque(), before);
    });

    it("after WP Engine aborts a resumed backup, the next up (refreshed) requests a new backup as the message says", async () => {
      await completeAfterReads(10_000);
      const slow = new BackupProvider(clientFactory(ctx.emu), virtualPoll());
      const news = backupArgs({ timeoutMinutes: 1 });
      const timedOut = (await caught(() => slow.create(news))) as InitError;
      await control(ctx.emu, "POST", `/backups/${timedOut.id}/abort`);

      const failed = await caught(() => provider.update(timedOut.id, timedOut.properties, news));
      assert.ok(failed instanceof Error);
      assert.ok(failed.message.includes(timedOut.id), failed.message);
      assert.match(failed.message, /run `pulumi up` again to request a new backup/);

      // `pulumi up --refresh`: read records the abort, then diff decides what the next up does.
      const refreshed = await provider.read(timedOut.id, timedOut.properties);
      const props = refreshed.props as Record<string, unknown>;
      assert.equal(props.status, "aborted");
      const next = await provider.diff(timedOut.id, props, news);
      assert.equal(next.changes, true);
      assert.ok(
        (next.replaces ?? []).length > 0,
        `an aborted backup must be replaced (a new POST) or every later up fails the same way; diff answered ${JSON.stringify(next)}`,
      );
    });

    it("applies new wait settings to a completed backup without any API call", async () => {
      const created = await provider.create(backupArgs());
      await clearRequests(ctx.emu);
      const result = await provider.update(
        created.id,
        { ...(created.outs as Record<string, unknown>), __provider: PROVIDER_TEXT },
        backupArgs({ timeoutMinutes: 120 }),
      );
      const outs = result.outs as Record<string, unknown>;
      assert.equal(outs.backupId, created.id);
      assert.equal(outs.status, "completed");
      assert.equal(outs.completedAt, (created.outs as Record<string, unknown>).completedAt);
      assert.equal(outs.timeoutMinutes, 120);
      assert.deepEqual(await requestCounts(ctx.emu), {});
    });

    it("does not poll when the program stops waiting", async () => {
      await completeAfterReads(10_000);
      const created = await provider.create(backupArgs({ waitForCompletion: false }));
      await clearRequests(ctx.emu);
      const result = await provider.update(
        created.id,
        created.outs as Record<string, unknown>,
        backupArgs({ waitForCompletion: false, timeoutMinutes: 5 }),
      );
      assert.ok(["requested", "unknown"].includes(String((result.outs as Record<string, unknown>).status)));
      assert.deepEqual(await requestCounts(ctx.emu), {});
    });
  });

  describe("read", () => {
    it("reports the current status and the inputs, without the provider text", async () => {
      await completeAfterReads(10_000);
      const created = await provider.create(backupArgs({ waitForCompletion: false, triggers: { v: "1" } }));
      await completeAfterReads(0);
      const read = await provider.read(created.id, {
        ...(created.outs as Record<string, unknown>),
        __provider: PROVIDER_TEXT,
      });
      assert.equal(read.id, created.id);
      const props = read.props as Record<string, unknown>;
      assert.equal(props.status, "completed");
      assert.equal(typeof props.completedAt, "string");
      assert.equal(props.backupId, created.id);
      assert.equal("__provider" in props, false);
      assert.deepEqual(read.inputs, {
        installId: TORQUE,
        description: "before the plugin upgrade",
        notificationEmails: ["ops@example.com"],
        triggers: { v: "1" },
        waitForCompletion: false,
      });
    });

    it("keeps a backup WP Engine no longer reports, marked expired, and says so", async () => {
      const gone = "0b7a2f1e-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
      const { __provider: _text, ...inputs } = backupArgs({ triggers: { v: "1" } });
      const prior = {
        ...backupArgs({ triggers: { v: "1" } }),
        backupId: gone,
        status: "completed",
        requestedAt: "2026-01-01T00:00:00.000Z",
        completedAt: "2026-01-01T00:05:00.000Z",
      };
      const warnings = await warningsOf(async () => {
        const read = await provider.read(gone, prior);
        assert.equal(read.id, gone, "the backup stays in the state");
        const props = read.props as Record<string, unknown>;
        assert.equal(props.status, "expired");
        assert.equal(props.completedAt, prior.completedAt);
        assert.equal("__provider" in props, false);
        assert.deepEqual(read.inputs, inputs);
      });
      assert.equal(warnings.length, 1);
      assert.match(warnings[0] ?? "", new RegExp(`${gone}.*no longer reported.*no new backup`, "s"));
    });

    it("reads an expired backup again without any API call", async () => {
      await clearRequests(ctx.emu);
      const expired = { installId: TORQUE, backupId: "b", status: "expired", completedAt: null };
      const read = await provider.read("b", expired);
      assert.equal(read.id, "b");
      assert.equal((read.props as Record<string, unknown>).status, "expired");
      assert.deepEqual(await requestCounts(ctx.emu), {});
    });
  });

  describe("delete", () => {
    it("makes no API call and warns that WP Engine keeps the backup", async () => {
      await clearRequests(ctx.emu);
      const warnings = await warningsOf(() =>
        provider.delete(SEED_IDS.completedBackupId, { installId: TORQUE }),
      );
      assert.deepEqual(await requestCounts(ctx.emu), {});
      assert.equal(warnings.length, 1);
      assert.ok(warnings[0]?.includes(SEED_IDS.completedBackupId));
      assert.match(warnings[0] ?? "", /retention policy/);
    });
  });
});
