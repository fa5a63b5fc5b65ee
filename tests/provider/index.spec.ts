import assert from "node:assert/strict";
import type * as pulumi from "@pulumi/pulumi";
import { SEED_IDS } from "../../emulator";
import { ConfigurationError } from "../../provider/client/errors";
import { AccountUserProvider, BackupProvider, createProvider } from "../../provider/index";
import { clearRequests, requestCounts, stackConfig, useEmulator, withEnv } from "./support";

describe("createProvider", () => {
  const ctx = useEmulator();

  /** The stack config that points at the test emulator. */
  function emulatorConfig(): pulumi.dynamic.Config {
    return stackConfig({
      "wpengine:apiUrl": ctx.emu.baseUrl,
      "wpengine:apiUserId": ctx.emu.apiUserId,
      "wpengine:apiPassword": ctx.emu.apiPassword,
    });
  }

  it("builds an AccountUser provider and a Backup provider", () => {
    withEnv({}, () => {
      assert.ok(createProvider("AccountUser", emulatorConfig()) instanceof AccountUserProvider);
      assert.ok(createProvider("Backup", emulatorConfig()) instanceof BackupProvider);
    });
  });

  it("makes no request while building; the providers reach the configured API when used", async () => {
    await clearRequests(ctx.emu);
    let users: pulumi.dynamic.ResourceProvider | undefined;
    let backups: pulumi.dynamic.ResourceProvider | undefined;
    withEnv({}, () => {
      users = createProvider("AccountUser", emulatorConfig());
      backups = createProvider("Backup", emulatorConfig());
    });
    assert.deepEqual(await requestCounts(ctx.emu), {});
    assert.ok(users?.read && backups?.read);
    const user = await users.read(SEED_IDS.fullUserId, { accountId: SEED_IDS.mainAccountId });
    assert.equal(user.id, SEED_IDS.fullUserId);
    const backup = await backups.read(SEED_IDS.completedBackupId, { installId: SEED_IDS.torquemagInstallId });
    assert.equal(backup.id, SEED_IDS.completedBackupId);
    assert.equal((backup.props as Record<string, unknown>).status, "completed");
  });

  it("takes the connection from the environment when the stack config has none", async () => {
    let provider: pulumi.dynamic.ResourceProvider | undefined;
    withEnv(
      {
        WPENGINE_API_URL: ctx.emu.baseUrl,
        WPENGINE_API_USER_ID: ctx.emu.apiUserId,
        WPENGINE_API_PASSWORD: ctx.emu.apiPassword,
      },
      () => {
        provider = createProvider("AccountUser", undefined);
      },
    );
    assert.ok(provider?.read);
    const user = await provider.read(SEED_IDS.fullUserId, { accountId: SEED_IDS.mainAccountId });
    assert.equal(user.id, SEED_IDS.fullUserId);
  });

  it("fails early, before any request, when the password is missing", async () => {
    await clearRequests(ctx.emu);
    withEnv({}, () => {
      for (const kind of ["AccountUser", "Backup"] as const) {
        assert.throws(
          () =>
            createProvider(
              kind,
              stackConfig({ "wpengine:apiUrl": ctx.emu.baseUrl, "wpengine:apiUserId": ctx.emu.apiUserId }),
            ),
          (err: Error) =>
            err instanceof ConfigurationError &&
            /wpengine:apiPassword/.test(err.message) &&
            /WPENGINE_API_PASSWORD/.test(err.message),
        );
      }
    });
    assert.deepEqual(await requestCounts(ctx.emu), {});
  });

  it("fails early on a plain http:// URL to a remote host", () => {
    withEnv({}, () => {
      assert.throws(
        () =>
          createProvider(
            "Backup",
            stackConfig({
              "wpengine:apiUrl": "http://api.wpengineapi.com/v1",
              "wpengine:apiUserId": "u",
              "wpengine:apiPassword": "p",
            }),
          ),
        (err: Error) => err instanceof ConfigurationError && /plain http:\/\//.test(err.message),
      );
    });
  });

  describe("a state written with another version's shim", () => {
    const completed = {
      installId: SEED_IDS.torquemagInstallId,
      description: "before the deploy",
      notificationEmails: ["ops@example.com"],
      backupId: SEED_IDS.completedBackupId,
      status: "completed",
      requestedAt: "2026-01-01T00:00:00.000Z",
      completedAt: "2026-01-01T00:05:00.000Z",
    };
    const inputs = {
      installId: completed.installId,
      description: completed.description,
      notificationEmails: completed.notificationEmails,
    };
    const backups = () => {
      let p: pulumi.dynamic.ResourceProvider | undefined;
      withEnv({}, () => {
        p = createProvider("Backup", emulatorConfig());
      });
      assert.ok(p?.diff && p.update);
      return p as Required<pulumi.dynamic.ResourceProvider>;
    };

    it("shows an in-place update (never a replace) so that the next up records the current shim", async () => {
      const result = await backups().diff(
        completed.backupId,
        { ...completed, __provider: "exports.handler = /* 0.1.0 shim */ 1" },
        { ...inputs, __provider: "exports.handler = /* current shim */ 2" },
      );
      assert.equal(result.changes, true);
      assert.deepEqual(result.replaces, []);
    });

    it("shows no change when the shim is the current one and nothing else changed", async () => {
      const shim = "exports.handler = /* current shim */ 2";
      const result = await backups().diff(
        completed.backupId,
        { ...completed, __provider: shim },
        { ...inputs, __provider: shim },
      );
      assert.equal(result.changes, false);
    });

    it("keeps the provider's own replaces", async () => {
      const result = await backups().diff(
        completed.backupId,
        { ...completed, __provider: "old" },
        { ...inputs, triggers: { release: "another" }, __provider: "new" },
      );
      assert.deepEqual(result.replaces, ["triggers"]);
    });

    it("rewrites the shim of a completed backup without any API call", async () => {
      await clearRequests(ctx.emu);
      const result = await backups().update(
        completed.backupId,
        { ...completed, __provider: "old" },
        { ...inputs, __provider: "new" },
      );
      assert.equal((result.outs as Record<string, unknown>).backupId, completed.backupId);
      assert.deepEqual(await requestCounts(ctx.emu), {});
    });
  });
});
