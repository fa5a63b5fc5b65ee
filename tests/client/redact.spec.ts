import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { SEED_IDS, SEED_OWNER_EMAIL } from "../../emulator";
import { WpEngineClient } from "../../provider/client";
import { basicAuthSecrets, REDACTED, redact } from "../../provider/client/redact";
import {
  API_PASSWORD,
  assertNoSecrets,
  BASIC_TOKEN,
  caught,
  clientFor,
  FAST_RETRY,
  fault,
  useEmulator,
} from "./helpers";

describe("redaction", () => {
  it("scrubs the password, the base64 token and the Basic header from text", () => {
    const secrets = basicAuthSecrets("user-1", "p@ss word");
    const token = Buffer.from("user-1:p@ss word").toString("base64");
    const text = `authorization: Basic ${token}; password=p@ss word; url=p%40ss%20word; raw=${token}`;
    const out = redact(text, secrets);
    assert.equal(out, `authorization: ${REDACTED}; password=${REDACTED}; url=${REDACTED}; raw=${REDACTED}`);
  });

  it("leaves text without secrets alone", () => {
    assert.equal(redact("nothing to see", ["secret"]), "nothing to see");
    assert.equal(redact("empty secrets are ignored", [""]), "empty secrets are ignored");
  });

  it("detects a leak when there is one (the check below can fail)", () => {
    const leaky = new Error(`failed with Basic ${BASIC_TOKEN}`);
    assert.throws(() => assertNoSecrets(leaky, [BASIC_TOKEN]), /contains a credential/);
  });

  describe("no error kind carries the credentials", () => {
    const ctx = useEmulator();
    const secrets = [API_PASSWORD, BASIC_TOKEN, encodeURIComponent(API_PASSWORD)];

    it("401 with a wrong password", async () => {
      const wrong = `${API_PASSWORD}-but-wrong`;
      const client = new WpEngineClient(
        { apiUrl: ctx.emu.baseUrl, apiUserId: ctx.emu.apiUserId, apiPassword: wrong },
        { retry: FAST_RETRY },
      );
      const err = await caught(() => client.getCurrentUser());
      assert.equal((err as Error).name, "AuthenticationError");
      assertNoSecrets(err, [wrong, Buffer.from(`${ctx.emu.apiUserId}:${wrong}`).toString("base64")]);
    });

    it("400 from the API", async () => {
      const client = clientFor(ctx.emu);
      const err = await caught(() =>
        client.createAccountUser(SEED_IDS.mainAccountId, {
          firstName: "A",
          lastName: "B",
          email: SEED_OWNER_EMAIL,
          roles: "full",
        }),
      );
      assert.equal((err as Error).name, "BadRequestError");
      assertNoSecrets(err, secrets);
    });

    it("a refused connection", async () => {
      const port = await closedPort();
      const client = new WpEngineClient(
        { apiUrl: `http://127.0.0.1:${port}/v1`, apiUserId: ctx.emu.apiUserId, apiPassword: API_PASSWORD },
        { retry: { ...FAST_RETRY, maxRetries: 1 } },
      );
      const err = await caught(() => client.getCurrentUser());
      assert.equal((err as { code?: string }).code, "ECONNREFUSED");
      assertNoSecrets(err, secrets);
    });

    it("a dropped connection and the ambiguous write it causes", async () => {
      await fault(ctx.emu, { method: "POST", path: "/backups$", reset: true });
      const client = clientFor(ctx.emu);
      const err = await caught(() =>
        client.createBackup(SEED_IDS.torquemagInstallId, {
          description: "d",
          notificationEmails: ["a@b.co"],
        }),
      );
      assert.equal((err as Error).name, "AmbiguousWriteError");
      assertNoSecrets(err, secrets);
    });

    it("a timeout", async () => {
      await fault(ctx.emu, { path: "^/v1/user$", latencyMs: 300 });
      const client = clientFor(ctx.emu, { timeoutMs: 50, retry: { maxRetries: 0 } });
      const err = await caught(() => client.getCurrentUser());
      assert.equal((err as Error).name, "ApiTimeoutError");
      assertNoSecrets(err, secrets);
    });

    it("a response that fails validation", async () => {
      await fault(ctx.emu, { path: "^/v1/user$", status: 200, body: { unexpected: true } });
      const err = await caught(() => clientFor(ctx.emu).getCurrentUser());
      assert.equal((err as Error).name, "ResponseValidationError");
      assertNoSecrets(err, secrets);
    });

    it("an API message that echoes the credentials back", async () => {
      // A misbehaving proxy could quote the request's Authorization header in its error.
      await fault(ctx.emu, {
        path: "^/v1/user$",
        status: 400,
        body: {
          message: `rejected header Basic ${BASIC_TOKEN}`,
          errors: [{ resource: "auth", field: "password", type: "t", code: "c", message: API_PASSWORD }],
        },
      });
      const err = await caught(() => clientFor(ctx.emu).getCurrentUser());
      assert.equal((err as Error).name, "BadRequestError");
      assertNoSecrets(err, secrets);
    });

    it("does not keep the credentials anywhere util.inspect can see on the client", () => {
      const client = clientFor(ctx.emu);
      const text = inspect(client, { depth: 10, showHidden: true });
      for (const s of secrets) assert.ok(!text.includes(s));
    });
  });
});

async function closedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
