import assert from "node:assert/strict";
import { SEED_IDS } from "../../emulator";
import { WpEngineClient } from "../../provider/client/client";
import { resolveClientConfig } from "../../provider/client/config";
import { AuthenticationError } from "../../provider/client/errors";
import { AccountUserProvider } from "../../provider/resources/accountUser/provider";
import { providerError } from "../../provider/resources/errors";
import { assertNoSecrets, caught, TEST_PASSWORD, useEmulator } from "./support";

const WRONG_PASSWORD = "Wr0ng-Pa55word+With/Odd=Chars";

describe("providerError", () => {
  const ctx = useEmulator();

  /** A client whose password the emulator refuses. */
  function wrongPasswordClient(): WpEngineClient {
    return new WpEngineClient(
      resolveClientConfig({
        apiUrl: ctx.emu.baseUrl,
        apiUserId: ctx.emu.apiUserId,
        apiPassword: WRONG_PASSWORD,
      }),
    );
  }

  /** Every spelling of the credentials that must never appear in an error. */
  function secrets(): string[] {
    return [
      TEST_PASSWORD,
      WRONG_PASSWORD,
      encodeURIComponent(WRONG_PASSWORD),
      Buffer.from(`${ctx.emu.apiUserId}:${WRONG_PASSWORD}`).toString("base64"),
      Buffer.from(`${ctx.emu.apiUserId}:${TEST_PASSWORD}`).toString("base64"),
    ];
  }

  it("names the resource type, the operation and the subject, and keeps the client's message", () => {
    const err = providerError(
      "Backup",
      "create",
      "install 294deacc",
      new Error("POST /installs/x/backups: 503"),
    );
    assert.equal(
      err.message,
      "wpengine:Backup create of install 294deacc failed: POST /installs/x/backups: 503",
    );
    assert.equal(err.name, "BackupCreateError");
  });

  it("accepts a thrown non-Error value and shows it as text", () => {
    const err = providerError("AccountUser", "delete", "ada@example.com", "socket hang up");
    assert.equal(err.message, "wpengine:AccountUser delete of ada@example.com failed: socket hang up");
    assert.equal(err.name, "Error");
  });

  it("wraps a client error from a refused password, keeping the API's message and never the password", async () => {
    const clientErr = await caught(() =>
      wrongPasswordClient().getAccountUser(SEED_IDS.mainAccountId, SEED_IDS.fullUserId),
    );
    assert.ok(
      clientErr instanceof AuthenticationError,
      `expected AuthenticationError, got ${String(clientErr)}`,
    );
    const wrapped = providerError("AccountUser", "read", "frank.full@example.com", clientErr);
    assert.match(wrapped.message, /^wpengine:AccountUser read of frank\.full@example\.com failed: /);
    assert.ok(wrapped.message.endsWith(clientErr.message), wrapped.message);
    assert.ok(clientErr.apiMessage, "the emulator answered a message");
    assert.ok(wrapped.message.includes(clientErr.apiMessage), wrapped.message);
    assert.match(wrapped.message, /401/);
    assert.equal(wrapped.name, "AccountUserReadError");
    assertNoSecrets(wrapped, secrets());
    assert.equal(
      (wrapped as Error & { cause?: unknown }).cause,
      undefined,
      "the client error is not attached",
    );
  });

  it("is what a provider method throws for a refused password, without the password", async () => {
    const provider = new AccountUserProvider(() => wrongPasswordClient());
    const err = await caught(() =>
      provider.update(
        SEED_IDS.fullUserId,
        { accountId: SEED_IDS.mainAccountId, email: "frank.full@example.com", roles: "full,billing" },
        {
          accountId: SEED_IDS.mainAccountId,
          email: "frank.full@example.com",
          firstName: "Frank",
          lastName: "Full",
          roles: "full",
        },
      ),
    );
    assert.ok(err instanceof Error);
    assert.match(err.message, /^wpengine:AccountUser update of frank\.full@example\.com failed: .*401/);
    assertNoSecrets(err, secrets());
  });
});
