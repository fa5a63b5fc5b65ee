import type * as pulumi from "@pulumi/pulumi";
import * as lookups from "../sdk/lookups";
import { PACKAGE } from "./kinds";

type Args = Record<string, unknown>;

/**
 * The lookups as provider functions (`wpengine:index:getSite`, ...): the same code the TypeScript
 * lookups run, read as the provider is configured (so an explicit provider reads its own account).
 * A list comes back under a named field (`{ sites: [...] }`), because a function returns an object.
 */
export const FUNCTIONS: Record<string, { list?: string; run: (args: Args) => Promise<unknown> }> = {
  getSite: { run: (a) => lookups.getSite(a as unknown as lookups.GetSiteArgs) },
  getSites: { list: "sites", run: (a) => lookups.getSites(a as lookups.GetSitesArgs) },
  getInstall: { run: (a) => lookups.getInstall(a as lookups.GetInstallArgs) },
  getInstalls: { list: "installs", run: (a) => lookups.getInstalls(a as lookups.GetInstallsArgs) },
  getDomains: { list: "domains", run: (a) => lookups.getDomains(a as unknown as lookups.GetDomainsArgs) },
  getSshKeys: { list: "sshKeys", run: (a) => lookups.getSshKeys(a as lookups.GetSshKeysArgs) },
  getAccountLimits: {
    run: (a) => lookups.getAccountLimits(a as unknown as lookups.GetAccountLimitsArgs),
  },
};

/**
 * Runs the function a token names with the provider's connection. Each call reads afresh: a plugin
 * process serves a whole `up`, in which resources may have changed what a lookup returns.
 */
export async function invokeFunction(
  token: string,
  args: Args,
  config: pulumi.dynamic.Config | undefined,
): Promise<Record<string, unknown>> {
  const name = token.startsWith(`${PACKAGE}:index:`) ? token.slice(`${PACKAGE}:index:`.length) : undefined;
  const fn = name === undefined ? undefined : FUNCTIONS[name];
  if (fn === undefined) throw new Error(`pulumi-resource-wpengine has no function ${token}`);
  const connection = {
    apiUrl: config?.get("wpengine:apiUrl"),
    apiUserId: config?.get("wpengine:apiUserId"),
    apiPassword: config?.get("wpengine:apiPassword"),
  };
  lookups.resetLookupCache();
  const result = await fn.run({ ...args, connection });
  return fn.list ? { [fn.list]: result } : (result as Record<string, unknown>);
}
