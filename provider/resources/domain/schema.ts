import { z } from "zod";
import { EXAMPLE_INSTALL_ID, importId, wpeId } from "../fields";

const HOSTNAME = /^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/;
const EXAMPLE_DOMAIN_ID = "e41fa98f-ea80-4654-b229-a9b765d0863a";

/** Inputs of a `Domain`, validated and normalised by `check`. */
export const domainInputs = z.object({
  installId: wpeId("install", EXAMPLE_INSTALL_ID),
  name: z
    .string({ error: "name must be a string" })
    .trim()
    .toLowerCase()
    .refine((v) => HOSTNAME.test(v), {
      error: (issue) =>
        /[/:]/.test(String(issue.input))
          ? `name ${JSON.stringify(issue.input)} is a URL; give the host name only, e.g. "www.example.com" (no https:// or path).`
          : `name ${JSON.stringify(issue.input)} is not a host name; use a name such as "www.example.com".`,
    }),
  primary: z.boolean({ error: "primary must be true or false" }).optional(),
  redirectTo: wpeId("domain", EXAMPLE_DOMAIN_ID).optional(),
  secureAllUrls: z.boolean({ error: "secureAllUrls must be true or false" }).optional(),
  importId: importId.optional(),
});

/** Validated Domain inputs. */
export type DomainInputs = z.infer<typeof domainInputs>;
