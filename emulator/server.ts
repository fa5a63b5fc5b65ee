/**
 * `startEmulator`: a real HTTP server (node:http only) that serves the API under `/v1` and the control
 * plane under `/__emulator`, with latency and faults applied to API requests only.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { API_BODY_LIMIT, type Credentials, dispatchApi, routeNameFor } from "./api";
import { CONTROL_BODY_LIMIT, CONTROL_PREFIX, dispatchControl, isLoopbackAddress } from "./control";
import { describeFault, type Fault } from "./faults";
import { message, type Reply, readBody, splitTarget, writeReply } from "./http";
import type { BackupSchedule, Seed } from "./model";
import { type EmulatorProfile, MINIMAL_RETRY_AFTER_SECONDS } from "./profile";
import { defaultSeed } from "./seed";
import { EmulatorStore } from "./store";

/** How to start an emulator. Everything is optional. */
export interface EmulatorOptions {
  /** Interface to listen on; default `127.0.0.1`. */
  host?: string;
  /** Port; default 0 (a free port). */
  port?: number;
  /** The API user id the emulator accepts; default {@link DEFAULT_API_USER_ID}. */
  apiUserId?: string;
  /** The password the emulator accepts; random when absent. */
  apiPassword?: string;
  /** Starting state; default `defaultSeed()`. `POST /__emulator/reset` returns to it. */
  seed?: Seed;
  /** Delay before every API answer, in ms (not the control plane). */
  latencyMs?: number;
  /** How backups progress; default `{mode: "reads", initiatedAfterReads: 1, completedAfterReads: 2}`. */
  backupSchedule?: BackupSchedule;
  /** Answer profile (see `profile.ts`); default `default`. Also `POST /__emulator/config {profile}`. */
  profile?: EmulatorProfile;
  /**
   * Refuse to delete or demote an account's last owner (a rule the contract does not document);
   * default: on for the `default` profile, off for `minimal`. Also `POST /__emulator/config`.
   */
  enforceLastOwner?: boolean;
  /** Do not report unexpected errors (bugs) on stderr. */
  quiet?: boolean;
}

/** A started emulator. */
export interface RunningEmulator {
  /** API base URL, e.g. `http://127.0.0.1:PORT/v1`. */
  baseUrl: string;
  /** `http://127.0.0.1:PORT`. */
  origin: string;
  /** Control-plane URL: `origin + "/__emulator"`. */
  controlUrl: string;
  apiUserId: string;
  apiPassword: string;
  /** The emulator's state, for in-process inspection and manipulation. */
  store: EmulatorStore;
  /** Stops listening and destroys open sockets, so tests never hang on keep-alive connections. */
  close(): Promise<void>;
}

/** The API user id accepted when none is given. */
export const DEFAULT_API_USER_ID = "8f6d2c1a-5b4e-4c3d-9a2f-1e0d9c8b7a60";

/** Longest request target served; longer ones answer 414 (real gateways refuse them too). */
export const MAX_TARGET_LENGTH = 2048;

/** Hard cap on bytes read from one request: past it the socket is destroyed. */
const DRAIN_CAP = 64 * 1024 * 1024;

/** Chooses the origin for absolute links from the Host header, falling back to the listening address. */
function originOf(req: IncomingMessage, fallback: string): string {
  const host = req.headers.host;
  return host && /^[A-Za-z0-9.\-[\]:]{1,255}$/.test(host) ? `http://${host}` : fallback;
}

