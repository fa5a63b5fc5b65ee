/**
 * Where the client's settings come from: explicit values (the provider passes the Pulumi stack
 * config `wpengine:apiUrl`, `wpengine:apiUserId`, `wpengine:apiPassword`), then environment
 * variables. Environment variables matter because `new pulumi.Config()` does not work inside
 * dynamic provider methods while the provider process does inherit the CLI's environment.
 */
import { isIP } from "node:net";
import { ConfigurationError } from "./errors";

/** The production API base URL. */
export const DEFAULT_API_URL = "https://api.wpengineapi.com/v1";

/** Settings a {@link WpEngineClient} is built from. */
export interface ClientConfig {
  /** API base URL without a trailing slash, e.g. `https://api.wpengineapi.com/v1`. */
  readonly apiUrl: string;
  /** API user id (basic auth user name). */
  readonly apiUserId: string;
  /** API password (basic auth password). */
  readonly apiPassword: string;
}

/**
 * Explicitly given connection settings, each optional. A setting left out or empty falls back to the
 * Pulumi stack config where the caller reads it (`wpengine:apiUrl`, `wpengine:apiUserId`,
 * `wpengine:apiPassword`), then to the `WPENGINE_API_URL`, `WPENGINE_API_USER_ID` and
 * `WPENGINE_API_PASSWORD` environment variables; the URL finally defaults to the production API.
 */
export interface ExplicitClientConfig {
  /**
   * API base URL, e.g. `https://api.wpengineapi.com/v1` (the default). Must be `https://`; plain
   * `http://` is accepted only for loopback hosts (a local emulator). A trailing slash is dropped.
   */
  apiUrl?: string | undefined;
  /** API user id (the basic auth user name), from API Access in the WP Engine User Portal. */
  apiUserId?: string | undefined;
  /**
   * API password (the basic auth password) of `apiUserId`. Used as given (not trimmed); keep it a
   * secret, e.g. from `pulumi config set --secret`.
   */
  apiPassword?: string | undefined;
}

/** The environment variables read by {@link resolveClientConfig}. */
export const ENV_VARS = {
  apiUrl: "WPENGINE_API_URL",
  apiUserId: "WPENGINE_API_USER_ID",
  apiPassword: "WPENGINE_API_PASSWORD",
} as const;

/** The Pulumi stack config keys that correspond to the settings. */
export const CONFIG_KEYS = {
  apiUrl: "wpengine:apiUrl",
  apiUserId: "wpengine:apiUserId",
  apiPassword: "wpengine:apiPassword",
} as const;

function given(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === "" ? undefined : trimmed;
}

/**
 * Resolves the client settings: explicit values win, then the `WPENGINE_*` environment variables,
 * then the default URL.
 *
 * @param explicit - Values from the Pulumi stack config.
 * @param env - The environment to read (defaults to `process.env`).
 * @throws ConfigurationError when the user id or password is missing, or the URL is unusable (see
 * {@link validateApiUrl}). The message names the stack config key and the environment variable.
 */
export function resolveClientConfig(
  explicit: ExplicitClientConfig = {},
  env: NodeJS.ProcessEnv = process.env,
): ClientConfig {
  const apiUrl = given(explicit.apiUrl) ?? given(env[ENV_VARS.apiUrl]) ?? DEFAULT_API_URL;
  const apiUserId = given(explicit.apiUserId) ?? given(env[ENV_VARS.apiUserId]);
  // The password is not trimmed: spaces may be part of it.
  const apiPassword =
    explicit.apiPassword !== undefined && explicit.apiPassword !== ""
      ? explicit.apiPassword
      : env[ENV_VARS.apiPassword] !== undefined && env[ENV_VARS.apiPassword] !== ""
        ? env[ENV_VARS.apiPassword]
        : undefined;

  const missing: string[] = [];
  if (apiUserId === undefined) {
    missing.push(
      `the API user id (run \`pulumi config set ${CONFIG_KEYS.apiUserId} <id>\` or set ${ENV_VARS.apiUserId})`,
    );
  }
  if (apiPassword === undefined) {
    missing.push(
      `the API password (run \`pulumi config set --secret ${CONFIG_KEYS.apiPassword} <password>\` or set ${ENV_VARS.apiPassword})`,
    );
  }
  if (apiUserId === undefined || apiPassword === undefined) {
    throw new ConfigurationError(
      `WP Engine API credentials are missing: ${missing.join("; and ")}. ` +
        "Create API credentials in the WP Engine User Portal under API Access.",
    );
  }
  return { apiUrl: validateApiUrl(apiUrl), apiUserId, apiPassword };
}

/** Whether a URL host name is a loopback address (127.0.0.0/8, ::1 or localhost). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost") return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  if (isIP(host) === 6) return host === "::1" || host === "0:0:0:0:0:0:0:1";
  return false;
}

/**
 * Checks an API base URL and returns it without a trailing slash. Exported so the provider can
 * reject a bad URL at preview time, before any request.
 *
 * Plain `http://` is refused unless the host is loopback: basic auth sends the password with every
 * request, readable by anyone on the path. Loopback is allowed for the local emulator.
 *
 * @throws ConfigurationError naming `wpengine:apiUrl` / `WPENGINE_API_URL` and the fix.
 */
export function validateApiUrl(url: string): string {
  const where = `Set ${CONFIG_KEYS.apiUrl} (or ${ENV_VARS.apiUrl})`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // A URL that does not parse may still hold credentials (user:password@...): do not echo it then.
    const shown = url.includes("@") ? "" : ` "${url}"`;
    throw new ConfigurationError(
      `The WP Engine API URL${shown} is not a valid URL. ${where} to an https:// URL such as ${DEFAULT_API_URL}, or leave it unset.`,
    );
  }
  if (parsed.username !== "" || parsed.password !== "") {
    // Never echo the URL here: it holds credentials.
    throw new ConfigurationError(
      `The WP Engine API URL must not contain credentials. ${where} to a URL without user:password@, and set the credentials with ${CONFIG_KEYS.apiUserId}/${CONFIG_KEYS.apiPassword} instead.`,
    );
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw new ConfigurationError(
      `The WP Engine API URL "${url}" uses ${parsed.protocol}; only https:// is supported. ${where} to an https:// URL such as ${DEFAULT_API_URL}.`,
    );
  }
  if (parsed.protocol === "http:" && !isLoopbackHost(parsed.hostname)) {
    throw new ConfigurationError(
      `Refusing the WP Engine API URL "${url}": plain http:// would send the API password unencrypted. ` +
        `${where} to an https:// URL such as ${DEFAULT_API_URL} (http:// is only allowed for loopback hosts such as 127.0.0.1 or localhost, e.g. the local emulator).`,
    );
  }
  if (parsed.search !== "" || parsed.hash !== "") {
    throw new ConfigurationError(
      `The WP Engine API URL "${url}" must not have a query or fragment. ${where} to a base URL such as ${DEFAULT_API_URL}.`,
    );
  }
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, "")}`;
}
