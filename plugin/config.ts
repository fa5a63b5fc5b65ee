import type * as pulumi from "@pulumi/pulumi";

/**
 * The provider's configuration as the dynamic providers read it (`config.get("wpengine:apiUrl")`),
 * from a Configure request: the provider resource's arguments (`apiUserId`, `apiPassword`, `apiUrl`,
 * from stack config `wpengine:*` for the default provider, or an explicit provider's inputs), else
 * the older `variables` map (`wpengine:config:apiUrl`). Secrets arrive unwrapped (the service does
 * not accept secrets). Nothing here is written anywhere: the engine keeps the provider's inputs in
 * the state itself, with the password encrypted as the secret the schema declares it to be.
 */
export function configFromArgs(
  args: Record<string, unknown>,
  variables?: { get(key: string): string | undefined },
): pulumi.dynamic.Config {
  const get = (key: string): string | undefined => {
    const name = key.startsWith("wpengine:") ? key.slice("wpengine:".length) : key;
    const value = args[name];
    if (typeof value === "string" && value !== "") return value;
    const variable = variables?.get(`wpengine:config:${name}`);
    return variable === undefined || variable === "" ? undefined : variable;
  };
  return {
    get,
    require: (key: string) => {
      const value = get(key);
      if (value === undefined) throw new Error(`missing required configuration ${key}`);
      return value;
    },
  };
}
