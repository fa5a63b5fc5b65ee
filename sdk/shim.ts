import type * as pulumi from "@pulumi/pulumi";
import type * as engine from "../provider/index";

// One shim per kind for the program run: Pulumi caches a provider's serialization by object identity,
// so a shared shim is serialized once instead of once per resource (measured in docs/benchmarks.md).
const shims = new Map<engine.ProviderKind, pulumi.dynamic.ResourceProvider>();

/**
 * The object Pulumi serializes into every resource as `__provider`: nothing but `configure`, which
 * the engine always calls first. It loads the engine with a literal `require` of the installed
 * package (the closure serializer never captures `require`; it resolves from the provider process's
 * working directory, the program's), builds the real provider from the stack config, and installs
 * its methods on itself. So the state holds about 1 KB of code per resource, no credentials and no
 * client, whether pulumi-wpengine is installed, linked or loaded from source.
 *
 * Why it first installs methods that fail: the dynamic-provider runtime of @pulumi/pulumi caches the
 * deserialized object per process BEFORE it awaits `configure`. If `configure` threw with the
 * methods still missing, every later call of that process would find no `delete` and the runtime
 * would report the delete as done: the resource would leave the state while the person keeps their
 * access. With the failing methods in place first, every operation of every process fails with the
 * reason and the fix until the provider can start. The required subpath is a public contract of the
 * package (`exports` in package.json): old states require it for as long as they exist.
 *
 * The method body carries no comments: it is serialized verbatim into the state of every resource.
 */
export function providerShim(kind: engine.ProviderKind): pulumi.dynamic.ResourceProvider {
  let shim = shims.get(kind);
  if (!shim) {
    shim = {
      async configure(this: Record<string, unknown>, req: pulumi.dynamic.ConfigureRequest) {
        const methods = ["check", "diff", "create", "read", "update", "delete"] as const;
        let failure = new Error("pulumi-wpengine: not configured");
        for (const m of methods) this[m] = () => Promise.reject(failure);
        try {
          const wpengine: typeof engine = require("pulumi-wpengine/dist/provider/index.js");
          const impl = wpengine.createProvider(kind, req.config);
          for (const m of methods) if (impl[m]) this[m] = impl[m].bind(impl);
        } catch (err) {
          failure = new Error(
            `pulumi-wpengine could not start; no ${kind} was changed. ${(err as Error)?.message ?? err}\n` +
              "Fix: keep pulumi-wpengine installed until its resources are destroyed, and set its credentials.",
          );
          throw failure;
        }
      },
    } as unknown as pulumi.dynamic.ResourceProvider;
    shims.set(kind, shim);
  }
  return shim;
}
