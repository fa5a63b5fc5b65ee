/**
 * Shared setup for the provider unit tests: one in-process emulator per `describe`, reset before
 * every test, a client factory built exactly as `createProvider` builds it, and small readers of the
 * emulator's control plane (request counts, state). No Pulumi engine is involved anywhere.
 */
import { inspect } from "node:util";
import type * as pulumi from "@pulumi/pulumi";
import { profileFromEnv, type RunningEmulator, startEmulator } from "../../emulator";
import { WpEngineClient } from "../../provider/client/client";
import { resolveClientConfig } from "../../provider/client/config";

/** A password with characters that change under encodings, so a leak in any spelling is caught. */
export const TEST_PASSWORD = "pw-Pr0vider!#Secret+Value/==";

/** One emulator for a `describe` block; `ctx.emu` is set in `before` and reset before each test. */
export function useEmulator(): { emu: RunningEmulator } {
  const ctx = {} as { emu: RunningEmulator };
  before(async () => {
    ctx.emu = await startEmulator({
      port: 0,
      quiet: true,
      apiPassword: TEST_PASSWORD,
      profile: profileFromEnv(),
    });
  });
  beforeEach(async () => {
    await control(ctx.emu, "POST", "/reset");
  });
  after(async () => {
    await ctx.emu?.close();
  });
  return ctx;
}

/** The client factory a provider gets, built the way `createProvider` builds it. */
export function clientFactory(emu: RunningEmulator): () => WpEngineClient {
  return () =>
    new WpEngineClient(
      resolveClientConfig({ apiUrl: emu.baseUrl, apiUserId: emu.apiUserId, apiPassword: emu.apiPassword }),
    );
}

import { control } from "../support/control";

export { control };

/** One API request as the emulator logged it. */
export interface LoggedCall {
  method: string;
  path: string;
  route: string;
  status: number;
}

/** The emulator's request log: every API call and per-route counts such as `"POST /installs/{install_id}/backups"`. */
export async function requestLog(
  emu: RunningEmulator,
): Promise<{ requests: LoggedCall[]; counts: Record<string, number> }> {
  return (await control(emu, "GET", "/requests")) as {
    requests: LoggedCall[];
    counts: Record<string, number>;
  };
}

/** Per-route request counts. */
export async function requestCounts(emu: RunningEmulator): Promise<Record<string, number>> {
  return (await requestLog(emu)).counts;
}

/** Forgets the request log, so a test counts only what follows. */
export async function clearRequests(emu: RunningEmulator): Promise<void> {
  await control(emu, "DELETE", "/requests");
}

/** Runs `fn` and returns what it threw; fails the test when it does not throw. */
export async function caught(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  throw new Error("expected the call to throw, but it succeeded");
}

/** Fails when any view of `err` a log or a Pulumi diagnostic could show contains one of `secrets`. */
export function assertNoSecrets(err: unknown, secrets: readonly string[]): void {
  const e = err as Error;
  const views = {
    message: String(e.message),
    stack: String(e.stack),
    json: JSON.stringify(err),
    inspect: inspect(err, { depth: 10, showHidden: true }),
    string: String(err),
  };
  for (const [view, text] of Object.entries(views)) {
    for (const secret of secrets) {
      if (text.includes(secret)) {
        throw new Error(
          `the error's ${view} contains a credential (${secret.slice(0, 3)}…): ${text.slice(0, 400)}`,
        );
      }
    }
  }
}

const ENV_KEYS = ["WPENGINE_API_URL", "WPENGINE_API_USER_ID", "WPENGINE_API_PASSWORD"] as const;

/** Stack config as the engine hands it to `configure` (secrets already unwrapped). */
export function stackConfig(values: Record<string, string>): pulumi.dynamic.Config {
  return {
    get: (key: string) => values[key],
    require: (key: string) => {
      const value = values[key];
      if (value === undefined) throw new Error(`missing required configuration variable '${key}'`);
      return value;
    },
  };
}

/** Runs a test with the `WPENGINE_*` variables set to exactly `values` (others removed), then restores them. */
export function withEnv(values: Partial<Record<(typeof ENV_KEYS)[number], string>>, fn: () => void): void {
  const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
  try {
    for (const k of ENV_KEYS) {
      const v = values[k];
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    fn();
  } finally {
    for (const k of ENV_KEYS) {
      const v = saved[k];
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
