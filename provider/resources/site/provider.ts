import type { WpEngineClient } from "../../client/client";
import { NotFoundError } from "../../client/errors";
import type { Site } from "../../client/schemas";
import { LifecycleProvider } from "../lifecycle";
import { type SiteInputs, siteInputs } from "./schema";

/** Outputs of a Site: its inputs plus what WP Engine reports. */
export interface SiteOutputs extends Record<string, unknown> {
  accountId: string;
  name: string;
  siteId: string;
  createdAt: string | null;
  /** The installs WP Engine lists under the site (id, name, environment). */
  installs: { id: string; name: string; environment: string | null }[];
}

/**
 * The engine-side implementation of `wpengine:Site`: a site (a group of installs) in one account.
 * The name changes in place; another account replaces it. Deleting is refused while the site still
 * has installs: WP Engine would take their websites with it, and Pulumi must never do that as a side
 * effect of removing a site from a program.
 */
export function siteProvider(client: () => WpEngineClient): LifecycleProvider<SiteInputs> {
  return new LifecycleProvider<SiteInputs>({
    type: "Site",
    schema: siteInputs,
    inPlace: ["name"],
    createOnly: ["adoptSiteId"],
    subject: (props, id) => `site ${JSON.stringify(String(props.name ?? ""))}${id ? ` (${id})` : ""}`,
    create: async (inputs) => {
      if (inputs.adoptSiteId !== undefined) return adopt(client(), inputs);
      const site = await client().createSite(inputs);
      return { id: site.id, outs: outputsOf(site, inputs.accountId) };
    },
    read: async (id, props) => {
      const site = await getOrGone(client(), id);
      return site && { ...props, ...outputsOf(site, String(props.accountId ?? "")) };
    },
    update: async (id, _olds, inputs) => {
      return outputsOf(await client().renameSite(id, inputs.name), inputs.accountId);
    },
    delete: async (id, props) => {
      const site = await getOrGone(client(), id);
      if (!site) return;
      const installs = site.installs ?? [];
      if (installs.length > 0) {
        const names = installs.map((i) => i.name ?? i.id).join(", ");
        throw new Error(
          `the site still has ${installs.length} install(s): ${names}. Deleting a site deletes its installs' websites, ` +
            "so pulumi-wpengine refuses. Fix: delete those installs first (their Install resources, or in the WP Engine " +
            `User Portal), or keep the site (\`pulumi state delete\` forgets it without deleting it). Site ${String(props.name ?? id)} was not changed.`,
        );
      }
      await client().deleteSite(id);
    },
  });
}

/**
 * Takes over an existing site by id (dynamic resources cannot be imported): it must be in the
 * declared account; a different name is changed to the declared one. From then on the resource owns
 * it: destroying the resource deletes the site (refused while it has installs).
 */
async function adopt(client: WpEngineClient, inputs: SiteInputs): Promise<{ id: string; outs: SiteOutputs }> {
  const id = String(inputs.adoptSiteId);
  const found = await client.getSite(id);
  const wanted = inputs.accountId.toLowerCase();
  // The contract does not require the site's account id; without it, look in the declared account.
  const inAccount =
    found.account.id !== undefined
      ? found.account.id.toLowerCase() === wanted
      : await (async () => {
          for await (const s of client.listSites({ accountId: wanted })) if (s.id === found.id) return true;
          return false;
        })();
  if (!inAccount) {
    throw new Error(
      `adoptSiteId ${id} is a site of account ${found.account.id ?? "(another account)"}, not of the declared accountId ${inputs.accountId}. ` +
        "Fix: declare the site's own account, or adopt a site of this account.",
    );
  }
  const site = found.name === inputs.name ? found : await client.renameSite(id, inputs.name);
  return { id: site.id, outs: { ...outputsOf(site, inputs.accountId), adoptSiteId: id } };
}

async function getOrGone(client: WpEngineClient, id: string): Promise<Site | undefined> {
  try {
    return await client.getSite(id);
  } catch (err) {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  }
}

/** Outputs from an API answer; `accountId` falls back to the known one (the contract does not require it). */
function outputsOf(site: Site, accountId: string): SiteOutputs {
  return {
    accountId: site.account.id ?? accountId,
    name: site.name,
    siteId: site.id,
    createdAt: site.created_at ?? null,
    installs: (site.installs ?? []).map((i) => ({
      id: i.id ?? "",
      name: i.name ?? "",
      environment: i.environment ?? null,
    })),
  };
}
