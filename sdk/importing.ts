import type * as pulumi from "@pulumi/pulumi";

/**
 * Pulumi's own `import` resource option for this package's resources. The engine cannot import
 * into a dynamic resource (it calls Read without the provider: pulumi/pulumi#16175, "code must be a
 * string"), so the option is taken out of the options before the engine sees it and passed to the
 * provider as the create-only input `importId`. The provider then reads the object at preview, fails
 * when its identity differs from the program, and adopts it at `up` with no write (only in-place
 * differences are sent). Once the object is in the state, keeping or removing the option plans no
 * change, as Pulumi documents for `import`.
 */
export function importedFrom(opts: pulumi.CustomResourceOptions | undefined): {
  importArgs: { importId?: pulumi.Input<string> };
  opts: pulumi.CustomResourceOptions | undefined;
} {
  // No `importId` key at all when not importing: every property given to a resource costs the
  // program a promise with a captured stack trace (measured with `npm run bench:profile`).
  if (opts?.import === undefined) return { importArgs: {}, opts };
  const { import: importId, ...rest } = opts;
  return { importArgs: { importId }, opts: rest };
}
