import { tryParseRole } from "../../provider/client/roles";
import type { Estate, ImportKind } from "./estate";
import { by, Names } from "./names";

/** One entry of a `pulumi import --file` file. */
export interface ImportFileEntry {
  type: string;
  name: string;
  id: string;
}

/**
 * The estate as a `pulumi import --file` file for the provider plugin (`wpengine:index:<Kind>`
 * tokens, the composite ids each kind is imported by): `pulumi import --file estate.json` then reads
 * every object, writes nothing at WP Engine, protects them all and prints the program (YAML here).
 * Same names and order as {@link renderProgram}; SSH keys only where WP Engine lists a fingerprint.
 */
export function renderImportFile(estate: Estate, only: ReadonlySet<ImportKind>): string {
  const names = new Names();
  const resources: ImportFileEntry[] = [];
  const add = (kind: string, name: string, id: string) =>
    resources.push({ type: `wpengine:index:${kind}`, name, id });
  for (const account of [...estate.accounts].sort(by((a) => a.accountId))) {
    if (only.has("sites"))
      for (const site of [...account.sites].sort(by((s) => `${s.name}\u0000${s.id}`)))
        add("Site", names.take("site", site.name), site.id);
    const installs = [...account.installs].sort(by((i) => i.name));
    if (only.has("installs")) for (const i of installs) add("Install", names.take("install", i.name), i.id);
    if (only.has("domains"))
      for (const i of installs)
        for (const d of [...(account.domains.get(i.id) ?? [])].sort(by((x) => x.name)))
          add("Domain", names.take("domain", d.name), `${i.id}/${d.id}`);
    if (only.has("users"))
      for (const u of [...account.users].sort(by((x) => x.email.toLowerCase())))
        if (tryParseRole(String(u.roles)) !== undefined)
          add("AccountUser", names.take("user", u.email), `${account.accountId}/${u.user_id}`);
  }
  if (only.has("keys"))
    for (const k of [...estate.keys].sort(by((x) => `${x.fingerprint ?? ""}\u0000${x.uuid ?? ""}`)))
      if (k.uuid !== undefined && k.fingerprint !== undefined)
        add("SshKey", names.take("key", k.comment ?? k.fingerprint), k.uuid);
  return `${JSON.stringify({ resources }, null, 2)}\n`;
}
