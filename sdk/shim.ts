import type * as pulumi from "@pulumi/pulumi";
import type * as engine from "../provider/index";

/**
 * The provider object of one kind, as every resource of that kind hands it to Pulumi: the exports of
 * the kind's own module, `pulumi-wpengine/dist/sdk/shims/<Kind>.js`. Why a module each: Pulumi's
 * closure serializer writes a captured value that is a module installed under `node_modules` as a
 * `require` of it, so the `__provider` stored twice in every resource (inputs and outputs) is about
 * 300 bytes of `require("pulumi-wpengine/dist/sdk/shims/AccountUser.js")` instead of the code below
 * (measured in docs/benchmarks.md). Loaded from elsewhere (linked, or from source) the same object is
 * serialized by value, as {@link shimFor} writes it. One object per kind also lets Pulumi serialize
 * it once per program run (its cache is keyed by object identity).
 */
export function providerShim(kind: engine.ProviderKind): pulumi.dynamic.ResourceProvider {
  return require(`./shims/${kind}.js`) as pulumi.dynamic.ResourceProvider;
}

/**
 * The shim object itself: nothing but `configure`, which the engine always calls first. It loads the
 * engine with a literal `require` of the installed package (the closure serializer never captures
 * `require`; it resolves from the provider process's working directory, the program's), builds the
 * real provider from the stack config, and installs its methods on itself. So the state holds no
 * credentials and no client, whether pulumi-wpengine is installed, linked or loaded from source.
 *
 * Why it first installs methods that fail: the dynamic-provider runtime of @pulumi/pulumi caches the
 * deserialized object per process BEFORE it awaits `configure`. If `configure` threw with the
 * methods still missing, every later call of that process would find no `delete` and the runtime
 * would report the delete as done: the resource would leave the state while the person keeps their
 * access. With the failing methods in place first, every operation of every process fails with the
 * reason and the fix until the provider can start. (Stored as a `require` of the kind's module, a
 * missing package fails while the runtime loads the text, before anything is cached: as safe.) The
 * required subpaths are a public contract of the package (`exports` in package.json): old states
 * require them for as long as they exist.
 *
 * The method body carries no comments: it may be serialized verbatim into the state of every resource.
 */
export function shimFor(kind: engine.ProviderKind): pulumi.dynamic.ResourceProvider {
  return {
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
}
