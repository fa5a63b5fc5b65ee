import assert from "node:assert/strict";
import { defaultSeed, SEED_IDS } from "../../emulator";
import { EmulatorStore } from "../../emulator/store";
import { obj, objs, startTestEmulator, useTestEmulator } from "./client";

const TORQUEMAG = SEED_IDS.torquemagInstallId;
const BODY = { description: "Before the redesign", notification_emails: ["ops@example.com"] };

describe("emulator backups", () => {
  const t = useTestEmulator();

  async function createBackup(installId = TORQUEMAG): Promise<string> {
    const res = await t.client.api("POST", `/installs/${installId}/backups`, { json: BODY });
    assert.equal(res.status, 202);
    return String(obj(res.body).id);
  }

  async function status(id: string, installId = TORQUEMAG): Promise<unknown> {
    const res = await t.client.api("GET", `/installs/${installId}/backups/${id}`);
    assert.equal(res.status, 200);
    return obj(res.body).status;
  }

  it("answers 202 {id, status: requested} to a create", async () => {
    const res = await t.client.api("POST", `/installs/${TORQUEMAG}/backups`, { json: BODY });
    assert.equal(res.status, 202);
    const body = obj(res.body);
    assert.deepEqual(Object.keys(body).sort(), ["id", "status"]);
    assert.equal(body.status, "requested");
  });

  it("moves requested -> initiated -> completed over status reads with the default schedule", async () => {
    const id = await createBackup();
    assert.equal(await status(id), "requested");
    assert.equal(await status(id), "initiated");
    assert.equal(await status(id), "completed");
    assert.equal(await status(id), "completed");
  });

  it("keeps the description and request time in the store", async () => {
    const id = await createBackup();
    const state = obj((await t.client.control("GET", "/state")).body);
    const backup = objs(state.backups).find((b) => b.id === id);
    assert.equal(backup?.description, BODY.description);
    assert.ok(!Number.isNaN(Date.parse(String(backup?.requested_at))));
    assert.equal(backup?.status, "requested");
  });

  it("answers aborted after a forced abort, whatever the schedule says", async () => {
    const id = await createBackup();
    assert.equal(await status(id), "requested");
    const abort = await t.client.control("POST", `/backups/${id}/abort`);
    assert.equal(abort.status, 200);
    assert.equal(await status(id), "aborted");
    assert.equal(await status(id), "aborted");
    assert.equal(
      (await t.client.control("POST", "/backups/00000000-0000-4000-8000-000000000000/abort")).status,
      404,
    );
  });

  it("follows a time schedule set at run time", async () => {
    // Thresholds of minutes, and backups requested minutes apart from them, so that no status
    // depends on how fast this machine answers (the exact edges are proven with an injected clock
    // below). The backups of the earlier past come in through a seed with their request time.
    const minute = 60_000;
    const config = await t.client.control("POST", "/config", {
      backupSchedule: { mode: "time", initiatedAfterMs: 10 * minute, completedAfterMs: 60 * minute },
    });
    assert.equal(config.status, 200);
    const seed = defaultSeed();
    const past = (id: string, minutesAgo: number) => ({
      id,
      install_id: TORQUEMAG,
      description: `${minutesAgo} minutes ago`,
      notification_emails: ["ops@example.com"],
      requested_at: new Date(Date.now() - minutesAgo * minute).toISOString(),
      reads: 0,
      aborted: false,
    });
    const half = "5a1f0c4e-2b3d-4c5e-8f6a-7b8c9d0e1f2a";
    const old = "6b2a1d5f-3c4e-4d6f-9a7b-8c9d0e1f2a3b";
    seed.backups.push(past(half, 30), past(old, 120));
    assert.equal((await t.client.control("POST", "/seed", seed)).status, 200);
    const fresh = await createBackup();
    assert.equal(await status(fresh), "requested", "requested just now: before initiatedAfterMs");
    assert.equal(await status(half), "initiated", "30 minutes ago: between the thresholds");
    assert.equal(await status(old), "completed", "2 hours ago: past completedAfterMs");
    assert.equal(await status(half), "initiated", "time, not reads, moves it");
  });

  it("derives time-schedule statuses from an injected clock", () => {
    let now = 1_000_000;
    const store = new EmulatorStore({
      seed: defaultSeed(),
      backupSchedule: { mode: "time", initiatedAfterMs: 10, completedAfterMs: 20 },
      now: () => now,
    });
    const backup = store.createBackup(TORQUEMAG, BODY);
    assert.equal(store.backupStatus(backup), "requested");
    now += 10;
    assert.equal(store.backupStatus(backup), "initiated");
    now += 10;
    assert.equal(store.backupStatus(backup), "completed");
  });

  it("honours a reads schedule given at start", async () => {
    const { emulator: slow, client: slowClient } = await startTestEmulator({
      backupSchedule: { mode: "reads", initiatedAfterReads: 2, completedAfterReads: 3 },
    });
    try {
      const res = await slowClient.api("POST", `/installs/${TORQUEMAG}/backups`, { json: BODY });
      const id = String(obj(res.body).id);
      const seen: unknown[] = [];
      for (let i = 0; i < 4; i++) {
        seen.push(obj((await slowClient.api("GET", `/installs/${TORQUEMAG}/backups/${id}`)).body).status);
      }
      assert.deepEqual(seen, ["requested", "requested", "initiated", "completed"]);
    } finally {
      await slow.close();
    }
  });

  const invalid: Array<[string, unknown]> = [
    ["an empty description", { ...BODY, description: "" }],
    ["a missing description", { notification_emails: ["a@example.com"] }],
    ["no notification emails", { ...BODY, notification_emails: [] }],
    ["an invalid email", { ...BODY, notification_emails: ["nope"] }],
    ["emails that are not an array", { ...BODY, notification_emails: "a@example.com" }],
    ["a body that is not an object", ["x"]],
  ];
  for (const [what, body] of invalid) {
    it(`refuses a backup request with ${what} (400)`, async () => {
      const res = await t.client.api("POST", `/installs/${TORQUEMAG}/backups`, { json: body });
      assert.equal(res.status, 400);
      assert.ok(objs(obj(res.body).errors).length > 0);
    });
  }

  it("answers 404 for an unknown install or backup, and for a backup of another install", async () => {
    const id = await createBackup();
    const unknown = "00000000-0000-4000-8000-000000000000";
    assert.equal((await t.client.api("POST", `/installs/${unknown}/backups`, { json: BODY })).status, 404);
    assert.equal((await t.client.api("GET", `/installs/${TORQUEMAG}/backups/${unknown}`)).status, 404);
    assert.equal(
      (await t.client.api("GET", `/installs/${SEED_IDS.torquemagStagingInstallId}/backups/${id}`)).status,
      404,
    );
  });

  it("answers 403 to a backup of an install the credentials cannot use, and 404 to reading one", async () => {
    assert.equal(
      (await t.client.api("POST", `/installs/${SEED_IDS.hiddenInstallId}/backups`, { json: BODY })).status,
      403,
    );
    const read = await t.client.api(
      "GET",
      `/installs/${SEED_IDS.hiddenInstallId}/backups/${SEED_IDS.hiddenBackupId}`,
    );
    assert.equal(read.status, 404);
  });

  it("answers 400 for ids that are not UUIDs, as documented for backups", async () => {
    assert.equal((await t.client.api("GET", `/installs/${TORQUEMAG}/backups/nope`)).status, 400);
    assert.equal((await t.client.api("POST", "/installs/nope/backups", { json: BODY })).status, 400);
  });

  it("answers the seeded backup of torquemag as completed", async () => {
    assert.equal(await status(SEED_IDS.completedBackupId), "completed");
  });
});
