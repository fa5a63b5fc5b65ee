import * as pulumi from "@pulumi/pulumi";
import { providerShim } from "./shim";

/** Arguments of an {@link Install}. */
export interface InstallArgs {
  /** The account (UUID). Changing it replaces the install (its website is deleted). */
  accountId: pulumi.Input<string>;
  /**
   * The install name: 3 to 14 lowercase letters and digits, starting with a letter, unique across
   * all of WP Engine; it becomes `<name>.wpengine.com`. Changing it replaces the install.
   */
  name: pulumi.Input<string>;
  /** The site (UUID) the install belongs to. Changes in place. */
  siteId?: pulumi.Input<string>;
  /** `production`, `staging` or `development`. Changes in place. */
  environment?: pulumi.Input<"production" | "staging" | "development">;
}

/**
 * A WP Engine install: one WordPress environment (website) of a site. Site and environment change in
 * place; a new name or account replaces it, and **destroying or replacing it deletes the website**:
 * declare long-lived installs with `{ protect: true }`.
 */
export class Install extends pulumi.dynamic.Resource {
  /** The account id. */
  declare readonly accountId: pulumi.Output<string>;
  /** The install name. */
  declare readonly name: pulumi.Output<string>;
  /** The site id, when the install belongs to one. */
  declare readonly siteId: pulumi.Output<string | undefined>;
  /** The environment, when set. */
  declare readonly environment: pulumi.Output<string | undefined>;
  /** WP Engine's install id (the same as the resource id). */
  declare readonly installId: pulumi.Output<string>;
  /** The WP Engine host name (`<name>.wpengine.com`), the target of a DNS CNAME; null when not reported. */
  declare readonly cname: pulumi.Output<string | null>;
  /** The primary domain, or null. */
  declare readonly primaryDomain: pulumi.Output<string | null>;
  /** `active` or `pending` (still being provisioned), or null when not reported. */
  declare readonly status: pulumi.Output<string | null>;
  /** The PHP version, or null. */
  declare readonly phpVersion: pulumi.Output<string | null>;

  /** Declares an install; see {@link InstallArgs}. */
  constructor(name: string, args: InstallArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      providerShim("Install"),
      name,
      {
        ...args,
        installId: undefined,
        cname: undefined,
        primaryDomain: undefined,
        status: undefined,
        phpVersion: undefined,
      },
      opts,
      "wpengine",
      "Install",
    );
  }
}
