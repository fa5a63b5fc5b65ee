#!/usr/bin/env node
/**
 * `wpengine-emulator`: runs the WP Engine API emulator until SIGINT/SIGTERM.
 * Prints the listening line first (scripts wait for it), then the accepted credentials.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { parseLatency } from "./config";
import type { Seed } from "./model";
import { type EmulatorProfile, parseProfile, profileFromEnv } from "./profile";
import { parseSeed } from "./seedCheck";
import { startEmulator } from "./server";

const USAGE = `Usage: wpengine-emulator [options]

Runs a local emulator of the WP Engine Customer API (base path /v1).

Options:
  --host HOST          interface to listen on (default 127.0.0.1)
  --port PORT          port to listen on, 0 for a free one (default 0)
  --api-user-id ID     API user id to accept (env WPENGINE_EMULATOR_API_USER_ID)
  --api-password PW    password to accept (env WPENGINE_EMULATOR_API_PASSWORD; random if unset)
  --seed FILE          JSON seed file to start from (default: the built-in seed)
  --latency MS         delay before every API answer
  --profile NAME       default (fullest answers) or minimal (only what the contract requires;
                       env WPENGINE_EMULATOR_PROFILE)
  --quiet              do not report unexpected errors on stderr
  -h, --help           show this help
`;

/** Parsed command line. */
export interface CliOptions {
  host: string;
  port: number;
  apiUserId?: string;
  apiPassword?: string;
  seed?: Seed;
  latencyMs: number;
  profile?: EmulatorProfile;
  quiet: boolean;
  help: boolean;
}

/** Parses argv (without node and script) and the environment fallbacks; throws on bad input. */
export function parseCli(argv: string[], env: NodeJS.ProcessEnv): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: "string", default: "127.0.0.1" },
      port: { type: "string", default: "0" },
      "api-user-id": { type: "string" },
      "api-password": { type: "string" },
      seed: { type: "string" },
      latency: { type: "string", default: "0" },
      profile: { type: "string" },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port ${values.port}`);
  const latencyMs = parseLatency(Number(values.latency));
  const seedFile = values.seed;
  const seed =
    seedFile === undefined ? undefined : parseSeed(JSON.parse(readFileSync(seedFile, "utf8")) as unknown);
  const apiUserId = values["api-user-id"] ?? env.WPENGINE_EMULATOR_API_USER_ID;
  const apiPassword = values["api-password"] ?? env.WPENGINE_EMULATOR_API_PASSWORD;
  const profile = values.profile === undefined ? profileFromEnv(env) : parseProfile(values.profile);
  return {
    host: values.host,
    port,
    latencyMs,
    quiet: values.quiet,
    help: values.help,
    ...(apiUserId ? { apiUserId } : {}),
    ...(apiPassword ? { apiPassword } : {}),
    ...(seed ? { seed } : {}),
    ...(profile ? { profile } : {}),
  };
}

async function main(): Promise<void> {
  let options: CliOptions;
  try {
    options = parseCli(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(
      `wpengine-emulator: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`,
    );
    process.exitCode = 2;
    return;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return;
  }
  const emulator = await startEmulator(options);
  process.stdout.write(`WP Engine API emulator listening on ${emulator.baseUrl}\n`);
  process.stdout.write(`API user id: ${emulator.apiUserId} / password: ${emulator.apiPassword}\n`);
  const stop = () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`wpengine-emulator: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
