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
 * its methods on itself. So the state holds about 1.5 KB of code per resource, no credentials and no
 * client, whether pulumi-wpengine is installed, linked or loaded from source. The method body carries
 * no comments: it is serialized verbatim into the state of every resource.
 */
export function providerShim(kind: engine.ProviderKind): pulumi.dynamic.ResourceProvider {
  let shim = shims.get(kind);
  if (!shim) {
    shim = {
      async configure(this: Record<string, unknown>, req: pulumi.dynamic.ConfigureRequest) {
        const wpengine: typeof engine = require("pulumi-wpengine/dist/provider/index.js");
        const impl = wpengine.createProvider(kind, req.config);
        for (const m of ["check", "diff", "create", "read", "update", "delete"] as const) {
          this[m] = impl[m]?.bind(impl);
        }
      },
    } as unknown as pulumi.dynamic.ResourceProvider;
    shims.set(kind, shim);
  }
  return shim;
}
