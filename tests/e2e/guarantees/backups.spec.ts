/**
 * Guarantee: a backup is taken when what it backs up, who is told or its triggers change, and at no
 * other time. Through the real CLI: reordering `notificationEmails` takes none; a backup WP Engine no
 * longer reports (retention: 404 on its GET) stays in the state as `expired` after a refresh, with a
 * warning, and neither `up` nor `preview --refresh --expect-no-changes` sees a change; a new trigger
 * then takes exactly one new backup, recorded under its real id.
 */
import assert from "node:assert/strict";
import { backup, ROUTES, Scenario } from "../../chaos/support";
import { resourcesOf } from "../harness";

describe("guarantee: backups are taken only when an input changes", function () {
  this.timeout(900_000);
  let sc: Scenario | undefined;
  after(async () => sc?.dispose());

  it("takes no backup for reordered recipients nor for one WP Engine no longer reports", async () => {
    sc = await Scenario.open("backups: recipients as a set, expired backups kept");
    const s = sc.s;
    const posts = () => sc?.writes().filter((r) => r.route === `POST ${ROUTES.backups}`).length;
    const first = backup("gate", "sha-1");
    const emails = ["ops@example.com", "cto@example.com", "dev@example.com"];
    await sc.declare({ backups: [{ ...first, args: { ...first.args, notificationEmails: emails } }] });
    await s.up();
    assert.equal(posts(), 1);

    await sc.declare({
      backups: [{ ...first, args: { ...first.args, notificationEmails: [...emails].reverse() } }],
    });
    await s.preview({ expectNoChanges: true });
    await s.up();
    assert.equal(posts(), 1, "reordered recipients take no new backup");
    await sc.converge();

    // WP Engine's retention ends: the backup is no longer reported.
    const [recorded] = resourcesOf(await s.deployment(), "Backup");
    const id = String(recorded?.id);
    await sc.inject({ method: "GET", path: `^/v1/installs/[^/]+/backups/${id}$`, status: 404 });
    await s.refresh();
    assert.match(s.output.join(""), new RegExp(`${id}.*no longer reported by WP Engine`));
    const [kept] = resourcesOf(await s.deployment(), "Backup");
    assert.equal(kept?.id, id, "the refresh keeps the backup in the state");
    assert.equal(kept?.outputs?.status, "expired");
    await s.preview({ refresh: true, expectNoChanges: true });
    await s.up({ refresh: true });
    assert.equal(posts(), 1, "an expired backup takes no new one by itself");

    // A new trigger takes exactly one new backup.
    const second = backup("gate", "sha-2");
    await sc.declare({ backups: [{ ...second, args: { ...second.args, notificationEmails: emails } }] });
    await s.up();
    assert.equal(posts(), 2, "a changed trigger takes one new backup");
    const [replaced] = resourcesOf(await s.deployment(), "Backup");
    const real = s.emulator.store.snapshot().backups.find((b) => b.description === second.args.description);
    assert.ok(real, "WP Engine has the new backup");
    assert.equal(replaced?.id, real.id, "the state records it under its real id");
    assert.equal(replaced?.outputs?.status, "completed");
    await sc.clearFaults();
    await s.preview({ expectNoChanges: true });
    await sc.scanSecrets();
  });
});
