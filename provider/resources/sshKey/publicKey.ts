import { createHash } from "node:crypto";

/** Key types WP Engine's SSH gateway accepts. */
export const SSH_KEY_TYPES = [
  "ssh-ed25519",
  "ssh-rsa",
  "ecdsa-sha2-nistp256",
  "ecdsa-sha2-nistp384",
  "ecdsa-sha2-nistp521",
  "sk-ssh-ed25519@openssh.com",
  "sk-ecdsa-sha2-nistp256@openssh.com",
] as const;

/** A public key line judged: its normal form and MD5 fingerprint, or why it is not one. */
export type JudgedKey = { ok: true; line: string; fingerprint: string } | { ok: false; reason: string };

const EXAMPLE = '"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA... you@example.com" (the one line of a .pub file)';

/**
 * Judges a public key line as WP Engine will (type, base64 key data whose embedded type matches,
 * optional comment), so a bad key fails at preview with the reason instead of at `up`. The normal
 * form trims the line and folds runs of spaces, which is how it is stored and compared.
 */
export function judgePublicKey(raw: string): JudgedKey {
  const line = raw.trim().replace(/[ \t]+/g, " ");
  if (/PRIVATE KEY/.test(line)) {
    return {
      ok: false,
      reason:
        "publicKey holds a PRIVATE key. Never put one in a program or its config; give the public half instead, " +
        `the .pub file (e.g. ~/.ssh/id_ed25519.pub): ${EXAMPLE}`,
    };
  }
  if (/[\r\n]/.test(line)) return { ok: false, reason: `publicKey must be a single line: ${EXAMPLE}` };
  const [type = "", data = "", ...rest] = line.split(" ");
  if (!(SSH_KEY_TYPES as readonly string[]).includes(type)) {
    return {
      ok: false,
      reason: `publicKey starts with ${JSON.stringify(type.slice(0, 40))}, not a key type WP Engine accepts (${SSH_KEY_TYPES.join(", ")}). Use ${EXAMPLE}`,
    };
  }
  const blob = /^[A-Za-z0-9+/]+={0,2}$/.test(data) ? Buffer.from(data, "base64") : Buffer.alloc(0);
  if (!isKeyOfType(blob, type)) {
    return {
      ok: false,
      reason: `publicKey's key data is not a valid ${type} key (cut short, or copied with line breaks or other characters?). Copy the whole line of the .pub file: ${EXAMPLE}`,
    };
  }
  const fingerprint = createHash("md5")
    .update(blob)
    .digest("hex")
    .replace(/(..)(?!$)/g, "$1:");
  return { ok: true, line: [type, data, ...rest].join(" "), fingerprint };
}

/**
 * True when `blob` is SSH wire data that names `type` and carries at least one key field after it,
 * every length prefix landing exactly on the end (a key cut short or padded fails).
 */
function isKeyOfType(blob: Buffer, type: string): boolean {
  let offset = 0;
  let count = 0;
  let first = "";
  while (offset + 4 <= blob.length) {
    const next = offset + 4 + blob.readUInt32BE(offset);
    if (next > blob.length) return false;
    if (count === 0) first = blob.toString("latin1", offset + 4, next);
    count += 1;
    offset = next;
  }
  return offset === blob.length && count >= 2 && first === type;
}
