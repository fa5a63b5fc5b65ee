import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { CONFIG_KEYS, type ExplicitClientConfig } from "../../provider/client/config";

/**
 * The WP Engine settings a stack's config holds (`wpengine:apiUrl`, `wpengine:apiUserId`, the secret
 * `wpengine:apiPassword`), read the way the provider gets them: decrypted by the Pulumi CLI for the
 * stack of the project in `cwd`. A key the stack does not set is left out, so the caller falls back to
 * the environment, as the provider does.
 */
export async function stackConnection(stack: string, cwd: string): Promise<ExplicitClientConfig> {
  const workspace = await LocalWorkspace.create({ workDir: cwd });
  const config = await workspace.getAllConfig(stack);
  const value = (key: string) => config[key]?.value;
  return {
    apiUrl: value(CONFIG_KEYS.apiUrl),
    apiUserId: value(CONFIG_KEYS.apiUserId),
    apiPassword: value(CONFIG_KEYS.apiPassword),
  };
}
