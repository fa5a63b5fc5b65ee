/**
 * The engine side of pulumi-wpengine: what runs inside the Pulumi dynamic-provider process. The
 * serialized `__provider` of every resource is a thin shim (see sdk/shim.ts) that requires this module
 * from the installed package and calls {@link createProvider}.
 *
 * Contract, forever: this module is loaded as `pulumi-wpengine/dist/provider/index.js` by the shim
 * text stored in every state file ever written, of every version. That subpath (an explicit entry of
 * the `exports` map in package.json, checked by tests/e2e/package.spec.ts) must never move, be hidden
 * or change meaning, and `createProvider(kind, config)` must keep accepting every {@link ProviderKind}
 * and returning a provider with all six methods: old states call it for as long as they exist.
 */
import type * as pulumi from "@pulumi/pulumi";
import { WpEngineClient } from "./client/client";
import { favourMemoryInProviderHost } from "./memory";
import { processLedger } from "./resources/accountUser/ledger";
import { AccountUserProvider } from "./resources/accountUser/provider";
import { AccountUserRemovalProvider } from "./resources/accountUserRemoval/provider";
import { BackupProvider } from "./resources/backup/provider";
import { cachePurgeProvider } from "./resources/cachePurge/provider";
import { clientTuningFromEnv, connectionFromConfig } from "./resources/configure";
import { domainProvider } from "./resources/domain/provider";
import { DomainCertificateProvider } from "./resources/domainCertificate/provider";
import { installProvider } from "./resources/install/provider";
import { installCopyProvider } from "./resources/installCopy/provider";
import { siteProvider } from "./resources/site/provider";
import { sshKeyProvider } from "./resources/sshKey/provider";

/** The dynamic resource types this package implements. */
export type ProviderKind =
  | "AccountUser"
  | "Backup"
  | "AccountUserRemoval"
  | "Site"
  | "SshKey"
  | "Install"
  | "CachePurge"
  | "InstallCopy"
  | "Domain"
  | "DomainCertificate";

/**
 * Builds the provider for one resource type from the stack config the engine passed to `configure`.
 * The connection settings are checked here, so a missing password or a plain-HTTP remote URL fails
 * the preview before any request; the client itself is created on first use.
 */
export function createProvider(
  kind: ProviderKind,
  config: pulumi.dynamic.Config | undefined,
): pulumi.dynamic.ResourceProvider {
  const connection = connectionFromConfig(config);
  favourMemoryInProviderHost();
  let client: WpEngineClient | undefined;
  const getClient = () => {
    client ??= new WpEngineClient(connection, clientTuningFromEnv());
    return client;
  };
  switch (kind) {
    case "AccountUser":
      return withCurrentShim(
        new AccountUserProvider(getClient, {
          adoptExisting: config?.get("wpengine:adoptExisting") === "true",
          ledger: processLedger(),
        }),
      );
    case "Backup":
      return withCurrentShim(new BackupProvider(getClient));
    case "AccountUserRemoval":
      return withCurrentShim(new AccountUserRemovalProvider(getClient, processLedger()));
    case "Site":
      return withCurrentShim(siteProvider(getClient));
    case "SshKey":
      return withCurrentShim(sshKeyProvider(getClient));
    case "Install":
      return withCurrentShim(installProvider(getClient));
    case "CachePurge":
      return withCurrentShim(cachePurgeProvider(getClient));
    case "InstallCopy":
      return withCurrentShim(installCopyProvider(getClient));
    case "Domain":
      return withCurrentShim(domainProvider(getClient));
    case "DomainCertificate":
      return withCurrentShim(new DomainCertificateProvider(getClient));
  }
}

/**
 * Makes a resource whose state holds another version's shim (`__provider`) show as an in-place
 * update, so the next `up` records the installed version's shim. Why: a delete runs with the shim
 * recorded in the old state, a refresh or an unchanged resource keeps it, and shims written before
 * 0.2 let a delete pass as done when the provider could not start. The update makes no API write
 * when nothing else changed (each provider's update returns the prior outputs then).
 */
export function withCurrentShim<P extends pulumi.dynamic.ResourceProvider>(provider: P): P {
  const diff = provider.diff?.bind(provider);
  provider.diff = async (id, olds, news) => {
    const result: pulumi.dynamic.DiffResult = diff ? await diff(id, olds, news) : {};
    const stale =
      typeof olds.__provider === "string" &&
      typeof news.__provider === "string" &&
      olds.__provider !== news.__provider;
    return stale && result.changes !== true ? { ...result, changes: true } : result;
  };
  return provider;
}

export { AccountUserProvider } from "./resources/accountUser/provider";
export { AccountUserRemovalProvider } from "./resources/accountUserRemoval/provider";
export { BackupProvider } from "./resources/backup/provider";
