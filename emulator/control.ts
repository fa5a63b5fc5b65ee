/**
 * The control plane under `/__emulator/`: test-only endpoints to reset or replace state, read the
 * request log, inject faults, change settings and simulate what a human would do in the WP Engine
 * portal. No auth (it is for tests), but only loopback clients may use it.
 */
import { ConfigError, parseConfigPatch } from "./config";
import { FaultSpecError } from "./faults";
import { ApiFailure, json, matchTemplate, message, type Reply } from "./http";
import type { Seed } from "./model";
import { SeedError } from "./seedCheck";
import type { EmulatorStore } from "./store";
import { accountUserView } from "./views";

/** The control plane's path prefix. */
export const CONTROL_PREFIX = "/__emulator";

/** The largest control-plane body accepted (seeds can be big), in bytes. */
export const CONTROL_BODY_LIMIT = 16 * 1024 * 1024;

/**
 * True for loopback addresses (127.0.0.0/8, ::1, and their IPv4-mapped IPv6 forms). The control plane
 * can rewrite all state, so anything reachable from another host must be refused.
 */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith("::ffff:") ? address.slice(7) : address;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4)) return true;
  return address === "::1" || address === "0:0:0:0:0:0:0:1";
}

/** A control-plane request after the body was read. */
export interface ControlRequest {
  method: string;
  /** Decoded segments after `/__emulator`. */
  segments: string[];
  /** The body text, or `"too_large"`. */
  body: string | "too_large";
}

type Handler = (store: EmulatorStore, params: Record<string, string>, body: () => unknown) => Reply;

function parse(text: string): unknown {
  if (text.trim() === "") return undefined;
  return JSON.parse(text) as unknown;
}

const HANDLERS: Array<{ method: string; template: string; handle: Handler }> = [
  {
    method: "POST",
    template: "/reset",
    handle: (store) => {
      store.reset();
      return json(200, { ok: true });
    },
  },
  {
    method: "POST",
    template: "/seed",
    handle: (store, _p, body) => {
      // Why the cast is safe: load() validates the value with parseSeed before using it.
      store.load(body() as Seed);
      return json(200, { ok: true });
    },
  },
  { method: "GET", template: "/state", handle: (store) => json(200, store.snapshot()) },
  { method: "GET", template: "/requests", handle: (store) => json(200, store.requests.view()) },
  {
    method: "DELETE",
    template: "/requests",
    handle: (store) => {
      store.requests.clear();
      return { status: 204 };
    },
  },
  { method: "POST", template: "/faults", handle: (store, _p, body) => json(201, store.faults.add(body())) },
  { method: "GET", template: "/faults", handle: (store) => json(200, { faults: store.faults.list() }) },
  {
    method: "DELETE",
    template: "/faults",
    handle: (store) => {
      store.faults.clear();
      return { status: 204 };
    },
  },
  {
    method: "POST",
    template: "/backups/{backup_id}/abort",
    handle: (store, p) => {
      const backup = store.abortBackup(p.backup_id ?? "");
      return json(200, { id: backup.id, status: store.backupStatus(backup) });
    },
  },
  {
    method: "POST",
    template: "/certificates/{domain_id}/reject",
    handle: (store, p) => json(200, store.forceCertificateStatus(p.domain_id ?? "", "REJECTED")),
  },
  { method: "GET", template: "/config", handle: (store) => json(200, store.config) },
  {
    method: "POST",
    template: "/config",
    handle: (store, _p, body) => {
      const patch = parseConfigPatch(body() ?? {});
      store.config = { ...store.config, ...patch };
      return json(200, store.config);
    },
  },
  {
    method: "POST",
    template: "/accounts/{account_id}/users/{user_id}/accept-invite",
    handle: (store, p) =>
      json(200, accountUserView(store, store.acceptInvite(p.account_id ?? "", p.user_id ?? ""))),
  },
  {
    method: "POST",
    template: "/accounts/{account_id}/users/{user_id}/mfa",
    handle: (store, p, body) => {
      const b = body();
      let enabled: boolean | undefined;
      if (b !== undefined) {
        const value = typeof b === "object" && b !== null ? (b as Record<string, unknown>).enabled : b;
        if (typeof value !== "boolean")
          throw new ConfigError("body must be {enabled: boolean} or empty (toggle)");
        enabled = value;
      }
      return json(200, accountUserView(store, store.setMfa(p.account_id ?? "", p.user_id ?? "", enabled)));
    },
  },
];

/** Answers one control-plane request. Never throws: bad input answers 400, unknown paths 404. */
export function dispatchControl(store: EmulatorStore, request: ControlRequest): Reply {
  for (const h of HANDLERS) {
    const params = matchTemplate(h.template, request.segments);
    if (!params || h.method !== request.method) continue;
    if (request.body === "too_large") return message(413, "The request body is too large.");
    const text = request.body;
    try {
      return h.handle(store, params, () => parse(text));
    } catch (error) {
      if (error instanceof SyntaxError) return message(400, "The request body is not valid JSON.");
      if (error instanceof SeedError || error instanceof FaultSpecError || error instanceof ConfigError) {
        return message(400, error.message);
      }
      if (error instanceof ApiFailure) return message(error.kind === "not_found" ? 404 : 400, error.message);
      throw error;
    }
  }
  return message(404, "Unknown control-plane endpoint.");
}
