/**
 * Guarantee: a provider that cannot start forgets nothing. The dynamic-provider runtime caches the
 * deserialized shim before `configure` runs; a shim whose `configure` throws with its methods still
 * missing makes every later `delete` of that process a silent success (the resource leaves the state,
 * the person keeps their access). Through the real CLI: with the package removed from the program,
 * and with no credentials at all, every command that reaches the provider fails with the reason and
 * the fix, no user leaves the state, nobody is deleted; once fixed, `pulumi up` converges.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { members, ROUTES, Scenario } from "../../chaos/support";
import { installProject, resourcesOf } from "../harness";

/** Asserts the state still records exactly `ids` as AccountUsers, the emulator still has them, and nothing was deleted. */
async function nothingForgotten(sc: Scenario, ids: string[], after: string): Promise<void> {
  const inState = resourcesOf(await sc.s.deployment(), "AccountUser").map((r) => String(r.id));
  assert.deepEqual(inState.sort(), [...ids].sort(), `after ${after}: every user is still in the state`);
  const live = new Set(sc.s.emulator.store.snapshot().accountUsers.map((u) => u.user_id));
  for (const id of ids) assert.ok(live.has(id), `after ${after}: user ${id} still exists in WP Engine`);
  const deletes = sc.writes().filter((r) => r.route === `DELETE ${ROUTES.user}`);
  assert.equal(deletes.length, 0, `after ${after}: no DELETE was sent`);
}

/** Asserts a failed command reported the shim's error with its fix. */
function loud(message: string, what: string, cause: RegExp): void {
  assert.match(message, /pulumi-wpengine could not start; no AccountUser was changed/, `${what} says why`);
  assert.match(message, cause, `${what} carries the cause`);
  assert.match(message, /Fix: keep pulumi-wpengine installed/, `${what} names the fix`);
}

describe("guarantee: a provider that cannot start forgets nobody", function () {
  this.timeout(900_000);
  let sc: Scenario | undefined;
  let project: string | undefined;
  afterEach(async () => {
    await sc?.dispose();
    sc = undefined;
    if (project) rmSync(project, { recursive: true, force: true });
    project = undefined;
  });

  it("keeps every user when a change drops the users and the package together, until the package is back", async () => {
    project = mkdtempSync(join(tmpdir(), "wpengine-dropped-package-"));
    await installProject(project);
    sc = await Scenario.open("users and package dropped in one change", { projectDir: project });
    const s = sc.s;
    await sc.declare({ users: members("dropped", 3) });
    await s.up();
    const ids = resourcesOf(await s.deployment(), "AccountUser").map((r) => String(r.id));
    assert.equal(ids.length, 3);

    // The change: the program no longer declares users nor requires the package, which is uninstalled.
    writeFileSync(join(project, "index.js"), "module.exports = {};\n");
    rmSync(join(project, "node_modules/pulumi-wpengine"), { recursive: true, force: true });
    await sc.declare({ users: [] });
    // The stored shim is a require of the package's module: loading it fails before the runtime
    // caches anything, so every operation fails (none is answered as done) and names the module.
    const missing = /Cannot find module 'pulumi-wpengine\/dist\/sdk\/shims\/AccountUser\.js'/;
    const message = await sc.failure("up without the package", s.up());
    await nothingForgotten(sc, ids, "the failed up");
    assert.match(message, missing, "up names the missing package");
    const destroyed = await sc.failure("destroy without the package", s.destroy());
    await nothingForgotten(sc, ids, "the failed destroy");
    assert.match(destroyed, missing, "destroy names the missing package");

    // The fix the message names: reinstall the package; the same change now removes the users.
    await installProject(project);
    await s.up();
    await sc.converge();
  });

  it("fails every command loudly when no password is configured anywhere, and removes nobody", async () => {
    sc = await Scenario.open("no credentials in config or environment", { credentialsFromEnv: true });
    const s = sc.s;
    await sc.declare({ users: members("nocreds", 3) });
    await s.up();
    const ids = resourcesOf(await s.deployment(), "AccountUser").map((r) => String(r.id));
    assert.equal(ids.length, 3);

    const env = s.stack.workspace.envVars;
    const password = String(env.WPENGINE_API_PASSWORD);
    delete env.WPENGINE_API_PASSWORD;
    const missing = /wpengine:apiPassword.*WPENGINE_API_PASSWORD/s;
    const users = members("nocreds", 3);
    await sc.declare({ users: [] });
    const up = await sc.failure("up removing the users", s.up());
    await nothingForgotten(sc, ids, "the failed up");
    loud(up, "up", missing);
    const destroyed = await sc.failure("destroy", s.destroy());
    await nothingForgotten(sc, ids, "the failed destroy");
    loud(destroyed, "destroy", missing);
    await sc.declare({ users });
    const refreshed = await sc.failure("refresh", s.refresh());
    await nothingForgotten(sc, ids, "the failed refresh");
    loud(refreshed, "refresh", missing);
    loud(await sc.failure("preview", s.preview()), "preview", missing);
    await sc.declare({ users: [] });

    env.WPENGINE_API_PASSWORD = password;
    await s.up();
    await sc.converge();
  });
});
