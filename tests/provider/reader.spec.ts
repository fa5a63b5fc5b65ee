import assert from "node:assert/strict";
import { type RunningEmulator, SEED_IDS, SEED_OWNER_EMAIL, startEmulator } from "../../emulator";
import { WpEngineClient } from "../../provider/client/client";
import { resolveClientConfig } from "../../provider/client/config";
import { AccountUserReader, SNAPSHOT_TTL_MS } from "../../provider/resources/accountUser/reader";

describe("AccountUserReader (refresh coalescing)", () => {
  let emu: RunningEmulator;
  let client: WpEngineClient;
  const counts = async () =>
    ((await (await fetch(`${emu.controlUrl}/requests`)).json()) as { counts: Record<string, number> }).counts;

  before(async () => {
    emu = await startEmulator({ port: 0, quiet: true });
    client = new WpEngineClient(
      resolveClientConfig({ apiUrl: emu.baseUrl, apiUserId: emu.apiUserId, apiPassword: emu.apiPassword }),
    );
  });
  beforeEach(async () => {
    await fetch(`${emu.controlUrl}/requests`, { method: "DELETE" });
  });
  after(async () => emu.close());

  it("serves many concurrent reads of one account with one list call", async () => {
    const reader = new AccountUserReader(() => client);
    const ids = [SEED_IDS.ownerUserId, SEED_IDS.fullUserId, SEED_IDS.partialUserId];
    const users = await Promise.all(
      [...ids, ...ids, ...ids].map((id) => reader.user(SEED_IDS.mainAccountId, id)),
    );
    assert.ok(users.every((u) => u !== undefined));
    const c = await counts();
    assert.equal(c["GET /accounts/{account_id}/account_users"], 1);
    assert.equal(c["GET /accounts/{account_id}/account_users/{user_id}"], undefined);
  });

  it("answers undefined for a user the account no longer has", async () => {
    const reader = new AccountUserReader(() => client);
    assert.equal(
      await reader.user(SEED_IDS.mainAccountId, "00000000-0000-4000-8000-000000000000"),
      undefined,
    );
  });

  it("lists again after a write invalidates the account", async () => {
    const reader = new AccountUserReader(() => client);
    await reader.usersOf(SEED_IDS.mainAccountId);
    reader.invalidate(SEED_IDS.mainAccountId);
    await reader.usersOf(SEED_IDS.mainAccountId);
    assert.equal((await counts())["GET /accounts/{account_id}/account_users"], 2);
  });

  it("lists again once a settled snapshot is older than the TTL", async () => {
    let now = 1_000_000;
    const reader = new AccountUserReader(
      () => client,
      () => now,
    );
    await reader.usersOf(SEED_IDS.mainAccountId);
    now += SNAPSHOT_TTL_MS - 1;
    await reader.usersOf(SEED_IDS.mainAccountId);
    now += 2;
    await reader.usersOf(SEED_IDS.mainAccountId);
    assert.equal((await counts())["GET /accounts/{account_id}/account_users"], 2);
  });

  it("keeps one adoption view per account for the whole process, however long a create of many users lasts", async () => {
    let now = 1_000_000;
    const reader = new AccountUserReader(
      () => client,
      () => now,
    );
    assert.equal(await reader.seenInAccount(SEED_IDS.mainAccountId, SEED_OWNER_EMAIL.toUpperCase()), true);
    now += 10 * SNAPSHOT_TTL_MS;
    assert.equal(await reader.seenInAccount(SEED_IDS.mainAccountId, "nobody@example.com"), false);
    assert.equal((await counts())["GET /accounts/{account_id}/account_users"], 1, "one list, a hint only");
  });

  it("asks GET /user at most once to recognise the API's own user", async () => {
    const reader = new AccountUserReader(() => client);
    assert.equal(await reader.isApiUser(SEED_OWNER_EMAIL.toUpperCase()), true);
    assert.equal(await reader.isApiUser("someone.else@example.com"), false);
    assert.equal((await counts())["GET /user"], 1);
  });
});
