import { z } from "zod";
import type { WpEngineClient } from "../../client/client";
import { ActionProvider } from "../action";
import { EXAMPLE_INSTALL_ID, email, triggers, wpeId } from "../fields";

/** Inputs of an `InstallCopy`, validated and normalised by `check`. */
export const installCopyInputs = z
  .object({
    sourceInstallId: wpeId("install", EXAMPLE_INSTALL_ID),
    destinationInstallId: wpeId("install", EXAMPLE_INSTALL_ID),
    notificationEmails: z
      .array(email, { error: "notificationEmails must be a list of email addresses" })
      .optional(),
    includeFiles: z.boolean({ error: "includeFiles must be true or false" }).optional(),
    includeDatabase: z.boolean({ error: "includeDatabase must be true or false" }).optional(),
    databaseTables: z
      .array(z.string().min(1, { error: "a table name must not be empty" }), {
        error: "databaseTables must be a list of table names",
      })
      .optional(),
    triggers: triggers.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.sourceInstallId.toLowerCase() === v.destinationInstallId.toLowerCase())
      ctx.addIssue({
        code: "custom",
        path: ["destinationInstallId"],
        message:
          "destinationInstallId is the source install: a copy overwrites the destination, so they must differ.",
      });
    if (v.includeDatabase === false && v.databaseTables !== undefined)
      ctx.addIssue({
        code: "custom",
        path: ["databaseTables"],
        message: "databaseTables needs the database: drop it, or set includeDatabase to true.",
      });
  });

/** Validated InstallCopy inputs. */
export type InstallCopyInputs = z.infer<typeof installCopyInputs>;

/**
 * The engine-side implementation of `wpengine:InstallCopy`: copies one install onto another of the
 * same account (overwriting the destination) once, and again only when `triggers` change. New ids
 * of the source or destination (an install replaced, or recreated after a portal deletion) or other
 * options are recorded without copying: a new, empty install is never copied over an existing one
 * unless the triggers say so. WP Engine accepts the copy and offers no way to follow it, so `up` does
 * not wait; the notification emails say when it is done.
 */
export function installCopyProvider(client: () => WpEngineClient): ActionProvider<InstallCopyInputs> {
  return new ActionProvider<InstallCopyInputs>({
    type: "InstallCopy",
    schema: installCopyInputs,
    subject: (props) => `install ${String(props.sourceInstallId)} onto ${String(props.destinationInstallId)}`,
    perform: (inputs) => {
      const options = {
        ...(inputs.includeFiles !== undefined ? { include_files: inputs.includeFiles } : {}),
        ...(inputs.includeDatabase !== undefined ? { include_db: inputs.includeDatabase } : {}),
        ...(inputs.databaseTables !== undefined ? { db_tables: inputs.databaseTables } : {}),
      };
      return client().copyInstall({
        source_environment_id: inputs.sourceInstallId,
        destination_environment_id: inputs.destinationInstallId,
        ...(inputs.notificationEmails ? { notification_emails: inputs.notificationEmails } : {}),
        ...(Object.keys(options).length > 0 ? { custom_options: options } : {}),
      });
    },
  });
}
