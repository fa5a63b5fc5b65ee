/**
 * Scenario 1, rate limiting: every third API request answers 429 while `pulumi up` creates 50 users,
 * once with a `Retry-After` header and once without. The client's backoff absorbs every 429, so the
 * run completes without any user-visible error, and the usual convergence check holds.
 */
import assert from "node:assert/strict";
import { errorDiagnostics, members, ROUTES, Scenario } from "./support";

describe("chaos: rate limiting (every third request answers 429)", function () {
  this.timeout(600_000);
  let sc: Scenario | undefined;
  afterEach(async () => sc?.dispose());

  for (const retryAfter of ["1", undefined]) {
    const label = retryAfter === undefined ? "without Retry-After" : `with Retry-After: ${retryAfter}`;
    it(`creates 50 users without a user-visible error (${label})`, async () => {
      sc = await Scenario.open(`rate limiting, 429 on every 3rd request ${label}, up creates 50 users`);
      await sc.declare({ users: members(retryAfter ? "ra" : "nra", 50) });
      await sc.inject({
        path: "^/v1/",
        every: 3,
        status: 429,
        body: { message: "Too Many Requests" },
        ...(retryAfter === undefined ? {} : { retryAfter }),
      });

      const res = await sc.s.up();
      assert.equal(res.summary.result, "succeeded");
      assert.equal(res.summary.resourceChanges?.create, 51, "50 users and the stack");
      const shown = sc.s.output.join("");
      assert.deepEqual(errorDiagnostics(shown), [], "no error is shown");
      // 429 as a word of its own: ids and durations in the output may contain the digits.
      const leaked = shown.match(/.{0,80}((?<![\w.:-])429(?![\w.:-])|rate limit|too many requests).{0,80}/i);
      assert.equal(leaked?.[0], undefined, "the 429s stay invisible");
      const rateLimited = sc.requests().filter((r) => r.status === 429);
      assert.ok(rateLimited.length >= 16, `the fault fired (${rateLimited.length} times)`);
      const posted = sc.requests().filter((r) => r.route === `POST ${ROUTES.users}` && r.status === 201);
      assert.equal(posted.length, 50, "exactly one successful POST per user");
      await sc.converge();
    });
  }
});
