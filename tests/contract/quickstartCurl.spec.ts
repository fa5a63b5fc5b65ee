/**
 * The quick start guide's six requests sent with curl, exactly as the guide writes them (base URL
 * swapped for the emulator's), answering the shapes the guide shows.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { SEED_IDS } from "../../emulator";
import { obj, objs, useTestEmulator } from "../emulator/client";

describe("contract: the quick start's curl commands against the emulator", () => {
  const t = useTestEmulator();
  // Asynchronous: the emulator runs in this process and must keep serving while curl waits.
  const curl = async (...args: string[]) => {
    const { stdout: out } = await promisify(execFile)(
      "curl",
      ["-s", "-m", "20", "-w", "\n%{http_code}", ...args],
      {
        encoding: "utf8",
      },
    );
    const cut = out.lastIndexOf("\n");
    return { status: Number(out.slice(cut + 1)), body: JSON.parse(out.slice(0, cut)) as unknown };
  };
  const auth = () => `${t.emulator.apiUserId}:${t.emulator.apiPassword}`;
  const keys = (v: unknown) => Object.keys(obj(v)).sort();

  it("answers each step with the status and the fields the guide shows", async () => {
    const base = t.emulator.baseUrl;
    const sites = await curl("-X", "GET", `${base}/sites`, "-u", auth());
    assert.equal(sites.status, 200);
    assert.deepEqual(keys(sites.body), ["count", "next", "previous", "results"]);
    const torque = objs(obj(sites.body).results).find((s) => s.id === SEED_IDS.torqueSiteId);
    assert.equal(torque?.name, "Torque Magazine");

    const site = await curl("-X", "GET", `${base}/sites/${SEED_IDS.torqueSiteId}`, "-u", auth());
    assert.equal(site.status, 200);
    assert.deepEqual(obj(site.body).account, { id: SEED_IDS.mainAccountId });

    const installs = await curl("-X", "GET", `${base}/installs`, "-u", auth());
    assert.equal(installs.status, 200);
    const torquemag = objs(obj(installs.body).results).find((i) => i.id === SEED_IDS.torquemagInstallId);
    assert.equal(torquemag?.name, "torquemag");
    assert.equal(torquemag?.cname, "mywebsite.wpengine.com");

    const json = ["-H", "Content-Type: application/json", "-d"];
    const backup = await curl(
      "-X",
      "POST",
      `${base}/installs/${SEED_IDS.torquemagInstallId}/backups`,
      "-u",
      auth(),
      ...json,
      JSON.stringify({
        description: "Quick start backup example",
        notification_emails: ["your-email@example.com"],
      }),
    );
    assert.equal(backup.status, 202);
    assert.deepEqual(keys(backup.body), ["id", "status"]);
    assert.equal(obj(backup.body).status, "requested");

    const user = await curl(
      "-X",
      "POST",
      `${base}/accounts/${SEED_IDS.mainAccountId}/account_users`,
      "-u",
      auth(),
      ...json,
      JSON.stringify({
        user: {
          account_id: SEED_IDS.mainAccountId,
          first_name: "John",
          last_name: "Doe",
          email: "john.doe@example.com",
          roles: "partial",
        },
      }),
    );
    assert.equal(user.status, 201);
    assert.equal(obj(user.body).message, "Your change was successful.");
    const created = obj(obj(user.body).account_user);
    for (const k of [
      "user_id",
      "account_id",
      "first_name",
      "last_name",
      "email",
      "phone",
      "invite_accepted",
      "mfa_enabled",
      "roles",
    ]) {
      assert.ok(k in created, `account_user.${k}`);
    }
    assert.equal(created.roles, "partial");

    const status = await curl(
      "-X",
      "GET",
      `${base}/installs/${SEED_IDS.torquemagInstallId}/backups/${String(obj(backup.body).id)}`,
      "-u",
      auth(),
    );
    assert.equal(status.status, 200);
    assert.deepEqual(keys(status.body), ["id", "status"]);
  });
});
