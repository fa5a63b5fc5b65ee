import type * as pulumi from "@pulumi/pulumi";

/**
 * The resource options of a kind with `deletionProtection`: Pulumi's own `protect` is set unless
 * protection is off in so many words, so the engine refuses a plan that deletes the object (removed
 * from the program, `destroy`, a replace) at preview, before any write. Why both: `protect` is what
 * stops a removal or `destroy` at preview (no provider method runs for those then), while the input
 * is recorded in the state, where the provider's own guard reads it. A `protect: true` of the
 * caller's own is kept.
 */
export function protectedOptions(
  deletionProtection: boolean | undefined,
  opts: pulumi.CustomResourceOptions | undefined,
): pulumi.CustomResourceOptions {
  if (deletionProtection !== undefined && typeof deletionProtection !== "boolean") {
    throw new Error(
      "deletionProtection must be a plain true or false (not an Output or a string): it decides whether the plan may delete the object.",
    );
  }
  return { ...opts, protect: opts?.protect === true || deletionProtection !== false };
}