/** Starts an emulator and resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const store = new EmulatorStore({
    seed: options.seed ?? defaultSeed(),
    latencyMs: options.latencyMs ?? 0,
    backupSchedule: options.backupSchedule,
    ...(options.profile === undefined ? {} : { profile: options.profile }),
    ...(options.enforceLastOwner === undefined ? {} : { enforceLastOwner: options.enforceLastOwner }),
  });
  const credentials: Credentials = {
    apiUserId: options.apiUserId ?? DEFAULT_API_USER_ID,
    apiPassword: options.apiPassword ?? randomBytes(18).toString("base64url"),
  };
  const host = options.host ?? "127.0.0.1";
  const sockets = new Set<Socket>();
  const stopping = new AbortController();
  let origin = "";

  const report = (error: unknown) => {
    if (!options.quiet) console.error("wpengine-emulator: unexpected error:", error);
  };

  const delay = (ms: number) =>
    ms > 0 ? sleep(ms, undefined, { signal: stopping.signal }) : Promise.resolve();

  async function handleControl(req: IncomingMessage, res: ServerResponse, segments: string[]): Promise<void> {
    if (!isLoopbackAddress(req.socket.remoteAddress)) {
      writeReply(res, message(403, "The control plane only answers loopback clients."));
      return;
    }
    const body = await readBody(req, CONTROL_BODY_LIMIT, DRAIN_CAP);
    if (!body.ok && body.reason === "aborted") return;
    const reply = dispatchControl(store, {
      method: req.method ?? "GET",
      segments,
      body: body.ok ? body.data.toString("utf8") : "too_large",
    });
    writeReply(res, reply);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
    const method = req.method ?? "GET";
    const target = req.url ?? "/";
    const at = new Date().toISOString();
    const split = target.length > MAX_TARGET_LENGTH ? null : splitTarget(target);
    const pathname = split?.pathname ?? target.split("?")[0] ?? "";
    const query = split ? split.query.toString() : "";
    const log = (route: string, status: number, fault?: Fault) => {
      store.requests.add({
        method,
        path: pathname.slice(0, MAX_TARGET_LENGTH),
        query: query.slice(0, MAX_TARGET_LENGTH),
        route,
        status,
        ...(fault ? { faulted: describeFault(fault) } : {}),
        at,
        requestId,
      });
    };

    const fault = store.faults.pick(method, pathname);
    if (fault?.latencyMs) await delay(fault.latencyMs);
    if (fault?.reset) {
      log(split ? routeNameFor(method, split.segments) : `${method} (unmatched)`, 0, fault);
      req.socket.destroy();
      return;
    }
    const body = await readBody(req, API_BODY_LIMIT, DRAIN_CAP);
    if (!body.ok && body.reason === "aborted") return;

    if (fault?.status !== undefined) {
      // A status fault answers instead of the API: nothing is processed, only the route is named.
      const headers: Record<string, string> = {};
      if (fault.retryAfter !== undefined) headers["retry-after"] = String(fault.retryAfter);
      else if (fault.status === 429 && store.config.profile === "minimal") {
        // The minimal profile's rate limit asks for minutes, as a real gateway may.
        headers["retry-after"] = String(MINIMAL_RETRY_AFTER_SECONDS);
      }
      const faultBody =
        fault.body === undefined
          ? { message: `Simulated ${fault.status}` }
          : fault.body === null
            ? undefined
            : fault.body;
      log(split ? routeNameFor(method, split.segments) : `${method} (unmatched)`, fault.status, fault);
      writeReply(res, { status: fault.status, body: faultBody, headers });
      return;
    }

    let reply: Reply;
    let route: string;
    if (split === null) {
      reply =
        target.length > MAX_TARGET_LENGTH
          ? message(414, "The request URI is too long.")
          : message(400, "The request path is not valid.");
      route = `${method} (unmatched)`;
    } else {
      const outcome = dispatchApi(store, credentials, {
        method,
        pathname,
        segments: split.segments,
        query: split.query,
        authorization: req.headers.authorization,
        body: body.ok ? body.data : "too_large",
        origin: originOf(req, origin),
      });
      if (outcome.error !== undefined) report(outcome.error);
      reply = outcome.reply;
      route = outcome.route;
    }
    if (fault?.afterProcessing) {
      // The "ambiguous create": state changed, but the client never learns the outcome.
      log(route, 0, fault);
      req.socket.destroy();
      return;
    }
    await delay(store.config.latencyMs);
    log(route, reply.status, fault);
    writeReply(res, reply);
  }

  const server = createServer((req, res) => {
    const requestId = randomUUID();
    res.setHeader("x-request-id", requestId);
    const target = req.url ?? "/";
    const work =
      target === CONTROL_PREFIX || target.startsWith(`${CONTROL_PREFIX}/`)
        ? handleControl(req, res, (splitTarget(target)?.segments ?? []).slice(1))
        : handleApi(req, res, requestId);
    work.catch((error: unknown) => {
      if (stopping.signal.aborted) {
        res.destroy();
        return;
      }
      report(error);
      writeReply(res, message(500, "An unexpected error occurred, please try again in a few minutes"));
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.on("clientError", (_error, socket) => {
    // Why a hand-written answer: node's parser rejected the request before any handler ran.
    if (socket.writable)
      socket.end(
        'HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n{"message":"Bad Request"}',
      );
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  origin = `http://${urlHost}:${address.port}`;

  let closed: Promise<void> | undefined;
  return {
    baseUrl: `${origin}/v1`,
    origin,
    controlUrl: `${origin}${CONTROL_PREFIX}`,
    apiUserId: credentials.apiUserId,
    apiPassword: credentials.apiPassword,
    store,
    close() {
      closed ??= new Promise<void>((resolve) => {
        stopping.abort();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
