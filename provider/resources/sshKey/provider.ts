import type { WpEngineClient } from "../../client/client";
import { AlreadyExistsError, ApiError, BadRequestError } from "../../client/errors";
import type { SshKey } from "../../client/schemas";
import { LifecycleProvider } from "../lifecycle";
import { Snapshots } from "../snapshots";
import { containsUnknown } from "../unknown";
import { judgePublicKey } from "./publicKey";
import { type SshKeyInputs, sshKeyInputs } from "./schema";

/** Outputs of an SshKey: its input plus what WP Engine reports. */
export interface SshKeyOutputs extends Record<string, unknown> {
  /** Absent for a key adopted by fingerprint only. */
  publicKey?: string;
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
 * The API cannot read one key, so reads list the keys, once per refresh for all of them. A key adopted
 * with `{ import }` may be declared by `fingerprint` alone (WP Engine's list has no key text): it is
 * kept and protected like any other, but never added, since nothing can add a key from a fingerprint.
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
      return listed.fingerprint === declaredFingerprint(inputs)
        ? []
        : [["publicKey", `the key with fingerprint ${listed.fingerprint}`]];
    },
    create: async (inputs) => {
      // check refuses this at preview; kept here so that no path can post a key it does not have.
      if (inputs.publicKey === undefined) throw new Error(needsText(inputs.fingerprint));
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
      return (
        key && {
          ...props,
          ...outputsOf(key, typeof props.publicKey === "string" ? props.publicKey : undefined),
        }
      );
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
  const check = provider.check.bind(provider);
  provider.check = async (olds, news) => {
    const checked = await check(olds, news);
    const inputs = checked.inputs ?? {};
    if ((checked.failures ?? []).length > 0 || inputs.publicKey !== undefined) return checked;
    if (containsUnknown(inputs.fingerprint)) return checked;
    // Declared by fingerprint only: fine for a key being imported or already in the state as that
    // key; anything that would add a key (a new resource, another fingerprint) needs its text.
    const adds =
      Object.keys(olds).length === 0
        ? typeof inputs.importId !== "string"
        : olds.fingerprint !== inputs.fingerprint;
    if (!adds) return checked;
    return { inputs: news, failures: [{ property: "publicKey", reason: needsText(inputs.fingerprint) }] };
  };
  const diff = provider.diff.bind(provider);
  provider.diff = async (id, olds, news) => {
    const fingerprint = declaredFingerprint(news);
    // The same key with another comment, or declared by its fingerprint: WP Engine cannot change it
    // and need not, so no replace (which would delete the key and add the same one back, or fail on
    // a key it already has). A text given (again) is recorded; dropping it keeps the recorded one.
    const recorded =
      typeof olds.fingerprint === "string" && olds.fingerprint !== ""
        ? olds.fingerprint
        : fingerprintOf(olds.publicKey);
    if (fingerprint !== "" && fingerprint === recorded) {
      const changes =
        typeof news.publicKey === "string" && news.publicKey.trim() !== String(olds.publicKey ?? "").trim();
      return { changes, replaces: [], stables: ["publicKey", "fingerprint"], deleteBeforeReplace: false };
    }
    const planned = await diff(id, olds, news);
    // `fingerprint` is also an output: undeclared, it follows the key and is no reason of its own.
    if (news.fingerprint !== undefined) return planned;
    return { ...planned, replaces: planned.replaces?.filter((k) => k !== "fingerprint") };
  };
  return provider;
}

async function collectKeys(client: WpEngineClient): Promise<SshKey[]> {
  const all: SshKey[] = [];
  for await (const key of client.listSshKeys()) all.push(key);
  return all;
}

/** The fingerprint the inputs declare: of `publicKey` when given, else `fingerprint` as written. */
function declaredFingerprint(inputs: Record<string, unknown>): string {
  // Inputs reach diff and create after check, which normalised `fingerprint` (schema.ts).
  if (typeof inputs.publicKey === "string") return fingerprintOf(inputs.publicKey);
  return typeof inputs.fingerprint === "string" ? inputs.fingerprint : "";
}

function needsText(fingerprint: unknown): string {
  return (
    `publicKey is required to add a key: WP Engine cannot add one from its fingerprint (${String(fingerprint)}). ` +
    'A fingerprint alone only keeps a key that is already there: adopt it with { import: "<keyId>" } (getSshKeys() lists the ids), ' +
    "or, to add the key (again, if it was removed at WP Engine), give its .pub line as publicKey."
  );
}

function fingerprintOf(publicKey: unknown): string {
  const judged = judgePublicKey(String(publicKey ?? ""));
  return judged.ok ? judged.fingerprint : "";
}

function outputsOf(key: SshKey, publicKey: string | undefined): SshKeyOutputs {
  return {
    ...(publicKey === undefined ? {} : { publicKey }),
    keyId: key.uuid ?? "",
    fingerprint: key.fingerprint ?? fingerprintOf(publicKey),
    comment: key.comment ?? null,
    createdAt: key.created_at ?? null,
  };
}
