/**
 * The quick start guide's facts for the contract tests: its requests (method, path, JSON body) with
 * the example responses it shows, and its common errors. Derived from the published guide when it is
 * available, else read from the committed tests/contract/quickstart.facts.json (which a contract test
 * checks against the guide whenever both exist).
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { deriveContractScript, findRepoRoot } from "./swagger";

const QuickStartFacts = z.object({
  steps: z.array(
    z.object({
      method: z.enum(["GET", "POST", "PATCH", "DELETE"]),
      path: z.string().startsWith("/"),
      body: z.unknown().optional(),
      response: z.record(z.string(), z.unknown()),
    }),
  ),
  errors: z.array(z.object({ status: z.number().int(), response: z.object({ message: z.string() }) })),
});

/** The guide's requests with their example responses, and its common errors. */
export type QuickStartFacts = z.infer<typeof QuickStartFacts>;

/** The published quick start guide, if available (`$WPENGINE_QUICK_START`, beside the swagger, or ../shared). */
export function publishedQuickStartFile(): string | undefined {
  const found = deriveContractScript().publishedQuickStart(findRepoRoot());
  return "file" in found ? found.file : undefined;
}

/** The committed facts file. */
export function committedQuickStartFile(): string {
  return path.join(findRepoRoot(), deriveContractScript().QUICK_START_PATH);
}

/** The committed facts as written. */
export function committedQuickStart(): QuickStartFacts {
  return QuickStartFacts.parse(JSON.parse(readFileSync(committedQuickStartFile(), "utf8")));
}

/** The facts of the published guide when available, else the committed ones. */
export function quickStartFacts(): QuickStartFacts {
  const published = publishedQuickStartFile();
  if (published === undefined || !existsSync(published)) return committedQuickStart();
  return QuickStartFacts.parse(deriveContractScript().deriveQuickStart(readFileSync(published, "utf8")));
}

/** The step of the guide that sends `method` to a path matching `pattern`; throws when there is none. */
export function quickStartStep(facts: QuickStartFacts, method: string, pattern: RegExp) {
  const step = facts.steps.find((s) => s.method === method && pattern.test(s.path));
  if (!step) throw new Error(`the quick start has no ${method} ${pattern}`);
  return step;
}
