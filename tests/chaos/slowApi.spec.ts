/**
 * Scenario 6, a slow API: answers that take longer than the request timeout. The provider runs with
 * `WPENGINE_REQUEST_TIMEOUT_MS=2000` (the default is 30 s; the suite shortens it so a timeout costs 2 s)
 * and the emulator delays chosen requests by 3 s. Reads are retried and succeed. A user create that
 * times out is resolved by looking the email up (and posting again only if absent). A backup request
 * that times out cannot be checked, so it is reported clearly and never repeated; after confirming in
 * the portal that no backup was taken, the next `up` takes exactly one.
 */
import assert from "node:assert/strict";
import { backup, errorDiagnostics, isClearProviderError, members, ROUTES, Scenario } from "./support";

const TIMEOUT_ENV = { WPENGINE_REQUEST_TIMEOUT_MS: "2000" };
const SLOW = 3000;

describe("chaos: slow API (latency beyond the request timeout)", function () {
  this.timeout(600_000);
  let sc: Scenario | undefined;
  afterEach(async () => sc?.dispose());

  it("retries reads that time out: refresh succeeds without an error", async () => {
    sc = await Scenario.open(
      "slow reads: the account's user list and GET /user take 3 s once each (timeout 2 s)",
      {
        env: TIMEOUT_ENV,
      },
    );
    await sc.declare({ users: members("slowread", 3) });
    await sc.s.up();
    await sc.inject(
      { method: "GET", path: "/account_users$", latencyMs: SLOW, count: 1 },
      { method: "GET", path: "^/v1/user$", latencyMs: SLOW, count: 1 },
    );
    const before = sc.s.output.length;
    await sc.s.refresh();
    const shown = sc.s.output.slice(before).join("");
    assert.deepEqual(errorDiagnostics(shown), [], "no error is shown");
    const faults = sc.s.emulator.store.faults.list();
    assert.ok(
      faults.every((f) => f.fired === 1),
      "each slow read happened once and was retried",
    );
    assert.ok(
      sc.requests().some((r) => r.route === `GET ${ROUTES.users}` && r.status === 200 && !r.faulted),
      "the retry of the list succeeded",
    );
    await sc.converge();
  });

  it("reports a backup request that times out, resolves a timed-out user create by email, and converges", async () => {
    sc = await Scenario.open("slow writes: one user POST and the backup POST take 3 s (timeout 2 s)", {
      env: TIMEOUT_ENV,
    });
    await sc.declare({ users: members("slowwrite", 2), backups: [backup("pre-deploy", "d4")] });
    await sc.inject(
      { method: "POST", path: "/account_users$", latencyMs: SLOW, count: 1 },
      { method: "POST", path: "/backups$", latencyMs: SLOW, count: 1 },
    );

    const message = await sc.failure("up", sc.s.up());
    const errors = errorDiagnostics(message).filter((l) => l !== "error: update failed");
    console.log(
      `      [chaos]   the write error: ${errors[0]?.replace(/\[request id [^\]]+\]/, "[request id …]")}`,
    );
    assert.ok(isClearProviderError(message), message);
    assert.ok(
      errors.length > 0 && errors.every((e) => e.startsWith("error: wpengine:Backup create")),
      "only the backup fails",
    );
    assert.match(message, /did not answer within 2000 ms/, "it says the API timed out");
    assert.match(message, /outcome of this write is unknown/, "it says the backup may exist");
    assert.match(
      message,
      /check the install's backups in the WP Engine User Portal before retrying/,
      "and what to do",
    );
    assert.equal(
      sc.requests().filter((r) => r.route === `POST ${ROUTES.backups}`).length,
      0,
      "the timed-out backup POST was not repeated (and the abandoned one never reached the API's log)",
    );
    const backups = sc.s.emulator.store
      .snapshot()
      .backups.filter((b) => b.description === "pre-deploy at d4");
    assert.equal(
      backups.length,
      0,
      "the portal shows no backup: the API never acted on the abandoned request",
    );
    const users = sc.s.emulator.store.snapshot().accountUsers.filter((u) => u.email.startsWith("slowwrite-"));
    assert.equal(users.length, 2, "both users exist: the timed-out create was resolved by email");

    sc.note("operator checked the portal (emulator state): no backup was taken; re-running up");
    await sc.s.up();
    await sc.converge();
  });
});
