/**
 * The Backup provider under 202 answers the contract allows (`definitions.Backup` requires nothing):
 * once the API accepted a backup, it is recorded whatever the answer said, so the next `up` never
 * takes a second one; an unknown status counts as not finished.
 */
import assert from "node:assert/strict";
import { SEED_IDS } from "../../emulator";
import {
  BackupProvider,
  type PollOptions,
  UNREPORTED_BACKUP_PREFIX,
} from "../../provider/resources/backup/provider";
import { clearRequests, clientFactory, control, requestCounts, useEmulator } from "./support";

const TORQUE = SEED_IDS.torquemagInstallId;
const POST_BACKUP = "POST /installs/{install_id}/backups";
const FAST_POLL: PollOptions = {
  initialMs: 1,
  maxMs: 5,
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  now: () => Date.now(),
};
const ARGS = {
  installId: TORQUE,
  description: "before the plugin upgrade",
  notificationEmails: ["ops@example.com"],
};

describe("BackupProvider with answers the contract allows", () => {
  const ctx = useEmulator();
  const provider = () => new BackupProvider(clientFactory(ctx.emu), FAST_POLL);

  /** Makes the next backup POST answer 202 with `body` (the backup is not really taken). */
  const acceptWith = (body: unknown) =>
    control(ctx.emu, "POST", "/faults", { method: "POST", path: "/backups$", status: 202, body, count: 1 });

  it("records a backup whose 202 names no id, and the next up takes no second one", async () => {
    await acceptWith({});
    const created = await provider().create(ARGS);
    assert.ok(created.id.startsWith(UNREPORTED_BACKUP_PREFIX), created.id);
    const outs = created.outs as Record<string, unknown>;
    assert.equal(outs.backupId, created.id);
    assert.equal(outs.status, "unknown");
    const diff = await provider().diff(created.id, outs, ARGS);
    assert.equal(diff.changes, false, JSON.stringify(diff));
    await clearRequests(ctx.emu);
    const read = await provider().read(created.id, outs);
    assert.equal(read.id, created.id, "refresh keeps it");
    assert.deepEqual(await requestCounts(ctx.emu), {}, "nothing to ask the API about");
  });

  it("records a backup whose 202 has an id in another form and an unknown status, and waits for it", async () => {
    await control(ctx.emu, "POST", "/config", {
      backupSchedule: { mode: "reads", initiatedAfterReads: 0, completedAfterReads: 1 },
    });
    const real = await clientFactory(ctx.emu)().createBackup(TORQUE, {
      description: "real",
      notificationEmails: ["ops@example.com"],
    });
    assert.ok(real.id);
    await acceptWith({ id: real.id, status: "queued" });
    await clearRequests(ctx.emu);
    const created = await provider().create(ARGS);
    assert.equal(created.id, real.id);
    assert.equal((created.outs as Record<string, unknown>).status, "completed");
    assert.equal((await requestCounts(ctx.emu))[POST_BACKUP], 1);
  });
});
