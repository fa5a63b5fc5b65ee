/**
 * Scenario 2, a flaky server: API requests of every kind fail with 500, 503, a reset connection or an
 * answer lost after the write was processed, and the provider's retries and look-ups must absorb
 * every one of them. `pulumi up` creates 20 users and two backups, then changes roles, removes and
 * adds users and takes a backup for a new trigger. Neither `up` may fail (there is no re-run), and
 * the emulator's fault log must show each fault firing exactly as often as injected and each faulted
 * request resolved the way the retry policy promises.
 *
 * The faults are counted (`every` Nth matching request, at most `count` times) rather than drawn at
 * random, and each targets one method and route, so how often each fires is fixed by the number of
 * requests of that kind, whatever order the engine sends them in. Which user a fault hits may vary;
 * no assertion depends on it. Backup creates get only 503 (certainly not processed, so retried): a
 * 500 or a reset on one leaves its outcome unknown and by design stops with a clear error (scenario
 * 3, ambiguousCreate.spec.ts, proves that).
 */
import assert from "node:assert/strict";
import type { Fault, FaultSpec, LoggedRequest } from "../../emulator";
import { backup, member, members, ROUTES, Scenario } from "./support";

const USER_PATH = "^/v1/accounts/[^/]+/account_users/[^/]+$";
const USERS_PATH = "^/v1/accounts/[^/]+/account_users$";
const BACKUPS_PATH = "^/v1/installs/[^/]+/backups$";
const BACKUP_PATH = "^/v1/installs/[^/]+/backups/[^/]+$";

/** Faults of the first `up` (20 user creates, 2 backup creates and their status polls). */
const CREATE_FAULTS: FaultSpec[] = [
  { method: "POST", path: USERS_PATH, every: 4, count: 2, status: 503 },
  { method: "POST", path: USERS_PATH, every: 5, count: 1, status: 500 },
  { method: "POST", path: USERS_PATH, every: 6, count: 1, reset: true },
  { method: "POST", path: USERS_PATH, every: 7, count: 1, afterProcessing: true },
  { method: "POST", path: BACKUPS_PATH, count: 1, status: 503 },
  { method: "GET", path: BACKUP_PATH, every: 2, count: 2, status: 500 },
];

/** Faults of the second `up` (5 role changes, 10 removals, 5 creates, 1 backup create). */
const CHANGE_FAULTS: FaultSpec[] = [
  { method: "PATCH", path: USER_PATH, every: 2, count: 1, status: 500 },
  { method: "PATCH", path: USER_PATH, every: 3, count: 1, reset: true },
  { method: "DELETE", path: USER_PATH, every: 3, count: 1, status: 503 },
  { method: "DELETE", path: USER_PATH, every: 4, count: 1, reset: true },
  { method: "DELETE", path: USER_PATH, every: 5, count: 1, afterProcessing: true },
  { method: "POST", path: USERS_PATH, every: 2, count: 1, status: 500 },
  { method: "POST", path: BACKUPS_PATH, count: 1, status: 503 },
];

/** How many requests of a route the faults answered without processing them (status and reset). */
function unprocessed(faults: Fault[], method: string, path: string): number {
  return faults
    .filter((f) => f.method === method && f.path === path && !f.afterProcessing)
    .reduce((n, f) => n + f.fired, 0);
}

function firedAfterProcessing(faults: Fault[], method: string, path: string): number {
  return faults
    .filter((f) => f.method === method && f.path === path && f.afterProcessing)
    .reduce((n, f) => n + f.fired, 0);
}

/**
 * For every faulted request that is not a user create (those share one path and are checked by
 * count), the outcome the retry policy promises: a later request of the same method and path that
 * succeeded (or, for a DELETE of a path one of whose attempts was processed with its answer lost,
 * answered 404: already gone).
 */
