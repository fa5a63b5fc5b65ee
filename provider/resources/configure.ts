import type * as pulumi from "@pulumi/pulumi";
import { type ClientConfig, resolveClientConfig } from "../client/config";

/**
 * Reads the WP Engine connection settings a provider process was configured with: stack config
 * (`wpengine:apiUrl`, `wpengine:apiUserId`, `wpengine:apiPassword`, secrets already unwrapped by the
 * engine) first, then the `WPENGINE_API_*` environment variables. Called at run time inside the
 * provider process, so nothing is captured in the serialized provider or the state.
 */
export function connectionFromConfig(config: pulumi.dynamic.Config | undefined): ClientConfig {
  const get = (key: string) => config?.get(`wpengine:${key}`) || undefined;
  return resolveClientConfig({
    apiUrl: get("apiUrl"),
    apiUserId: get("apiUserId"),
    apiPassword: get("apiPassword"),
  });
}

/** Client tuning read from the provider process's environment (all optional). */
export interface ClientTuning {
  timeoutMs?: number;
  retry?: { baseDelayMs?: number; maxDelayMs?: number; budgetMs?: number };
}

/**
 * Reads `WPENGINE_REQUEST_TIMEOUT_MS` (per request, default 30 s) and `WPENGINE_RETRY_BASE_MS` /
 * `WPENGINE_RETRY_BUDGET_MS` (backoff start and total retry time, defaults 500 ms and 60 s), so
 * pipelines on a slow link, and the fault-injection suite, can tune them without code.
 */
export function clientTuningFromEnv(env: NodeJS.ProcessEnv = process.env): ClientTuning {
  const num = (name: string) => {
    const v = Number(env[name]);
    return Number.isFinite(v) && v > 0 ? v : undefined;
  };
  const timeoutMs = num("WPENGINE_REQUEST_TIMEOUT_MS");
  const baseDelayMs = num("WPENGINE_RETRY_BASE_MS");
  const budgetMs = num("WPENGINE_RETRY_BUDGET_MS");
  return {
    ...(timeoutMs ? { timeoutMs } : {}),
    ...(baseDelayMs || budgetMs
      ? {
          retry: {
            ...(baseDelayMs ? { baseDelayMs, maxDelayMs: Math.max(baseDelayMs * 8, 1000) } : {}),
            ...(budgetMs ? { budgetMs } : {}),
          },
        }
      : {}),
  };
}
