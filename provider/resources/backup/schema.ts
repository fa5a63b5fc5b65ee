import { z } from "zod";
import { EXAMPLE_INSTALL_ID, email, timeoutMinutes, triggers, wpeId } from "../fields";

/** Inputs of a `Backup`, validated and normalised by `check`. */
export const backupInputs = z.object({
  installId: wpeId("install", EXAMPLE_INSTALL_ID),
  description: z
    .string({ error: "description must be a string" })
    .trim()
    .min(1, { error: "description must not be empty; WP Engine shows it in the backup list" })
    .max(1000, { error: "description is longer than 1000 characters" }),
  notificationEmails: z
    .array(email, { error: "notificationEmails must be a list of email addresses" })
    .min(1, {
      error: "notificationEmails needs at least one address: WP Engine mails it when the backup completes",
    })
    .max(20, { error: "notificationEmails lists more than 20 addresses" }),
  waitForCompletion: z.boolean({ error: "waitForCompletion must be true or false" }).optional(),
  timeoutMinutes: timeoutMinutes.optional(),
  triggers: triggers.optional(),
});

/** Validated Backup inputs. */
export type BackupInputs = z.infer<typeof backupInputs>;

/** Minutes a create waits for `completed` when `timeoutMinutes` is not set. */
export const DEFAULT_TIMEOUT_MINUTES = 60;
