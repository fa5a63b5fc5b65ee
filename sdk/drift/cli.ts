#!/usr/bin/env node
/**
 * `wpengine-drift`: runs `pulumi preview --refresh` for a stack and writes a Markdown report (for a
 * pull-request comment) and a JSON report of the WP Engine access that changed outside code.
 * Exit code 0 = no drift, 2 = drift found, 1 = error.
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { renderMarkdown } from "./markdown";
import { runDrift } from "./run";

const USAGE = `Usage: wpengine-drift --stack NAME [--cwd DIR] [--markdown FILE] [--json FILE] [--pending-days N]

Runs \`pulumi preview --refresh\` for the stack (nothing is changed) and reports, per WP Engine user,
what changed outside code (role, installs, removed, re-invited), unmanaged users, pending
invitations older than N days (default 7), owners without MFA and backups that never completed.

  --stack NAME        the stack (also PULUMI_STACK)
  --cwd DIR           the Pulumi project directory (default: the current directory)
  --markdown FILE     write the Markdown report there (default: print it)
  --json FILE         write the JSON report there
  --pending-days N    pending invitations at least N days old (default 7)
  --verbose           show the Pulumi CLI's output on stderr

Exit code: 0 no drift, 2 drift found, 1 error.`;

/** Parses the arguments, runs the check and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (err) {
    process.stderr.write(`wpengine-drift: ${err instanceof Error ? err.message : String(err)}\n\n${USAGE}\n`);
    return 1;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    const report = await runDrift({
      stackName: args.stack,
      workDir: resolve(args.cwd),
      inviteAgeDays: args.pendingDays,
      ...(args.verbose ? { onOutput: (line: string) => process.stderr.write(line) } : {}),
    });
    const markdown = renderMarkdown(report);
    if (args.markdown) writeFileSync(args.markdown, markdown);
    else process.stdout.write(markdown);
    if (args.json) writeFileSync(args.json, `${JSON.stringify(report, null, 2)}\n`);
    process.stderr.write(
      report.drift
        ? `wpengine-drift: drift found in stack ${report.stack}\n`
        : `wpengine-drift: no drift in stack ${report.stack}\n`,
    );
    return report.drift ? 2 : 0;
  } catch (err) {
    process.stderr.write(`wpengine-drift: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

function parse(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      stack: { type: "string" },
      cwd: { type: "string" },
      markdown: { type: "string" },
      json: { type: "string" },
      "pending-days": { type: "string" },
      verbose: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  const stack = values.stack ?? process.env.PULUMI_STACK;
  if (!values.help && !stack) throw new Error("--stack is required");
  const days = values["pending-days"] === undefined ? 7 : Number(values["pending-days"]);
  if (!Number.isInteger(days) || days < 0)
    throw new Error("--pending-days must be a whole number of days >= 0");
  return {
    stack: stack ?? "",
    cwd: values.cwd ?? process.cwd(),
    markdown: values.markdown,
    json: values.json,
    pendingDays: days,
    verbose: values.verbose === true,
    help: values.help === true,
  };
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`wpengine-drift: ${String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
