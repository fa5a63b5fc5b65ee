/**
 * Credentials from the environment only, as the CI examples run: `WPENGINE_API_URL`,
 * `WPENGINE_API_USER_ID` and `WPENGINE_API_PASSWORD` are set for the Pulumi CLI (and so for the
 * provider process it starts) and the stack config holds no `wpengine:*` key at all. `up`, `refresh`
 * and `destroy` must all reach WP Engine with them, and the password must appear nowhere: not in the
 * backend's files, not in `pulumi stack export --show-secrets`, not in any CLI output.
 */
import assert from "node:assert/strict";
import { ACCOUNT, members, ROUTES, Scenario } from "../chaos/support";
import { resourcesOf } from "./harness";

describe("credentials from WPENGINE_API_* only (nothing in stack config)", function () {
  this.timeout(900_000);
  let sc: Scenario | undefined;
  after(async () => sc?.dispose());

  it("creates, refreshes and destroys users with env credentials, and leaks them nowhere", async () => {
    sc = await Scenario.open("credentials from the environment only", { credentialsFromEnv: true });
    const env = sc.s.stack.workspace.envVars;
    assert.equal(
      env.WPENGINE_API_PASSWORD,
      sc.s.emulator.apiPassword,
      "the CLI runs with the env credentials",
    );
    const config = await sc.s.stack.getAllConfig();
    assert.deepEqual(
      Object.keys(config).filter((k) => k.startsWith("wpengine:")),
      [],
      "no wpengine:* key in the stack config",
    );

    const team = members("env", 3);
    await sc.declare({ users: team, backups: [] });
    const up = await sc.s.up();
    assert.equal(up.summary.result, "succeeded");
    // Users agree user by user, preview --refresh shows no change, and the secret scan is clean.
    await sc.converge();

    // A user removed in the portal: only a refresh that really reached the API can notice.
    const gone = sc.s.emulator.store
      .snapshot()
      .accountUsers.find((u) => u.email === String(team[0]?.args.email));
    assert.ok(gone, "the first member exists");
    await sc.s.api("DELETE", `/accounts/${ACCOUNT}/account_users/${gone.user_id}`);
    await sc.s.refresh();
    const inState = resourcesOf(await sc.s.deployment(), "AccountUser").map((r) => r.id);
    assert.equal(inState.length, 2, "refresh dropped the user removed in the portal");
    assert.ok(!inState.includes(gone.user_id));

    await sc.s.clearRequests();
    await sc.s.destroy();
    const left = sc.s.emulator.store
      .snapshot()
      .accountUsers.filter((u) => team.some((m) => m.args.email === u.email));
    assert.deepEqual(left, [], "destroy removed the members");
    const deletes = sc.requests().filter((r) => r.method === "DELETE" && r.route === `DELETE ${ROUTES.user}`);
    assert.deepEqual(
      deletes.map((r) => r.status),
      [204, 204],
      "destroy deleted the two remaining members through the API",
    );
    await sc.scanSecrets();
  });
});
