/**
 * The baseline: a plain script that sends exactly the API requests a benchmark step needs, through
 * the same client as the provider (`WpEngineClient`, with the same process-wide concurrency limit
 * from `WPENGINE_MAX_CONCURRENCY`), and nothing else: no Pulumi, no state. The benchmark runs it as
 * its own process, like the provider, and compares each Pulumi step with it.
 *
 * Usage: `node dist/bench/baseline.js '<BaselineSpec as JSON>'` with `WPENGINE_API_URL`,
 * `WPENGINE_API_USER_ID` and `WPENGINE_API_PASSWORD` set. Prints one {@link BaselineResult} as JSON.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { z } from "zod";
import { WpEngineClient } from "../provider/client/client";
import { resolveClientConfig } from "../provider/client/config";
import { collect } from "../provider/client/paginate";
import { parseRole } from "../provider/client/roles";
import { benchUsers, CHANGED_ROLE } from "./team";

/** The API work of one benchmark step. */
export const BASELINE_OPS = ["create", "refresh", "update", "delete", "walk"] as const;

/** What the baseline script is asked to do. */
export const BaselineSpecSchema = z.object({
  op: z.enum(BASELINE_OPS),
  /** Team size. */
  n: z.number().int().min(0),
  accountIds: z.array(z.string()).min(1),
  /** Users whose role changes (update). */
  changed: z.number().int().min(0).default(0),
  /** Where `create` writes the created users' ids and `update`/`delete` read them. */
  idsFile: z.string(),
});

/** Input of the baseline script. */
export type BaselineSpec = z.input<typeof BaselineSpecSchema>;

/** What the baseline script prints. */
export interface BaselineResult {
  op: BaselineSpec["op"];
  /** Requests the client sent (attempts, including retries). */
  requests: number;
  /** Time from the first request to the last answer. */
  requestMs: number;
}

const IdsSchema = z.array(z.object({ accountId: z.string(), userId: z.string() }));

/** Sends the requests of one step and reports how many there were and how long they took. */
export async function runBaseline(input: BaselineSpec): Promise<BaselineResult> {
  const spec = BaselineSpecSchema.parse(input);
  let requests = 0;
  const client = new WpEngineClient(resolveClientConfig(), { onRequest: () => requests++ });
  const users = benchUsers(spec.n, spec.accountIds);
  const ids = () => IdsSchema.parse(JSON.parse(readFileSync(spec.idsFile, "utf8")));
  const started = performance.now();
  // Every request is started at once, as the engine starts every independent resource: the
  // client's process-wide limiter is what bounds concurrency, for the provider and here alike.
  switch (spec.op) {
    case "create": {
      const created = await Promise.all(
        users.map((u) =>
          client.createAccountUser(u.accountId, {
            firstName: u.firstName,
            lastName: u.lastName,
            email: u.email,
            roles: parseRole(u.roles),
          }),
        ),
      );
      writeFileSync(
        spec.idsFile,
        JSON.stringify(created.map((c) => ({ accountId: c.account_id, userId: c.user_id }))),
      );
      break;
    }
    case "refresh":
      await Promise.all([...new Set(spec.accountIds)].map((a) => client.listAccountUsers(a)));
      break;
    case "update":
      await Promise.all(
        ids()
          .slice(0, spec.changed)
          .map((u) => client.updateAccountUser(u.accountId, u.userId, { roles: parseRole(CHANGED_ROLE) })),
      );
      break;
    case "delete":
      await Promise.all(ids().map((u) => client.deleteAccountUser(u.accountId, u.userId)));
      break;
    case "walk":
      // What any number of getInstall({name}) lookups need: one walk of every page of installs.
      await collect(client.listInstalls());
      break;
  }
  return { op: spec.op, requests, requestMs: performance.now() - started };
}

if (require.main === module) {
  runBaseline(JSON.parse(process.argv[2] ?? "{}") as BaselineSpec).then(
    (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
    (err: unknown) => {
      process.stderr.write(`baseline failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
