/**
 * Shared setup for the client tests: one in-process emulator per spec file, reset before every
 * test, plus small helpers for its control plane. Retry delays are tiny so tests stay fast.
 */
import { inspect } from "node:util";
import { profileFromEnv, type RunningEmulator, startEmulator } from "../../emulator";
import { WpEngineClient, type WpEngineClientOptions } from "../../provider/client";
import type { RetryOptions } from "../../provider/client/retry";

/** A password with characters that change under encodings, so every spelling is exercised. */
export const API_PASSWORD = "pw-Zx9!q7#Secret+Value/==";
export const API_USER_ID = "3c1f9a2e-7b4d-4e8a-9c6f-2d5e8b1a7f30";

/** The base64 basic-auth token for the credentials above. */
export const BASIC_TOKEN = Buffer.from(`${API_USER_ID}:${API_PASSWORD}`).toString("base64");

/** Tiny delays: retries happen, tests do not wait. */
export const FAST_RETRY: Partial<RetryOptions> = { baseDelayMs: 1, maxDelayMs: 20, budgetMs: 10_000 };

/** One emulator for a `describe` block; `ctx.emu` is set in `before`, reset before each test. */
export function useEmulator(): { emu: RunningEmulator } {
  const ctx = {} as { emu: RunningEmulator };
  before(async () => {
    ctx.emu = await startEmulator({
      port: 0,
      apiUserId: API_USER_ID,
      apiPassword: API_PASSWORD,
      quiet: true,
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

/** A client for the emulator with fast retries. */
export function clientFor(emu: RunningEmulator, options: WpEngineClientOptions = {}): WpEngineClient {
  return new WpEngineClient(
    { apiUrl: emu.baseUrl, apiUserId: emu.apiUserId, apiPassword: emu.apiPassword },
    { ...options, retry: { ...FAST_RETRY, ...options.retry } },
  );
}

import { control } from "../support/control";

export { control };

/** A fault spec as the emulator takes it. */
export interface Fault {
  method?: string;
  path: string;
  status?: number;
  retryAfter?: string | number;
  body?: unknown;
  reset?: boolean;
  afterProcessing?: boolean;
  count?: number;
  every?: number;
  latencyMs?: number;
}

/** Injects a fault. */
export async function fault(emu: RunningEmulator, spec: Fault): Promise<void> {
  await control(emu, "POST", "/faults", spec);
}

interface LogView {
  requests: {
    method: string;
    path: string;
    query: string;
    route: string;
    status: number;
    faulted?: string;
  }[];
  counts: Record<string, number>;
}

/** The emulator's request log. */
export async function requestLog(emu: RunningEmulator): Promise<LogView> {
  return (await control(emu, "GET", "/requests")) as LogView;
}

/** How many requests the emulator logged for a route, e.g. `"GET /sites"`. */
export async function countOf(emu: RunningEmulator, route: string): Promise<number> {
  return (await requestLog(emu)).counts[route] ?? 0;
}

/** Total API requests the emulator saw. */
export async function totalRequests(emu: RunningEmulator): Promise<number> {
  return (await requestLog(emu)).requests.length;
}

/** Runs `fn` and returns what it threw; fails when it does not throw. */
export async function caught(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  throw new Error("expected the call to throw, but it succeeded");
}

/** Every view of an error a log or a Pulumi diagnostic could show. */
export function errorViews(err: unknown): Record<string, string> {
  const e = err as Error & { cause?: unknown };
  return {
    message: String(e.message),
    stack: String(e.stack),
    json: JSON.stringify(err),
    inspect: inspect(err, { depth: 10, showHidden: true }),
    cause: String(e.cause),
    causeInspect: inspect(e.cause, { depth: 10, showHidden: true }),
    string: String(err),
  };
}

/** Throws when any view of `err` contains one of `secrets`. */
export function assertNoSecrets(err: unknown, secrets: readonly string[]): void {
  for (const [view, text] of Object.entries(errorViews(err))) {
    for (const secret of secrets) {
      if (text.includes(secret)) {
        throw new Error(
          `the error's ${view} contains a credential (${secret.slice(0, 3)}…): ${text.slice(0, 400)}`,
        );
      }
    }
  }
}
