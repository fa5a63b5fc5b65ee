/**
 * Scenario 4, an interrupted run: `pulumi up` is SIGKILLed (as a CI runner's hard cancel would) while
 * user creates are in flight. The emulator answers every request 1.5 s after processing it, so at the
 * kill the API has created users whose creates the state only records as pending. A plain re-run
 * fails clearly without inviting anyone twice; the documented recovery (README, Troubleshooting)
 * converges with no duplicate:
 *
 *   pulumi cancel --yes                           (file/S3 backends: remove the dead run's lock)
 *   pulumi refresh --clear-pending-creates --yes  (drop the creates the state never confirmed)
 *   pulumi up --yes -c wpengine:adoptExisting=true (adopt users that exist by email, create the rest)
 *   pulumi config rm wpengine:adoptExisting
 */
import assert from "node:assert/strict";
import { readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { descendants, killPulumiProcess, members, ROUTES, Scenario } from "./support";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A SIGKILL can land while the file backend writes a checkpoint's `.attrs` sidecar, leaving it empty;
 * the CLI then fails with `failed to load checkpoint: EOF`. Deleting empty sidecars is the repair.
 */
function removeEmptyAttrs(backendDir: string): string[] {
  const removed: string[] = [];
  for (const entry of readdirSync(backendDir, { withFileTypes: true, recursive: true })) {
    const file = join(entry.parentPath, entry.name);
    if (entry.isFile() && entry.name.endsWith(".attrs") && statSync(file).size === 0) {
      rmSync(file);
      removed.push(entry.name);
    }
  }
  return removed;
}

describe("chaos: interrupted run (SIGKILL of pulumi up while creates are in flight)", function () {
  this.timeout(900_000);
  let sc: Scenario | undefined;
  /** Processes this test started (the CLI and what it launched), ended by id even if the test fails. */
  const started: number[] = [];
  after(async () => {
    for (const pid of started) killPulumiProcess(pid);
    await sc?.dispose();
  });

  it("recovers with cancel, refresh --clear-pending-creates and one up with adoptExisting, without duplicates", async () => {
    sc = await Scenario.open("interrupted run: SIGKILL of pulumi up during 30 user creates");
    const s = sc.s;
    await sc.declare({ users: members("kill", 30) });
    const seeded = s.emulator.store.snapshot().accountUsers.length;
    const created = () => s.emulator.store.snapshot().accountUsers.length - seeded;
    await s.control("POST", "/config", { latencyMs: 1500 });
    sc.note("emulator config latencyMs=1500: every answer leaves 1.5 s after the request was processed");

    const run = await sc.spawnUp();
    if (run.child.pid !== undefined) started.push(run.child.pid);
    // No time limit (a busy machine is only slower): the up must still be running when 12 exist.
    let exited = false;
    void run.exited.then(() => (exited = true));
    while (created() < 12) {
      assert.ok(!exited, `pulumi up ended before it created 12 users:\n${run.output()}`);
      await sleep(20);
    }
    await sleep(400);
    const orphans = run.child.pid === undefined ? [] : descendants(run.child.pid);
    started.push(...orphans);
    run.child.kill("SIGKILL");
    await run.exited;
    sc.note(
      `SIGKILL of the pulumi CLI (pid ${run.child.pid}) once the API had processed ${created()} creates`,
    );
    // The language host and the provider outlive the CLI; end them by id once their requests are done.
    await sleep(1000);
    for (const pid of orphans) killPulumiProcess(pid);
    started.length = 0;
    await s.control("POST", "/config", { latencyMs: 0 });

    const killed = (await s.deployment()) as {
      pending_operations?: unknown[];
      resources?: { type: string }[];
    };
    const recorded = (killed.resources ?? []).filter((r) => r.type.endsWith(":AccountUser")).length;
    const pending = killed.pending_operations?.length ?? 0;
    console.log(
      `      [chaos]   after the kill: API has ${created()} new users, state records ${recorded}, ${pending} pending creates`,
    );
    assert.ok(pending > 0, "creates were in flight at the kill");
    assert.ok(created() > recorded, "the API did more than the state knows");

    const repaired = removeEmptyAttrs(s.backendDir);
    console.log(
      `      [chaos]   empty checkpoint sidecars removed: ${repaired.length ? repaired.join(", ") : "none"}`,
    );
    const cancel = await sc.cli(["cancel", "--yes"]);
    assert.equal(cancel.code, 0, `pulumi cancel: ${cancel.stderr}`);

    // What an unattended pipeline does next: just run up again. It must fail clearly, inviting no one twice.
    const naive = await sc.cli(["up", "--yes", "--non-interactive", "--skip-preview", "--color", "never"]);
    assert.notEqual(naive.code, 0, "a plain re-run cannot know the pending creates happened");
    assert.match(naive.stdout + naive.stderr, /already exists in account .*set `adopt: true`/);
    const emails = s.emulator.store.snapshot().accountUsers.map((u) => u.email.toLowerCase());
    assert.equal(new Set(emails).size, emails.length, "the plain re-run invited nobody twice");

    for (const args of [
      [
        "refresh",
        "--clear-pending-creates",
        "--yes",
        "--non-interactive",
        "--skip-preview",
        "--color",
        "never",
      ],
      [
        "up",
        "--yes",
        "--non-interactive",
        "--skip-preview",
        "--color",
        "never",
        "-c",
        "wpengine:adoptExisting=true",
      ],
      ["config", "rm", "wpengine:adoptExisting"],
    ]) {
      const res = await sc.cli(args);
      console.log(
        `      [chaos]   recovery: pulumi ${args.filter((a) => a !== "--color" && a !== "never").join(" ")}: exit ${res.code}`,
      );
      assert.equal(res.code, 0, `pulumi ${args.join(" ")} failed:\n${res.stdout}\n${res.stderr}`);
    }
    const posts = sc.requests().filter((r) => r.route === `POST ${ROUTES.users}` && r.status === 201);
    assert.equal(posts.length, 30, "each of the 30 users was invited exactly once across all runs");
    await sc.converge();
  });
});
