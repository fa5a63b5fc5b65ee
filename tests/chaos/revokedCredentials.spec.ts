/**
 * Scenario 5, credentials revoked mid-run: after the first 10 API requests every request answers 401.
 * The run stops with one kind of error, the provider's clear 401 message naming the config keys to
 * fix, and no 401 is retried. The state records exactly the users that were really created. Once the
 * credentials work again, `pulumi up` converges.
 */
import assert from "node:assert/strict";
import { errorDiagnostics, members, ROUTES, Scenario } from "./support";

describe("chaos: credentials revoked mid-run (401 after the first 10 requests)", function () {
  this.timeout(600_000);
  let sc: Scenario | undefined;
  after(async () => sc?.dispose());

  it("fails with one clear error naming the config keys, records only what was done, then converges", async () => {
    sc = await Scenario.open("credentials revoked mid-run: every request after the 10th answers 401");
    const s = sc.s;
    await sc.declare({ users: members("revoked", 20) });
    await sc.inject(
      { path: "^/v1/", latencyMs: 0, count: 10 },
      { path: "^/v1/", status: 401, body: { message: "Bad Credentials" } },
    );

    const message = await sc.failure("up", s.up());
    // The engine prints each failed resource twice (progress line and diagnostics), one per create in flight.
    const diagnostics = errorDiagnostics(message).filter((l) => l !== "error: update failed");
    const generic = (l: string) =>
      l.replace(/of \S+@\S+ failed/, "of <user> failed").replace(/ \[request id [^\]]+\]/, "");
    const distinct = [...new Set(diagnostics.map(generic))];
    console.log(
      `      [chaos]   ${diagnostics.length} error lines, ${distinct.length} distinct message(s) up to user and request id:`,
    );
    for (const d of distinct) console.log(`      [chaos]     ${d}`);
    assert.ok(diagnostics.length > 0, "the failure is reported");
    for (const d of diagnostics) {
      assert.match(d, /401 Unauthorized: Bad Credentials/, "every error is the 401");
      assert.match(d, /wpengine:apiUserId/, "it names the user id key");
      assert.match(d, /wpengine:apiPassword/, "it names the password key");
      assert.match(d, /WPENGINE_API_PASSWORD/, "and the environment variable");
    }
    assert.equal(distinct.length, 1, "one error, whichever user hit it");

    const unauthorized = sc.requests().filter((r) => r.status === 401);
    const failedPosts = unauthorized.filter((r) => r.route === `POST ${ROUTES.users}`).length;
    assert.ok(
      unauthorized.length <= 8,
      `no 401 is retried (${unauthorized.length} 401s for at most 8 in-flight creates)`,
    );
    console.log(
      `      [chaos]   ${unauthorized.length} requests answered 401 (${failedPosts} creates), none retried`,
    );

    const created = new Set(
      s.emulator.store
        .snapshot()
        .accountUsers.filter((u) => u.email.endsWith("@chaos.example.com"))
        .map((u) => u.user_id),
    );
    const deployment = (await s.deployment()) as {
      pending_operations?: unknown[];
      resources?: { type: string; id?: string }[];
    };
    const recorded = new Set(
      (deployment.resources ?? []).filter((r) => r.type.endsWith(":AccountUser")).map((r) => String(r.id)),
    );
    console.log(
      `      [chaos]   before the 401s the API created ${created.size} users; the state records ${recorded.size}`,
    );
    assert.ok(created.size > 0 && created.size < 20, "the run was cut off mid-way");
    assert.deepEqual([...recorded].sort(), [...created].sort(), "the state records exactly what was done");
    assert.equal(deployment.pending_operations?.length ?? 0, 0, "nothing is left pending");

    await sc.clearFaults();
    sc.note("credentials restored (faults removed) before the second up");
    await s.up();
    await sc.converge();
  });
});
