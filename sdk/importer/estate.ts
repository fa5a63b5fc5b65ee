import type { WpEngineClient } from "../../provider/client/client";
import type { AccountUser, Domain, Installation, Site, SshKey } from "../../provider/client/schemas";

/** The kinds `wpengine-import` can write, as `--only` names them. */
export const IMPORT_KINDS = ["sites", "installs", "domains", "keys", "users"] as const;
/** One of {@link IMPORT_KINDS}. */
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** What one account holds, as WP Engine's lists report it. */
export interface AccountEstate {
  accountId: string;
  sites: Site[];
  installs: Installation[];
  /** The domains of each install, by install id. */
  domains: Map<string, Domain[]>;
  users: AccountUser[];
}

/** Everything the credentials see, for the program writer. */
export interface Estate {
  accounts: AccountEstate[];
  /** The SSH keys of the person behind the credentials (not per account). */
  keys: SshKey[];
}

/**
 * Reads an estate with list calls only (every page; one domain list per install, since the API has
 * no account-wide one), never a GET per object. `accountIds` empty: every account the credentials
 * see. `progress` hears one line per account, for large estates.
 */
export async function collectEstate(
  client: WpEngineClient,
  opts: { accountIds: string[]; only: ReadonlySet<ImportKind>; progress?: (line: string) => void },
): Promise<Estate> {
  const accountIds = opts.accountIds.length > 0 ? opts.accountIds : await allAccountIds(client);
  const wants = (k: ImportKind) => opts.only.has(k);
  const accounts: AccountEstate[] = [];
  for (const accountId of accountIds) {
    const sites = wants("sites") || wants("installs") ? await collect(client.listSites({ accountId })) : [];
    const installs =
      wants("installs") || wants("domains") || wants("users")
        ? await collect(client.listInstalls({ accountId }))
        : [];
    const domains = new Map<string, Domain[]>();
    if (wants("domains"))
      for (const i of installs) domains.set(i.id, await collect(client.listDomains(i.id)));
    const users = wants("users") ? await client.listAccountUsers(accountId) : [];
    accounts.push({ accountId, sites, installs, domains, users });
    opts.progress?.(
      `account ${accountId}: ${sites.length} site(s), ${installs.length} install(s), ${[...domains.values()].flat().length} domain(s), ${users.length} user(s)`,
    );
  }
  const keys = wants("keys") ? await collect(client.listSshKeys()) : [];
  return { accounts, keys };
}

async function allAccountIds(client: WpEngineClient): Promise<string[]> {
  return (await collect(client.listAccounts())).map((a) => a.id);
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
