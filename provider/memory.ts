/**
 * Memory of the provider process at agency scale (issue 27). `npm run bench:heap` showed that at
 * 1,000 users over 10 accounts the dynamic-provider host keeps about 42 MiB alive (two thirds of it
 * the source text and code of loaded modules, the TypeScript compiler @pulumi/pulumi's runtime loads
 * among them), yet its resident set peaked at 274-276 MiB in `up` and 318-319 MiB in
 * `preview --refresh`: V8 let the heap grow to 4-6 times
 * what was alive (heap total 181-241 MiB) because the process allocates fast and has memory to spare.
 * V8's `--optimize-for-size` caps that growth: set when our provider configures, the peaks were
 * 178-194 / 251-253 MiB against 274-276 / 318-319 MiB, but `up` and `preview --refresh` took 13-50 %
 * longer (docs/benchmarks.md). So it is a choice the user makes, `WPENGINE_OPTIMIZE_FOR_SIZE=1`, not a
 * default. The process is one Pulumi starts for dynamic providers, on a command line we do not write,
 * so the flag is set when our provider starts in it; the plugin passes it on its own command line (bin/).
 */
import { setFlagsFromString } from "node:v8";

/** The environment variable that trades speed for memory in the provider process (`WPENGINE_OPTIMIZE_FOR_SIZE=1`). */
export const OPTIMIZE_FOR_SIZE_ENV = "WPENGINE_OPTIMIZE_FOR_SIZE";

/**
 * Whether this process is one the provider owns the heap policy of: Pulumi's dynamic-provider host
 * (its script is `.../cmd/dynamic-provider/index.js`), when the user asked for it. Never a user's
 * program, a test runner or a script that loads the provider in-process.
 */
export function favoursMemory(argv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  if (env[OPTIMIZE_FOR_SIZE_ENV] !== "1" && env[OPTIMIZE_FOR_SIZE_ENV] !== "true") return false;
  return /[\\/]cmd[\\/]dynamic-provider([\\/]index\.js)?$/.test(argv[1] ?? "");
}

/**
 * Sets `--optimize-for-size` in the dynamic-provider host (see the module comment). Idempotent: every
 * kind's provider calls it when it starts, and setting a flag twice changes nothing.
 */
export function favourMemoryInProviderHost(
  argv: readonly string[] = process.argv,
  env: NodeJS.ProcessEnv = process.env,
  setFlags: (flags: string) => void = setFlagsFromString,
): boolean {
  if (!favoursMemory(argv, env)) return false;
  setFlags("--optimize-for-size");
  return true;
}
