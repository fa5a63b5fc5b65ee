import type * as pulumi from "@pulumi/pulumi";
import type * as engine from "../provider/index";

/** The deserialized shim inside the provider process, once `configure` has built the real provider. */
type Configured = pulumi.dynamic.ResourceProvider & { impl: Required<pulumi.dynamic.ResourceProvider> };

/**
 * The object Pulumi serializes into every resource as `__provider`. It captures nothing but the
 * resource kind: `configure` loads the engine with a literal `require` of the installed package,
 * which the closure serializer keeps as text (it never captures `require`) and which resolves from
 * the provider process's working directory, the program's. So the state holds about two kilobytes
 * of code, no credentials and no client, whether pulumi-wpengine is installed, linked or loaded
 * from source. The engine always calls `configure` before any other method. Method bodies carry no
 * comments: they are serialized verbatim into the state of every resource.
 */
export function providerShim(kind: engine.ProviderKind): pulumi.dynamic.ResourceProvider {
  const shim = {
    async configure(this: Configured, req: pulumi.dynamic.ConfigureRequest) {
      const wpengine: typeof engine = require("pulumi-wpengine/dist/provider/index.js");
      this.impl = wpengine.createProvider(kind, req.config) as Configured["impl"];
    },
    check(this: Configured, olds: unknown, news: unknown) {
      return this.impl.check(olds, news);
    },
    diff(this: Configured, id: string, olds: unknown, news: unknown) {
      return this.impl.diff(id, olds, news);
    },
    create(this: Configured, inputs: unknown) {
      return this.impl.create(inputs);
    },
    read(this: Configured, id: string, props: unknown) {
      return this.impl.read(id, props);
    },
    update(this: Configured, id: string, olds: unknown, news: unknown) {
      return this.impl.update(id, olds, news);
    },
    delete(this: Configured, id: string, props: unknown) {
      return this.impl.delete(id, props);
    },
  };
  return shim as unknown as pulumi.dynamic.ResourceProvider;
}
