/**
 * Program tests under `pulumi.runtime.setMocks`: the provider is serialized but never invoked, so
 * these check what a program registers (types, inputs) and that lookups reach a real HTTP emulator.
 * They run in their own mocha process because mocks are process-wide.
 */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { type RunningEmulator, SEED_IDS, startEmulator } from "../../emulator";

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  /** The id the engine was asked to import (Pulumi's `import` option), if any. */
  importId: string | undefined;
}

const registered: Registered[] = [];

pulumi.runtime.setMocks(
  {
    newResource(args) {
      registered.push({ type: args.type, name: args.name, inputs: args.inputs, importId: args.id });
      return { id: `${args.name}-id`, state: { ...args.inputs, userId: `${args.name}-user` } };
    },
    call(args) {
      return args.inputs;
    },
  },
  "mocks-project",
  "mocks-stack",
  false,
);

// Loaded after setMocks so that resources register against the mock monitor.
import sdk = require("../../sdk");

function settled<T>(o: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => o.apply((v) => resolve(v)));
}

/** An emulator whose credentials are in the stack config before any resource is declared. */
let emulator: RunningEmulator;

before(async () => {
  emulator = await startEmulator({ port: 0, quiet: true });
  pulumi.runtime.setAllConfig(
    {
      "wpengine:apiUrl": emulator.baseUrl,
      "wpengine:apiUserId": emulator.apiUserId,
      "wpengine:apiPassword": emulator.apiPassword,
    },
    ["wpengine:apiPassword"],
  );
});
after(async () => emulator?.close());

describe("a program declaring users and backups (pulumi mocks)", () => {
  before(async () => {
    const alice = new sdk.AccountUser("alice", {
      accountId: SEED_IDS.mainAccountId,
      email: "alice@example.com",
      firstName: "Alice",
      lastName: "Liddell",
      roles: "billing, partial",
      installIds: [SEED_IDS.torquemagInstallId],
    });
    const backup = new sdk.Backup("pre-deploy", {
      installId: SEED_IDS.torquemagInstallId,
      description: "before deploy",
      notificationEmails: ["ops@example.com"],
      triggers: { gitSha: "abc123" },
    });
    await settled(alice.urn);
    await settled(backup.urn);
  });

  it("registers an AccountUser under the dynamic type token with its declared inputs", () => {
    const user = registered.find((r) => r.name === "alice");
    assert.ok(user, "alice was registered");
    assert.equal(user.type, "pulumi-nodejs:dynamic/wpengine:AccountUser");
    assert.equal(user.inputs.email, "alice@example.com");
    assert.equal(user.inputs.roles, "billing, partial");
    assert.deepEqual(user.inputs.installIds, [SEED_IDS.torquemagInstallId]);
    const provider = String(user.inputs.__provider);
    assert.match(
      provider,
      /require\("pulumi-wpengine\/dist\/provider\/index\.js"\)/,
      "a shim that loads the package",
    );
    assert.ok(provider.length < 4096, `__provider stays under 4 KB (${provider.length} bytes)`);
  });

  it("hands { import: id } to the provider as importId and never to the engine, keeping the install protected", async () => {
    const install = new sdk.Install(
      "adopted",
      { accountId: SEED_IDS.mainAccountId, name: "torquemag" },
      { import: SEED_IDS.torquemagInstallId },
    );
    await settled(install.urn);
    const r = registered.find((x) => x.name === "adopted");
    assert.ok(r, "the install was registered");
    // The mock monitor reports no import as "".
    assert.equal(
      r.importId || undefined,
      undefined,
      "the engine is not asked to import (it cannot, for dynamic resources)",
    );
    assert.equal(r.inputs.importId, SEED_IDS.torquemagInstallId);
    assert.equal(r.inputs.deletionProtection, true);
  });

  it("registers a Backup with its triggers", () => {
    const backup = registered.find((r) => r.name === "pre-deploy");
    assert.ok(backup, "the backup was registered");
    assert.equal(backup.type, "pulumi-nodejs:dynamic/wpengine:Backup");
    assert.deepEqual(backup.inputs.triggers, { gitSha: "abc123" });
    assert.deepEqual(backup.inputs.notificationEmails, ["ops@example.com"]);
  });

  it("keeps credentials out of everything registered, with the credentials already in config", () => {
    // The config holds a real password before the resources are declared (see the root `before`),
    // so a provider or SDK that captured it at declaration time would put it here.
    assert.equal(pulumi.runtime.getConfig("wpengine:apiPassword"), emulator.apiPassword);
    assert.ok(registered.length >= 2, "resources were registered");
    const token = Buffer.from(`${emulator.apiUserId}:${emulator.apiPassword}`).toString("base64");
    for (const r of registered) {
      const text = JSON.stringify(r.inputs);
      for (const secret of [emulator.apiPassword, token])
        assert.equal(text.includes(secret), false, `a credential is in the inputs of ${r.name}`);
      assert.doesNotMatch(String(r.inputs.__provider), /apiPassword\s*[:=]\s*["'][^"']+/);
    }
  });
});

describe("lookups inside a mocked program", () => {
  beforeEach(() => sdk.resetLookupCache());

  it("resolves an install by name from stack config pointed at the emulator", async () => {
    const install = await settled(sdk.getInstallOutput({ name: "torquemag" }));
    assert.equal(install.id, SEED_IDS.torquemagInstallId);
    assert.equal(install.accountId, SEED_IDS.mainAccountId);
  });

  it("serves many name lookups with one paged walk", async () => {
    // Names and the page count come from the emulator's own state, so the cache starts cold: the
    // concurrent lookups below are the first reads of this program run.
    const visible = emulator.store
      .snapshot()
      .installs.filter((i) => i.account_id !== SEED_IDS.hiddenAccountId)
      .map((i) => i.name);
    const pages = Math.ceil(visible.length / 100);
    assert.ok(pages > 1, "enough installs for several pages");
    await fetch(`${emulator.controlUrl}/requests`, { method: "DELETE" });
    const names = visible.slice(0, 20);
    const found = await Promise.all(names.map((name) => sdk.getInstall({ name })));
    assert.deepEqual(
      found.map((i) => i.name),
      names,
    );
    const log = (await (await fetch(`${emulator.controlUrl}/requests`)).json()) as {
      counts: Record<string, number>;
    };
    assert.deepEqual(log.counts, { "GET /installs": pages }, "one walk of every page, nothing else");
  });

  it("fails clearly when no install has the name", async () => {
    await assert.rejects(sdk.getInstall({ name: "nosuchinstall" }), /no install named "nosuchinstall"/);
  });

  it("looks up a site by id with its installs", async () => {
    const site = await sdk.getSite({ id: SEED_IDS.torqueSiteId });
    assert.equal(site.name, "Torque Magazine");
    assert.ok(site.installs.some((i) => i.id === SEED_IDS.torquemagInstallId));
  });
});
