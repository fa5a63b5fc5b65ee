#!/usr/bin/env node
/**
 * `wpengine-import`: writes a TypeScript Pulumi program that declares an existing WP Engine estate,
 * every object with `{ import: id }`, so the first `pulumi up` adopts it all with no write.
 * Credentials come as the provider takes them: the stack's config with `--stack` (`wpengine:apiUserId`,
 * the secret `wpengine:apiPassword`, `wpengine:apiUrl`), then `WPENGINE_API_USER_ID`,
 * `WPENGINE_API_PASSWORD` and `WPENGINE_API_URL`.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { WpEngineClient } from "../../provider/client/client";
import { type ExplicitClientConfig, resolveClientConfig } from "../../provider/client/config";
import { stackConnection } from "./credentials";
import { collectEstate, IMPORT_KINDS, type ImportKind } from "./estate";
import { renderImportFile } from "./importFile";
import { renderProgram } from "./program";

const USAGE = `Usage: wpengine-import [--account UUID ...] [--out FILE] [--only ${IMPORT_KINDS.join(",")}] [--users each|team] [--format ts|pulumi-import] [--stack NAME [--cwd DIR]]

Writes a Pulumi program (TypeScript) declaring the account's sites, installs, domains and users, each
with { import: id }, and the SSH keys as comments to complete. Reads list calls only; writes nothing.

  --account UUID   an account to read (repeatable; default: every account the credentials see)
  --out FILE       write the program there (default: print it)
  --only KINDS     a comma-separated subset of ${IMPORT_KINDS.join(", ")}
  --users each     one AccountUser per user, imported by id (the default)
  --users team     one AccountTeam per account, its members adopted by email
  --format ts     a TypeScript program for the dynamic resources (the default)
  --format pulumi-import
                   a \`pulumi import --file\` file for the provider plugin (YAML, Go, any language):
                   \`pulumi import --file FILE\` adopts it all, protected, and prints the program
  --stack NAME     read the credentials from this stack's config, as the provider does
  --cwd DIR        the Pulumi project of --stack (default: the current directory)

Credentials: with --stack, the stack's wpengine:apiUserId, wpengine:apiPassword (secret) and
wpengine:apiUrl; else, or for any the stack does not set, WPENGINE_API_USER_ID, WPENGINE_API_PASSWORD
and WPENGINE_API_URL. Progress goes to stderr.`;

/** Parses the arguments, writes the program and returns the exit code (0 written, 1 error). */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        account: { type: "string", multiple: true },
        out: { type: "string" },
        only: { type: "string" },
        users: { type: "string" },
        format: { type: "string" },
        stack: { type: "string" },
        cwd: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const only = parseOnly(values.only);
    if (values.cwd !== undefined && values.stack === undefined)
      throw new Error("--cwd names the project of --stack: give --stack too");
    const fromStack: ExplicitClientConfig =
      values.stack === undefined ? {} : await stackConnection(values.stack, values.cwd ?? process.cwd());
    const client = new WpEngineClient(resolveClientConfig(fromStack, env));
    const estate = await collectEstate(client, {
      accountIds: (values.account ?? []).map((a) => a.trim().toLowerCase()),
      only,
      progress: (line) => process.stderr.write(`wpengine-import: ${line}\n`),
    });
    const users = values.users ?? "each";
    if (users !== "each" && users !== "team")
      throw new Error(`--users must be "each" or "team", not "${users}"`);
    const format = values.format ?? "ts";
    if (format !== "ts" && format !== "pulumi-import")
      throw new Error(`--format must be "ts" or "pulumi-import", not "${format}"`);
    const program = format === "ts" ? renderProgram(estate, only, { users }) : renderImportFile(estate, only);
    if (values.out) writeFileSync(values.out, program);
    else process.stdout.write(program);
    return 0;
  } catch (err) {
    process.stderr.write(
      `wpengine-import: ${err instanceof Error ? err.message : String(err)}\n\n${USAGE}\n`,
    );
    return 1;
  }
}

function parseOnly(text: string | undefined): Set<ImportKind> {
  if (text === undefined) return new Set(IMPORT_KINDS);
  const kinds = text
    .split(",")
    .map((k) => k.trim())
    .filter((k) => k !== "");
  const bad = kinds.filter((k) => !(IMPORT_KINDS as readonly string[]).includes(k));
  if (bad.length > 0) throw new Error(`--only: ${bad.join(", ")} is not one of ${IMPORT_KINDS.join(", ")}`);
  return new Set(kinds as ImportKind[]);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`wpengine-import: ${String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
