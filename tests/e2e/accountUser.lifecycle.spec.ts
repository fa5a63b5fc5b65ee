import assert from "node:assert/strict";
import { SEED_IDS } from "../../emulator";
import { type E2EStack, occurrences, openStack, resourcesOf, secretForms } from "./harness";

interface StoredUser {
  email: string;
  roles: string;
}

async function usersIn(s: E2EStack, accountId: string): Promise<StoredUser[]> {
  const res = await fetch(`${s.emulator.baseUrl}/accounts/${accountId}/account_users`, {
    headers: {
      authorization: `Basic ${Buffer.from(`${s.emulator.apiUserId}:${s.emulator.apiPassword}`).toString("base64")}`,
    },
  });
  return ((await res.json()) as { results: StoredUser[] }).results;
}

describe("AccountUser through the real Pulumi CLI (walking skeleton)", function () {
  this.timeout(600_000);
  let s: E2EStack;
  const email = "skeleton.user@example.com";

  before(async () => {
    s = await openStack({ program: "team" });
    await s.setTestConfig("users", [
      {
        name: "skeleton",
        args: {
          accountId: SEED_IDS.mainAccountId,
          email,
          firstName: "Skel",
          lastName: "Eton",
          roles: "full",
        },
      },
    ]);
  });
  after(async () => s?.dispose());
  /** The fixture of every test after the first: the user created (a no-op `up` when it already is). */
  const created = async () => {
    await s.up();
  };

  it("creates the user in WP Engine on up", async () => {
    const res = await s.up();
    assert.equal(res.summary.result, "succeeded");
    const users = await usersIn(s, SEED_IDS.mainAccountId);
    assert.ok(
      users.some((u) => u.email === email),
      "the emulator holds the new user",
    );
  });

  it("shows no changes on a second preview", async () => {
    await created();
    const res = await s.preview({ expectNoChanges: true });
    assert.equal(res.changeSummary.create ?? 0, 0);
    assert.equal(res.changeSummary.update ?? 0, 0);
  });

  it("keeps the user on refresh", async () => {
    await created();
    await s.refresh();
    const found = resourcesOf(await s.deployment(), "AccountUser");
    assert.equal(found.length, 1);
    assert.equal(found[0]?.outputs?.email, email);
  });

  it("writes neither the password nor an Authorization header into the state or the CLI output", async () => {
    await created();
    const state = await s.stateText();
    const output = s.output.join("");
    for (const secret of secretForms(s.emulator)) {
      assert.equal(occurrences(state, secret), 0, "secret found in state");
      assert.equal(occurrences(output, secret), 0, "secret found in CLI output");
    }
    assert.doesNotMatch(state, /authorization/i);
    const provider = String(resourcesOf(await s.deployment(), "AccountUser")[0]?.inputs?.__provider);
    assert.match(
      provider,
      /require\("pulumi-wpengine\/dist\/sdk\/shims\/AccountUser\.js"\)/,
      "the shim is a require of the installed package's module for the kind",
    );
    assert.ok(provider.length < 512, `__provider is a thin shim (${provider.length} bytes)`);
    assert.doesNotMatch(provider, /got|WpEngineClient/, "no client is captured in the state");
  });

  it("removes the user from WP Engine on destroy", async () => {
    await created();
    await s.destroy();
    const users = await usersIn(s, SEED_IDS.mainAccountId);
    assert.ok(!users.some((u) => u.email === email), "the user is gone from the emulator");
  });
});