function unresolved(requests: LoggedRequest[]): string[] {
  const problems: string[] = [];
  requests.forEach((r, i) => {
    if (!r.faulted || (r.method === "POST" && r.route === `POST ${ROUTES.users}`)) return;
    const at = requests.findIndex(
      (x, j) => j > i && x.method === r.method && x.path === r.path && !x.faulted,
    );
    const later = at === -1 ? undefined : requests[at];
    // A DELETE answered 404 is resolved when some attempt at that path up to then was processed and
    // its answer lost (an afterProcessing fault, or a 2xx the client never read), whichever attempt it
    // was: which attempt of which user meets which counted fault depends on how concurrent requests
    // interleave, and a loaded machine changes that (seen once in three loaded runs).
    const processedBefore = requests
      .slice(0, at === -1 ? 0 : at)
      .some(
        (x) =>
          x.method === "DELETE" &&
          x.path === r.path &&
          (x.faulted === "afterProcessing" || (!x.faulted && x.status >= 200 && x.status < 300)),
      );
    const ok =
      later !== undefined &&
      ((later.status >= 200 && later.status < 300) ||
        (r.method === "DELETE" && processedBefore && later.status === 404));
    if (!ok)
      problems.push(`${r.method} ${r.path} (${r.faulted}) -> ${later ? later.status : "never repeated"}`);
  });
  return problems;
}

/**
 * Asserts the fault log of one `up`: each fault fired exactly `count` times, user creates add one
 * POST per unprocessed attempt and none for a processed one, no create was refused as a duplicate,
 * and every other faulted request was repeated to success.
 */
function assertAbsorbed(sc: Scenario, faults: Fault[], since: number, creates: number): void {
  assert.deepEqual(
    faults.map((f) => `${f.method} ${f.path} fired ${f.fired}`),
    faults.map((f) => `${f.method} ${f.path} fired ${f.count}`),
    "every fault fired exactly as often as injected",
  );
  const requests = sc.requests().slice(since);
  const posts = requests.filter((r) => r.route === `POST ${ROUTES.users}`);
  assert.equal(
    posts.length,
    creates + unprocessed(faults, "POST", USERS_PATH),
    "one extra POST per create the server did not process, none for one it did",
  );
  assert.equal(
    posts.filter((r) => r.status === 201).length,
    creates - firedAfterProcessing(faults, "POST", USERS_PATH),
  );
  assert.deepEqual(
    posts.filter((r) => !r.faulted && r.status !== 201).map((r) => r.status),
    [],
    "no create was refused (no duplicate invitation)",
  );
  assert.deepEqual(unresolved(requests), [], "every faulted request was repeated to success");
}

describe("chaos: flaky server (500, 503, resets and lost answers on every kind of request)", function () {
  this.timeout(900_000);
  let sc: Scenario | undefined;
  after(async () => sc?.dispose());

  it("absorbs every fault by retry or look-up: both ups succeed the first time and converge", async () => {
    sc = await Scenario.open("flaky server: counted 500/503/reset/lost-answer faults on every route");
    const team = members("flaky", 20);

    await sc.inject(...CREATE_FAULTS);
    await sc.declare({ users: team, backups: [backup("nightly", "a1"), backup("pre-deploy", "a1")] });
    let since = sc.requests().length;
    await sc.s.up();
    assertAbsorbed(sc, sc.s.emulator.store.faults.list(), since, team.length);
    await sc.clearFaults();

    const next = [
      ...team
        .slice(0, 10)
        .map((u, i) => (i < 5 ? member("flaky", i, i % 2 ? "full" : "partial,billing") : u)),
      ...members("flaky-new", 5),
    ];
    await sc.inject(...CHANGE_FAULTS);
    await sc.declare({ users: next, backups: [backup("nightly", "a1"), backup("pre-deploy", "b2")] });
    since = sc.requests().length;
    await sc.s.up();
    assertAbsorbed(sc, sc.s.emulator.store.faults.list(), since, 5);
    const changed = sc.requests().slice(since);
    assert.equal(
      changed.filter((r) => r.route === `PATCH ${ROUTES.user}` && r.status === 200).length,
      5,
      "each role change landed once",
    );

    await sc.converge();
  });
});
