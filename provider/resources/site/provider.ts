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
    recordOnly: ["deletionProtection"],
    protectable: true,
    loses: (props) =>
      `the site ${JSON.stringify(String(props.name ?? ""))} (WP Engine deletes a site's installs with it)`,
    subject: (props, id) => `site ${JSON.stringify(String(props.name ?? ""))}${id ? ` (${id})` : ""}`,
    // The account is the identity; the contract does not require it in the site's answer, so it is
    // then looked up in the declared account's list (as adoptSiteId does).
    importMismatches: async (found, inputs) => {
      const c = client();
      const site = await c.getSite(String(found.siteId));
      return (await inAccount(c, site, inputs.accountId))
        ? []
        : [
            [
              "accountId",
              site.account.id === undefined ? "another account" : JSON.stringify(site.account.id),
            ],
          ];
    },
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
      const c = client();
      const site = await getOrGone(c, id);
      if (!site) return;
      const label = `${JSON.stringify(site.name)} (${id})`;
      const found = await installsOf(c, site, String(props.accountId ?? ""));
      if ("undecided" in found) {
        throw new Error(
          `WP Engine's answer does not say which installs belong to site ${label}: ${found.undecided}. ` +
            "Deleting a site deletes its installs' websites, so pulumi-wpengine deletes a site only when it can show the site has none, and did not delete it. " +
            "Fix: check in the WP Engine User Portal that the site has no installs, then forget it with `pulumi state delete <urn>` " +
            "(`pulumi stack --show-urns` lists the urn) and delete it there.",
        );
      }
      if (found.installs.length > 0) {
        const names = found.installs.join(", ");
        throw new Error(
          `the site still has ${found.installs.length} install(s): ${names}. Deleting a site deletes its installs' websites, ` +
            "so pulumi-wpengine refuses. Fix: delete those installs first (their Install resources, or in the WP Engine " +
            `User Portal), or keep the site (\`pulumi state delete\` forgets it without deleting it). Site ${String(props.name ?? id)} was not changed.`,
        );
      }
      await c.deleteSite(id);
    },
  });
}

/**
 * The installs of a site (names, else ids), from a fresh read that cannot have left them out, or why
 * that cannot be told. The contract lets the site's answer omit `installs`, and an install's answer
 * omit `site`: only an `installs` array, or an account list in which every install names its site
 * (`null`: none), proves which installs a site has. The API's own refusal to delete a site with
 * installs is never relied on: the contract says the DELETE deletes them.
 */
async function installsOf(
  client: WpEngineClient,
  site: Site,
  knownAccountId: string,
): Promise<{ installs: string[] } | { undecided: string }> {
  if (site.installs !== undefined)
    return { installs: site.installs.map((i) => i.name ?? i.id ?? "(unnamed)") };
  const accountId = site.account.id ?? knownAccountId;
  if (accountId === "") {
    return {
      undecided:
        "the site's answer leaves out its installs and its account, so its account's installs cannot be listed",
    };
  }
  const ours: string[] = [];
  const unplaced: string[] = [];
  for await (const install of client.listInstalls({ accountId })) {
    if (install.site === undefined) unplaced.push(install.name);
    else if (install.site !== null && install.site.id.toLowerCase() === site.id.toLowerCase())
      ours.push(install.name);
  }
  // Known installs are named even when others cannot be placed: that alone settles the refusal.
  if (ours.length > 0 || unplaced.length === 0) return { installs: ours };
  const shown = unplaced.slice(0, 5).join(", ");
  return {
    undecided:
      `the site's answer leaves out its installs, and ${unplaced.length} install(s) of account ${accountId} are listed without their site ` +
      `(${shown}${unplaced.length > 5 ? ", ..." : ""})`,
  };
}

/**
 * Takes over an existing site by id (dynamic resources cannot be imported): it must be in the
 * declared account; a different name is changed to the declared one. From then on the resource owns
 * it: destroying the resource deletes the site (refused while it has installs).
 */
async function adopt(client: WpEngineClient, inputs: SiteInputs): Promise<{ id: string; outs: SiteOutputs }> {
  const id = String(inputs.adoptSiteId);
  const found = await client.getSite(id);
  if (!(await inAccount(client, found, inputs.accountId))) {
    throw new Error(
      `adoptSiteId ${id} is a site of account ${found.account.id ?? "(another account)"}, not of the declared accountId ${inputs.accountId}. ` +
        "Fix: declare the site's own account, or adopt a site of this account.",
    );
  }
  const site = found.name === inputs.name ? found : await client.renameSite(id, inputs.name);
  return { id: site.id, outs: { ...outputsOf(site, inputs.accountId), adoptSiteId: id } };
}

/** Whether `site` is in account `accountId`; the contract does not require the site's account id, so without it the account's sites are listed. */
async function inAccount(client: WpEngineClient, site: Site, accountId: string): Promise<boolean> {
  const wanted = accountId.toLowerCase();
  if (site.account.id !== undefined) return site.account.id.toLowerCase() === wanted;
  for await (const s of client.listSites({ accountId: wanted })) if (s.id === site.id) return true;
  return false;
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
