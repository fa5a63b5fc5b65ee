/**
 * Scenario 2, a flaky server: 10% of all API requests, POSTs included, fail with 500, 503 or a reset
 * connection (three seeded probabilistic faults of ~3.45% each). `pulumi up` creates 20 users and two
 * backups, then changes roles, removes and adds users and takes a backup for a new trigger; each `up`
 * may be re-run once when it fails with a clear provider error. Both runs converge: no duplicate user,
 * no backup requested twice for one trigger, and `preview` shows no changes.
 */
import assert from "node:assert/strict";
import type { FaultSpec } from "../../emulator";
import { backup, isClearProviderError, member, members, Scenario } from "./support";

/** Three faults whose combined firing rate is 10%: 1 - (1 - p)^3 = 0.1. */
const P = 1 - 0.9 ** (1 / 3);

/**
 * Seeds chosen so that each fault fires early and several times within the ~60 requests of a run,
 * at draws at least five apart (seed 6 fires at draws 1, 6, 12, 51; 15 at 12, 23, 43, 57; 22 at 9,
 * 24, 40, 74). The draws are a fixed sequence, so how often each fault fires for a given number of
 * requests repeats from run to run; which request it hits depends on the order the engine sends
 * them in.
 */
// 500 and a reset make a POST's outcome unknown. A user create recovers by looking the email up; a
// backup create cannot (the API has no endpoint that lists backups), so by design it stops with a
// clear error and is never repeated: scenario 3 (ambiguousCreate.spec.ts) proves exactly that. Those
// two faults therefore spare the backup *create* path, or a run could fail however often it is
// re-run; 503 (certainly not processed, so retried) still hits every path, backup creates included.
const NOT_BACKUP_CREATE = "^/v1/(?!installs/[^/]+/backups$)";
const FLAKY: FaultSpec[] = [
  { path: NOT_BACKUP_CREATE, probability: P, seed: 6, status: 500 },
  { path: "^/v1/", probability: P, seed: 15, status: 503 },
  { path: NOT_BACKUP_CREATE, probability: P, seed: 22, reset: true },
];

describe("chaos: flaky server (10% of requests fail with 500, 503 or a reset)", function () {
  this.timeout(900_000);
  let sc: Scenario | undefined;
  after(async () => sc?.dispose());

  it("converges on create, update, delete and new backups with at most one re-run per up", async () => {
    sc = await Scenario.open("flaky server, 10% of requests fail (500/503/reset), seeds 6/15/22");
    await sc.inject(...FLAKY);
    const team = members("flaky", 20);
    await sc.declare({ users: team, backups: [backup("nightly", "a1"), backup("pre-deploy", "a1")] });
    const firstFailures = await sc.upWithOneRerun(isClearProviderError);

    const next = [
      ...team
        .slice(0, 10)
        .map((u, i) => (i < 5 ? member("flaky", i, i % 2 ? "full" : "partial,billing") : u)),
      ...members("flaky-new", 5),
    ];
    await sc.declare({ users: next, backups: [backup("nightly", "a1"), backup("pre-deploy", "b2")] });
    const secondFailures = await sc.upWithOneRerun(isClearProviderError);

    console.log(
      `      [chaos]   ups that needed their one re-run: ${[firstFailures, secondFailures].filter((f) => f.length).length} of 2`,
    );
    await sc.converge();
    const faulted = sc.requests().filter((r) => r.faulted).length;
    assert.ok(faulted >= 5, `the faults fired (${faulted} times)`);
    assert.ok(
      sc.requests().some((r) => r.method === "POST" && r.faulted),
      "at least one POST was faulted",
    );
  });
});
