/**
 * What the emulator, like WP Engine, checks in a posted SSH public key: one line of
 * `<type> <base64 blob> [comment]` whose blob is a real key of that type (the blob starts with its
 * type name). The fingerprint is the classic MD5 form the contract's example shows.
 */
import { createHash } from "node:crypto";

/**
 * Key types WP Engine's git and SFTP gateways accept. The provider keeps its own list on purpose
 * (provider/resources/sshKey/publicKey.ts): the emulator stands for WP Engine, so it never borrows
 * the client's rules, and a disagreement shows up as a failing e2e test instead of passing unseen.
 */
export const KEY_TYPES = [
  "ssh-ed25519",
  "ssh-rsa",
  "ecdsa-sha2-nistp256",
  "ecdsa-sha2-nistp384",
  "ecdsa-sha2-nistp521",
  "sk-ssh-ed25519@openssh.com",
  "sk-ecdsa-sha2-nistp256@openssh.com",
] as const;

/** A parsed public key line. */
export interface PublicKey {
  type: string;
  blob: Buffer;
  comment: string;
}

/** Parses a public key line; undefined when it is not one. */
export function parsePublicKey(line: string): PublicKey | undefined {
  const match = /^(\S+) ([A-Za-z0-9+/]+={0,2})(?: (.*))?$/.exec(line.trim());
  if (!match) return undefined;
  const [, type = "", b64 = "", comment = ""] = match;
  if (!(KEY_TYPES as readonly string[]).includes(type)) return undefined;
  const blob = Buffer.from(b64, "base64");
  const fields = wireFields(blob);
  // The blob is the type name then the key's own fields, each length-prefixed, nothing left over.
  if (!fields || fields.length < 2 || fields[0]?.toString("latin1") !== type) return undefined;
  return { type, blob, comment: comment.trim() };
}

/** Splits SSH wire-format data into its length-prefixed strings; undefined when it is cut or padded. */
function wireFields(data: Buffer): Buffer[] | undefined {
  const fields: Buffer[] = [];
  let at = 0;
  while (at < data.length) {
    if (at + 4 > data.length) return undefined;
    const end = at + 4 + data.readUInt32BE(at);
    if (end > data.length) return undefined;
    fields.push(data.subarray(at + 4, end));
    at = end;
  }
  return fields;
}

/** `aa:bb:...`: the MD5 of the key blob in hex pairs. */
export function md5Fingerprint(blob: Buffer): string {
  return createHash("md5").update(blob).digest("hex").match(/../g)?.join(":") ?? "";
}

/** A syntactically real ed25519 public key line derived from `label` (for seeds and tests). */
export function samplePublicKey(label: string, comment = `${label}@example.com`): string {
  const type = Buffer.from("ssh-ed25519", "latin1");
  const key = createHash("sha256").update(`wpengine-emulator:ssh:${label}`).digest();
  const blob = Buffer.alloc(4 + type.length + 4 + key.length);
  blob.writeUInt32BE(type.length, 0);
  type.copy(blob, 4);
  blob.writeUInt32BE(key.length, 4 + type.length);
  key.copy(blob, 8 + type.length);
  return `ssh-ed25519 ${blob.toString("base64")} ${comment}`;
}
