/**
 * Memory of the provider process at agency scale (issue 27). `npm run bench:heap` showed that at
 * 1,000 users over 10 accounts the dynamic-provider host keeps about 42 MiB alive (two thirds of it
 * the source text and code of loaded modules, the TypeScript compiler @pulumi/pulumi's runtime loads
 * among them). With V8's defaults its resident set peaked at 275 MiB in `up` and 317-319 MiB in
 * `preview --refresh` in three of six rounds (the others stayed near 165 MiB): V8 let the heap grow to
 * 4-6 times what was alive, because the process allocates fast and has memory to spare.
 *
 * V8's `--optimize-for-size` caps that growth. Set alone when our provider starts, it brought the
 * peaks under 256 MiB but made `up` 13-50 % slower. Set and followed by one full collection, the
 * peaks were 156-170 MiB in every round, at the defaults' speed (alternating rounds,
 * docs/benchmarks.md "What holds the provider's memory"); why the collection removes the cost we did
 * not establish. So the policy is the default in the dynamic-provider host, and
 * `WPENGINE_OPTIMIZE_FOR_SIZE=0` keeps V8's own. The host is a process Pulumi starts on a command line
 * we do not write, so the flag is set when our provider starts in it; the plugin passes it on its own
 * command line (bin/).
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** The environment variable that keeps V8's default heap policy in the provider process (`=0`). */
export const OPTIMIZE_FOR_SIZE_ENV = "WPENGINE_OPTIMIZE_FOR_SIZE";

/** The two things the policy does to V8, injectable so tests can see them without changing their own process. */
export interface HeapControls {
  /** Sets V8 flags at run time (`v8.setFlagsFromString`). */
  setFlags(flags: string): void;
  /** Runs one full garbage collection now. */
  collect(): void;
}

const V8_CONTROLS: HeapControls = {
  setFlags: setFlagsFromString,
  collect() {
    // `gc` is installed only in contexts created after --expose-gc: a new vm context gets it, the
    // program's own global never does, and the flag is turned off again at once.
    setFlagsFromString("--expose-gc");
    try {
      (runInNewContext("gc") as () => void)();
    } finally {
      setFlagsFromString("--no-expose-gc");
    }
  },
};

/** Whether the user asked to keep V8's default heap policy: `WPENGINE_OPTIMIZE_FOR_SIZE=0` or `false`. */
export function keepsV8Default(env: NodeJS.ProcessEnv): boolean {
  const value = env[OPTIMIZE_FOR_SIZE_ENV]?.trim().toLowerCase();
  return value === "0" || value === "false";
}

/**
 * Whether this process is one the provider owns the heap policy of: Pulumi's dynamic-provider host
 * (its script is `.../cmd/dynamic-provider/index.js`), unless the user kept V8's default. Never a
 * user's program, a test runner or a script that loads the provider in-process.
 */
export function favoursMemory(argv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  if (keepsV8Default(env)) return false;
  return /[\\/]cmd[\\/]dynamic-provider([\\/]index\.js)?$/.test(argv[1] ?? "");
}

/**
 * Sets `--optimize-for-size` in the dynamic-provider host and collects once (see the module comment).
 * Every kind's provider calls it when it is configured, at most once per kind and process; a second
 * call sets the flag again (no change) and costs one more full collection: 20-31 ms measured with
 * @pulumi/pulumi's runtime loaded (30 MiB in use), once per kind, off the per-resource path.
 */
export function favourMemoryInProviderHost(
  argv: readonly string[] = process.argv,
  env: NodeJS.ProcessEnv = process.env,
  v8: HeapControls = V8_CONTROLS,
): boolean {
  if (!favoursMemory(argv, env)) return false;
  v8.setFlags("--optimize-for-size");
  v8.collect();
  return true;
}
