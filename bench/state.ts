/**
 * State size of a bench stack, read from the file backend's checkpoint: what every `up` rewrites and
 * what a team keeps in its backend.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/** Sizes of the current checkpoint. */
export interface StateSize {
  /** Bytes of the stack's checkpoint file as the backend wrote it. */
  fileBytes: number;
  /** AccountUser resources in it. */
  resources: number;
  /** `fileBytes / resources`: everything the state costs per managed user (null without users). */
  stateBytesPerResource: number | null;
  /** Mean bytes of the serialized `__provider` (inputs and outputs, as escaped in the file) per user. */
  providerBytesPerResource: number | null;
}

/** An AccountUser of the dynamic resources or of the provider plugin. */
const ACCOUNT_USER = new Set(["pulumi-nodejs:dynamic/wpengine:AccountUser", "wpengine:index:AccountUser"]);

interface CheckpointFile {
  checkpoint?: {
    latest?: {
      resources?: { type: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> }[];
    };
  };
}

/** The checkpoint file of the only stack in a file backend (`<backend>/.pulumi/stacks/<project>/<stack>.json`). */
export function checkpointPath(backendDir: string, stackName: string): string {
  const dir = join(backendDir, ".pulumi", "stacks");
  const [project] = readdirSync(dir);
  if (project === undefined) throw new Error(`no project in ${dir}`);
  return join(dir, project, `${stackName}.json`);
}

/** Measures the checkpoint of `stackName` in the file backend at `backendDir`. */
export function measureState(backendDir: string, stackName: string): StateSize {
  const file = checkpointPath(backendDir, stackName);
  const text = readFileSync(file, "utf8");
  const fileBytes = statSync(file).size;
  const resources = ((JSON.parse(text) as CheckpointFile).checkpoint?.latest?.resources ?? []).filter((r) =>
    ACCOUNT_USER.has(r.type),
  );
  if (resources.length === 0) {
    return { fileBytes, resources: 0, stateBytesPerResource: null, providerBytesPerResource: null };
  }
  const escaped = (v: unknown) => (v === undefined ? 0 : Buffer.byteLength(JSON.stringify(v)));
  const providerBytes = resources.reduce(
    (sum, r) => sum + escaped(r.inputs?.__provider) + escaped(r.outputs?.__provider),
    0,
  );
  return {
    fileBytes,
    resources: resources.length,
    stateBytesPerResource: Math.round(fileBytes / resources.length),
    providerBytesPerResource: Math.round(providerBytes / resources.length),
  };
}
