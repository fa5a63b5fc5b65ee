import { z } from "zod";
import { importId } from "../fields";
import { judgePublicKey } from "./publicKey";

/** Inputs of an `SshKey`, validated and normalised by `check`. */
export const sshKeyInputs = z.object({
  publicKey: z.string({ error: "publicKey must be a string" }).transform((value, ctx) => {
    const judged = judgePublicKey(value);
    if (judged.ok) return judged.line;
    ctx.addIssue({ code: "custom", message: judged.reason });
    return z.NEVER;
  }),
  importId: importId.optional(),
});

/** Validated SshKey inputs. */
export type SshKeyInputs = z.infer<typeof sshKeyInputs>;
