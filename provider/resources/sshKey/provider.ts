import type { WpEngineClient } from "../../client/client";
import { AlreadyExistsError, ApiError, BadRequestError } from "../../client/errors";
import type { SshKey } from "../../client/schemas";
import { LifecycleProvider } from "../lifecycle";
import { Snapshots } from "../snapshots";
import { judgePublicKey } from "./publicKey";
import { type SshKeyInputs, sshKeyInputs } from "./schema";

/** Outputs of an SshKey: its input plus what WP Engine reports. */
export interface SshKeyOutputs extends Record<string, unknown> {
  publicKey: string;
  keyId: string;
  fingerprint: string;
  comment: string | null;
  createdAt: string | null;
}

/**
 * The engine-side implementation of `wpengine:SshKey`: one SSH public key of the person behind the
 * API credentials. Its identity is the key itself (the fingerprint), not the comment after it: a
 * `publicKey` that differs only in its comment is recorded in place with no request (WP Engine keeps
 * the comment it was given; the `comment` output says which). Another key is a rotation: the new key
 * is added before the old one is removed, so a refused or rate-limited add leaves the old key working.
 * The API cannot read one key, so reads list the keys, once per refresh for all of them.
 */
export function sshKeyProvider(
  client: () => WpEngineClient,
  now: () => number = Date.now,
): LifecycleProvider<SshKeyInputs> {
  // One list of the person's keys serves every read of a refresh; writes forget it.
  const lists = new Snapshots<SshKey[]>(() => collectKeys(client()), now);
  const keys = () => lists.get("keys");
  // By id; by fingerprint only for a key listed without an id (the contract requires neither).
  const find = async (id: string, fingerprint: unknown) =>
    (await keys()).find((k) => k.uuid === id || (k.uuid === undefined && k.fingerprint === fingerprint));
  const withFingerprint = async (fingerprint: string) =>
    (await keys()).find((k) => k.fingerprint === fingerprint);
  const provider = new LifecycleProvider<SshKeyInputs>({
    type: "SshKey",
    schema: sshKeyInputs,
    inPlace: [],
    loses: (props) =>
      `the SSH key ${String(props.fingerprint ?? fingerprintOf(props.publicKey))} (deploys and git pushes that use it stop working)`,
    subject: (props, id) =>
      `SSH key ${String(props.fingerprint ?? fingerprintOf(props.publicKey))}${id ? ` (${id})` : ""}`,
    // The key is its identity, not the comment: an imported key must have the declared fingerprint.
    // Without a fingerprint in WP Engine's list (the contract requires none) it cannot be shown to
    // be the declared key, and recording another key's text would make the state disagree.
    importMismatches: async (found, inputs) => {
      const listed = (await keys()).find((k) => k.uuid === found.keyId);
      if (listed?.fingerprint === undefined)
        return [
          [
            "publicKey",
            "a key whose fingerprint its list does not report, so it cannot be shown to be this one",
          ],
        ];
      return listed.fingerprint === fingerprintOf(inputs.publicKey)
        ? []
        : [["publicKey", `the key with fingerprint ${listed.fingerprint}`]];
    },
    create: async (inputs) => {
      const fingerprint = fingerprintOf(inputs.publicKey);
      lists.forget("keys");
      let key: SshKey;
      try {
        key = await client().createSshKey(inputs.publicKey, fingerprint);
      } catch (err) {
        // The client found it before posting; else WP Engine refused it (400), which is looked up.
        const existing =
          err instanceof AlreadyExistsError
            ? { uuid: err.existingId }
            : err instanceof BadRequestError
              ? await withFingerprint(fingerprint)
              : undefined;
        if (!existing) throw err;
        // Not taken over: a key added by hand may serve someone else, and destroy would remove it.
        throw new Error(
          `publicKey: nothing was added, because the person behind the API credentials already has this key (id ${existing.uuid ?? "unknown"}, fingerprint ${fingerprint}), ` +
            `added outside this stack. Fix: ${existing.uuid === undefined ? "" : `adopt it into this stack with the \`import\` resource option (\`{ import: "${existing.uuid}" }\`); or `}` +
            "drop this SshKey from the program and read the key with getSshKeys(); or, if this stack should own a new one, remove it in the WP Engine User Portal (SSH keys), then run `pulumi up` again.",
        );
      }
      if (key.uuid === undefined) key = (await withFingerprint(fingerprint)) ?? key;
      if (key.uuid === undefined) {
        throw new Error(
          `WP Engine added the key (fingerprint ${fingerprint}) but reported no id for it. Run \`pulumi refresh\` ` +
            "after it appears in `getSshKeys`, or remove it in the WP Engine User Portal before running again.",
        );
      }
      return { id: key.uuid, outs: outputsOf(key, inputs.publicKey) };
    },
    read: async (id, props) => {
      const key = await find(id, props.fingerprint);
      return key && { ...props, ...outputsOf(key, String(props.publicKey ?? "")) };
    },
    delete: async (id, props) => {
      lists.forget("keys");
      try {
        await client().deleteSshKey(id);
      } catch (err) {
        // The contract documents no 404 for this DELETE: a refusal may mean "already gone". Look.
        if (!(err instanceof ApiError) || (await find(id, props.fingerprint)) !== undefined) throw err;
      }
    },
  });
  const diff = provider.diff.bind(provider);
  provider.diff = async (id, olds, news) => {
    const fingerprint = typeof news.publicKey === "string" ? fingerprintOf(news.publicKey) : "";
    // The same key with another comment: WP Engine cannot change it and need not, so no replace
    // (which would delete the key and add the same one back, or fail on a key it already has).
    if (fingerprint !== "" && fingerprint === fingerprintOf(olds.publicKey)) {
      const changes = String(news.publicKey).trim() !== String(olds.publicKey ?? "").trim();
      return { changes, replaces: [], stables: ["publicKey"], deleteBeforeReplace: false };
    }
    return diff(id, olds, news);
  };
  return provider;
}

async function collectKeys(client: WpEngineClient): Promise<SshKey[]> {
  const all: SshKey[] = [];
  for await (const key of client.listSshKeys()) all.push(key);
  return all;
}

function fingerprintOf(publicKey: unknown): string {
  const judged = judgePublicKey(String(publicKey ?? ""));
  return judged.ok ? judged.fingerprint : "";
}

function outputsOf(key: SshKey, publicKey: string): SshKeyOutputs {
  return {
    publicKey,
    keyId: key.uuid ?? "",
    fingerprint: key.fingerprint ?? fingerprintOf(publicKey),
    comment: key.comment ?? null,
    createdAt: key.created_at ?? null,
  };
}
