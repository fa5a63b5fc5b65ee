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
