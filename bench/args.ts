/** Command-line parsing shared by the benchmark scripts (bench/main.ts, bench/profile.ts, bench/heap.ts). */

/** `--pulumi-env KEY=VALUE` (repeatable): environment for the Pulumi CLI, or an error naming the bad pair. */
export function envPairs(pairs: readonly string[] | undefined): Record<string, string> {
  return Object.fromEntries(
    (pairs ?? []).map((kv) => {
      const at = kv.indexOf("=");
      if (at < 1) throw new Error(`--pulumi-env needs KEY=VALUE, got "${kv}"`);
      return [kv.slice(0, at), kv.slice(at + 1)];
    }),
  );
}

/**
 * `--n` and `--steps` of a profiling script: a positive size and a comma-separated subset of the
 * steps it knows, or an error naming both flags and the known steps.
 */
export function sizeAndSteps<S extends string>(
  nText: string | undefined,
  stepsText: string | undefined,
  known: readonly S[],
): { n: number; steps: S[] } {
  const n = Number(nText);
  const steps = String(stepsText)
    .split(",")
    .map((x) => x.trim()) as S[];
  if (!Number.isInteger(n) || n < 1 || steps.some((x) => !known.includes(x)))
    throw new Error(`--n must be a positive integer and --steps a subset of ${known.join(",")}`);
  return { n, steps };
}

/**
 * Runs a script's `main` when the module is the process's entry: exit 0 when it is done (the
 * emulator and stack handles it opened would keep Node alive), 1 with the stack on a failure.
 */
export function runScript(module: NodeModule, main: () => Promise<void>): void {
  if (require.main !== module) return;
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
      process.exit(1);
    },
  );
}
