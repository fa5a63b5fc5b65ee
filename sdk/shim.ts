import type * as pulumi from "@pulumi/pulumi";
import * as engine from "../provider/index";

/**
 * The object Pulumi serializes into every resource as `__provider`. It captures nothing but the
 * resource kind and the installed `pulumi-wpengine/dist/provider` module (serialized as a
 * `require`), so the state holds a few hundred bytes of code, no credentials and no client. The real
 * provider is built inside the provider process from the stack config given to `configure`.
 */
export function providerShim(kind: engine.ProviderKind): pulumi.dynamic.ResourceProvider {
  return {
    async configure(req: pulumi.dynamic.ConfigureRequest) {
      // Stored on the deserialized object, which lives only inside the provider process.
      (this as { impl?: pulumi.dynamic.ResourceProvider }).impl = engine.createProvider(kind, req.config);
    },
    check(olds, news) {
      return impl(this).check!(olds, news);
    },
    diff(id, olds, news) {
      return impl(this).diff!(id, olds, news);
    },
    create(inputs) {
      return impl(this).create(inputs);
    },
    read(id, props) {
      return impl(this).read!(id, props);
    },
    update(id, olds, news) {
      return impl(this).update!(id, olds, news);
    },
    delete(id, props) {
      return impl(this).delete!(id, props);
    },
  } as pulumi.dynamic.ResourceProvider;

  function impl(self: unknown): pulumi.dynamic.ResourceProvider {
    const p = (self as { impl?: pulumi.dynamic.ResourceProvider }).impl;
    if (!p) throw new Error(`wpengine:${kind}: the provider was not configured (pulumi-nodejs did not call configure)`);
    return p;
  }
}
