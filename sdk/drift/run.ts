import { type EngineEvent, LocalWorkspace, type PulumiCommand } from "@pulumi/pulumi/automation";
import { z } from "zod";
import { analyseEvents, type DriftReport } from "./analyse";

/** Options of {@link runDrift}. */
export interface DriftOptions {
  /** The stack to check (e.g. `dev` or `org/project/dev`). */
  stackName: string;
  /** The Pulumi project directory (holds Pulumi.yaml). */
  workDir: string;
  /** Report pending invitations at least this many days old (default 7). */
  inviteAgeDays?: number;
  /** Extra environment for the Pulumi CLI (backend, passphrase, WPENGINE_API_*). */
  envVars?: Record<string, string>;
  /** A specific Pulumi CLI; by default the one on PATH. */
  pulumiCommand?: PulumiCommand;
  /** Receives the CLI's own output, for logs. */
  onOutput?: (line: string) => void;
  /** The clock (tests). */
  now?: Date;
}

/** The fields of an exported state that give each resource's creation time. */
const deploymentSchema = z.object({
  deployment: z
    .object({ resources: z.array(z.object({ urn: z.string(), created: z.string().optional() })).nullish() })
    .nullish(),
});

/**
 * Runs `pulumi preview --refresh` of a stack through the Automation API (nothing is written: a
 * preview's refresh is not saved) and analyses its engine events into a {@link DriftReport}.
 * Throws when the preview fails.
 */
export async function runDrift(opts: DriftOptions): Promise<DriftReport> {
  const stack = await LocalWorkspace.selectStack(
    { stackName: opts.stackName, workDir: opts.workDir },
    {
      ...(opts.envVars ? { envVars: opts.envVars } : {}),
      ...(opts.pulumiCommand ? { pulumiCommand: opts.pulumiCommand } : {}),
    },
  );
  const events: EngineEvent[] = [];
  await stack.preview({
    refresh: true,
    color: "never",
    onEvent: (e) => events.push(e),
    ...(opts.onOutput ? { onOutput: opts.onOutput } : {}),
  });
  const exported = deploymentSchema.safeParse(await stack.exportStack());
  const created: Record<string, string | undefined> = {};
  if (exported.success) {
    for (const r of exported.data.deployment?.resources ?? []) created[r.urn] = r.created;
  }
  return analyseEvents(events, {
    stack: opts.stackName,
    inviteAgeDays: opts.inviteAgeDays ?? 7,
    now: opts.now ?? new Date(),
    created,
  });
}
