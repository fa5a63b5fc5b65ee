import type * as pulumi from "@pulumi/pulumi";
import * as lookups from "../sdk/lookups";
import { PACKAGE } from "./kinds";

type Args = Record<string, unknown>;

/** One lookup served as a function, and the SDK declarations its schema entry is read from. */
export interface PluginFunction {
  /** The interface of its arguments in sdk/lookups.ts. */
  args: string;
  /** The interface of what it returns (of each item, for a list) in sdk/lookups.ts. */
  returns: string;
  /** For a lookup that returns a list: the field the list comes back under. */
  list?: string;
  run: (args: Args) => Promise<unknown>;
}

/**
 * The lookups as provider functions (`wpengine:index:getSite`, ...): the same code the TypeScript
 * lookups run, read as the provider is configured (so an explicit provider reads its own account).
 * A list comes back under a named field (`{ sites: [...] }`), because a function returns an object.
 * The one table: the schema generator reads its entries too.
 */
export const FUNCTIONS: Record<string, PluginFunction> = {
  getSite: {
    args: "GetSiteArgs",
    returns: "SiteInfo",
    run: (a) => lookups.getSite(a as unknown as lookups.GetSiteArgs),
  },
  getSites: { args: "GetSitesArgs", returns: "SiteInfo", list: "sites", run: (a) => lookups.getSites(a) },
  getInstall: { args: "GetInstallArgs", returns: "InstallInfo", run: (a) => lookups.getInstall(a) },
  getInstalls: {
    args: "GetInstallsArgs",
    returns: "InstallInfo",
    list: "installs",
    run: (a) => lookups.getInstalls(a),
  },
  getDomains: {
    args: "GetDomainsArgs",
    returns: "DomainInfo",
    list: "domains",
    run: (a) => lookups.getDomains(a as unknown as lookups.GetDomainsArgs),
  },
  getSshKeys: {
    args: "GetSshKeysArgs",
    returns: "SshKeyInfo",
    list: "sshKeys",
    run: (a) => lookups.getSshKeys(a),
  },
  getAccountLimits: {
    args: "GetAccountLimitsArgs",
    returns: "AccountLimitsInfo",
    run: (a) => lookups.getAccountLimits(a as unknown as lookups.GetAccountLimitsArgs),
  },
};

/**
 * Runs the function a token names with the provider's connection. As in a TypeScript program, list
 * walks are memoized for the process (one `pulumi` command, keyed by connection): many lookups by
 * name cost one paged walk.
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
  const result = await fn.run({ ...args, connection });
  return fn.list ? { [fn.list]: result } : (result as Record<string, unknown>);
}
