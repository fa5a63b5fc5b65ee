/**
 * Test helpers for talking to an emulator: `fetch` with basic auth and parsed bodies, control-plane
 * calls, and raw `node:http` requests for paths `fetch` would normalize.
 */
import { request as httpRequest } from "node:http";
import { type EmulatorOptions, type RunningEmulator, startEmulator } from "../../emulator";

/** A response with its body parsed as JSON when possible. */
export interface TestResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, or the raw text when not JSON, or undefined when empty. */
  body: unknown;
  text: string;
}

/** Options of {@link TestClient.api}. */
export interface ApiCallOptions {
  /** JSON body. */
  json?: unknown;
  /** Raw body text (sent as-is, with a JSON content type). */
  raw?: string | Buffer;
  /** `false` sends no credentials; an object sends those instead of the emulator's. */
  auth?: false | { user: string; password: string };
  headers?: Record<string, string>;
}

async function toTestResponse(res: Response): Promise<TestResponse> {
  const text = await res.text();
  let body: unknown;
  if (text !== "") {
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      body = text;
    }
  }
  return { status: res.status, headers: res.headers, body, text };
}

/** Basic auth header value. */
export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
}

/** A thin client bound to one running emulator. */
export class TestClient {
  constructor(readonly emulator: RunningEmulator) {}

  /** Calls the API. `path` is relative to `/v1` (e.g. `/sites?limit=1`) or an absolute URL. */
  async api(method: string, path: string, options: ApiCallOptions = {}): Promise<TestResponse> {
    const url = path.startsWith("http") ? path : `${this.emulator.baseUrl}${path}`;
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.auth !== false) {
      const creds = options.auth ?? { user: this.emulator.apiUserId, password: this.emulator.apiPassword };
      headers.authorization = basic(creds.user, creds.password);
    }
    let body: string | Buffer | undefined;
    if (options.json !== undefined) body = JSON.stringify(options.json);
    if (options.raw !== undefined) body = options.raw;
    if (body !== undefined) headers["content-type"] = "application/json";
    return toTestResponse(await fetch(url, { method, headers, body }));
  }

  /** Calls the control plane, e.g. `control("POST", "/reset")`. */
  async control(method: string, path: string, json?: unknown): Promise<TestResponse> {
    const init: RequestInit = { method };
    if (json !== undefined) {
      init.body = JSON.stringify(json);
      init.headers = { "content-type": "application/json" };
    }
    return toTestResponse(await fetch(`${this.emulator.controlUrl}${path}`, init));
  }
}

/** A raw response from {@link rawRequest}. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * Sends a request with the exact target given (no URL normalization), for odd-path tests. Rejects
 * when the server drops the connection.
 */
export function rawRequest(
  origin: string,
  method: string,
  target: string,
  headers: Record<string, string> = {},
  body?: string | Buffer,
): Promise<RawResponse> {
  const url = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method,
        path: target,
        headers: { connection: "close", ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** Starts a quiet emulator with known credentials (plus any options) and a client for it. */
export async function startTestEmulator(
  options: EmulatorOptions = {},
): Promise<{ emulator: RunningEmulator; client: TestClient }> {
  const emulator = await startEmulator({
    apiUserId: "test-user",
    apiPassword: "test-password",
    quiet: true,
    ...options,
  });
  return { emulator, client: new TestClient(emulator) };
}

/** The emulator and client of one `describe`, filled in by the hooks of {@link useTestEmulator}. */
export interface TestEmulator {
  emulator: RunningEmulator;
  client: TestClient;
}

/**
 * Registers the mocha hooks every HTTP suite needs: start a test emulator before the suite, reset its
 * store before each test, close it after. Returns the context the hooks fill in.
 */
export function useTestEmulator(options: EmulatorOptions = {}): TestEmulator {
  const ctx = {} as TestEmulator;
  before(async () => {
    Object.assign(ctx, await startTestEmulator(options));
  });
  after(() => ctx.emulator.close());
  beforeEach(() => ctx.emulator.store.reset());
  return ctx;
}

/** Narrows a JSON body to an object, failing the test when it is not one. */
export function obj(value: unknown): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error(`expected a JSON object, got ${JSON.stringify(value)}`);
  }
  return value as Record<string, unknown>;
}

/** Narrows a JSON value to an array of objects. */
export function objs(value: unknown): Record<string, unknown>[] {
  if (!Array.isArray(value)) throw new Error(`expected a JSON array, got ${JSON.stringify(value)}`);
  return value.map(obj);
}

/** The main account's account_users path. */
export function usersPath(accountId: string, userId?: string): string {
  return `/accounts/${accountId}/account_users${userId === undefined ? "" : `/${userId}`}`;
}
