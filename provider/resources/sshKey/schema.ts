import { z } from "zod";
import { importId } from "../fields";
import { judgePublicKey } from "./publicKey";

/**
 * An MD5 key fingerprint as WP Engine lists it (`d5:2c:...`, 16 hex pairs); an `MD5:` prefix, as
 * `ssh-keygen -l -E md5` prints it, and capitals are accepted.
 */
export const md5Fingerprint = z
  .string({ error: "fingerprint must be a string" })
  .trim()
  .transform((v) => v.replace(/^MD5:/i, "").toLowerCase())
  .refine((v) => /^[0-9a-f]{2}(:[0-9a-f]{2}){15}$/.test(v), {
    error:
      'fingerprint must be an MD5 fingerprint as getSshKeys() or `ssh-keygen -l -E md5 -f key.pub` shows it, e.g. "d5:2c:...:9f" (16 hex pairs)',
  });

/** Inputs of an `SshKey`, validated and normalised by `check`. */
export const sshKeyInputs = z
  .object({
    publicKey: z
      .string({ error: "publicKey must be a string" })
      .transform((value, ctx) => {
        const judged = judgePublicKey(value);
        if (judged.ok) return judged.line;
        ctx.addIssue({ code: "custom", message: judged.reason });
        return z.NEVER;
      })
      .optional(),
    // A key adopted without its text (WP Engine's list has none): kept, never added again.
    fingerprint: md5Fingerprint.optional(),
    importId: importId.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.publicKey === undefined && v.fingerprint === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["publicKey"],
        message:
          'publicKey is required: the .pub line of the key, e.g. "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA... you@example.com" (or, to keep a key adopted with { import } whose text you do not have, its fingerprint)',
      });
    const judged = v.publicKey === undefined ? undefined : judgePublicKey(v.publicKey);
    if (judged?.ok && v.fingerprint !== undefined && judged.fingerprint !== v.fingerprint)
      ctx.addIssue({
        code: "custom",
        path: ["fingerprint"],
        message: `fingerprint ${v.fingerprint} is not that of publicKey (${judged.fingerprint}); give one of them, or both of the same key`,
      });
  });

/** Validated SshKey inputs. */
export type SshKeyInputs = z.infer<typeof sshKeyInputs>;
