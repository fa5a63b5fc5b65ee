import assert from "node:assert/strict";
import { type RunningEmulator, SEED_IDS, SEED_OWNER_EMAIL, startEmulator } from "../../emulator";
import { WpEngineClient } from "../../provider/client/client";
import { resolveClientConfig } from "../../provider/client/config";
import { AccountUserProvider } from "../../provider/resources/accountUser/provider";

describe("the lockout guard of AccountUser", () => {
  let emu: RunningEmulator;
  let provider: AccountUserProvider;
  let owner: Record<string, unknown>;

  const writes = async () => {
    const { counts } = (await (await fetch(`${emu.controlUrl}/requests`)).json()) as {
      counts: Record<string, number>;
    };
    return Object.entries(counts).filter(([route]) => !route.startsWith("GET")).length;
  };

  beforeEach(async () => {
    emu = await startEmulator({ port: 0, quiet: true });
    const client = new WpEngineClient(
      resolveClientConfig({ apiUrl: emu.baseUrl, apiUserId: emu.apiUserId, apiPassword: emu.apiPassword }),
    );
    provider = new AccountUserProvider(() => client);
    const read = await provider.read(SEED_IDS.ownerUserId, { accountId: SEED_IDS.mainAccountId });
    owner = read.props as Record<string, unknown>;
  });
  afterEach(async () => emu.close());

  it("marks the seeded owner as last owner and as the API's own user on read", () => {
    assert.equal(owner.lastOwner, true);
    assert.equal(owner.isApiUser, true);
    assert.equal(owner.email, SEED_OWNER_EMAIL);
  });

  it("refuses at diff (so at preview) to demote the last owner, naming the override", async () => {
    await assert.rejects(
      provider.diff(SEED_IDS.ownerUserId, owner, { ...owner, roles: "full" }),
      /refuses to demote owner@example.com.*last owner.*allowOwnerLockout: true/s,
    );
  });

  it("refuses at diff to replace the last owner by a name change", async () => {
    await assert.rejects(
      provider.diff(SEED_IDS.ownerUserId, owner, { ...owner, firstName: "Other" }),
      /refuses to replace/,
    );
  });

  it("lets the demotion through when allowOwnerLockout is set", async () => {
    const diff = await provider.diff(SEED_IDS.ownerUserId, owner, {
      ...owner,
      roles: "full",
      allowOwnerLockout: true,
    });
    assert.equal(diff.changes, true);
    assert.deepEqual(diff.replaces, []);
  });

  it("refuses to delete the last owner before any write", async () => {
    await fetch(`${emu.controlUrl}/requests`, { method: "DELETE" });
    await assert.rejects(provider.delete(SEED_IDS.ownerUserId, owner), /refuses to remove owner@example.com/);
    assert.equal(await writes(), 0);
  });

  it("deletes a user that is no longer protected when fresh data says so", async () => {
    const stale = {
      ...owner,
      userId: SEED_IDS.fullUserId,
      email: "x@example.com",
      isApiUser: false,
      lastOwner: true,
    };
    await provider.delete(SEED_IDS.fullUserId, stale);
    const gone = await provider.read(SEED_IDS.fullUserId, { accountId: SEED_IDS.mainAccountId });
    assert.equal(gone.id, "");
  });

  it("allows an ordinary role change of an ordinary user", async () => {
    const read = await provider.read(SEED_IDS.fullUserId, { accountId: SEED_IDS.mainAccountId });
    const props = read.props as Record<string, unknown>;
    const diff = await provider.diff(SEED_IDS.fullUserId, props, { ...props, roles: "partial" });
    assert.equal(diff.changes, true);
  });
});
