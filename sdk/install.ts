import * as pulumi from "@pulumi/pulumi";
import { importedFrom } from "./importing";
import { protectedOptions } from "./protection";
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
  /**
   * On unless set to `false` in so many words. While on, any plan that would delete the install (its
   * removal from the program, `pulumi destroy`, or a replace after a name or account change) fails at
   * preview, before any write: the engine's `protect` is set for you, and the provider refuses too.
   * Turning it off is an in-place change that sends nothing to WP Engine; run `pulumi up` with it
   * off first, then delete. A plain boolean (not an Output), because it decides the plan.
   */
  deletionProtection?: boolean;
}

/**
 * A WP Engine install: one WordPress environment (website) of a site. Site and environment change in
 * place; a new name or account replaces it, and **destroying or replacing it deletes the website**,
 * so {@link InstallArgs.deletionProtection} (on by default) refuses both at preview. Ids may be
 * written in any case, and the name in capitals: both are compared as WP Engine compares them.
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
  /** Whether deleting the install is refused (see {@link InstallArgs.deletionProtection}). */
  declare readonly deletionProtection: pulumi.Output<boolean>;
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

  /**
   * Declares an install; see {@link InstallArgs}. `{ import: "<installId>" }` adopts an existing
   * install instead of creating one: its account and name must be the declared ones (else preview
   * fails naming each), its site and environment are changed in place when they differ, and nothing
   * else is written.
   */
  constructor(name: string, args: InstallArgs, opts?: pulumi.CustomResourceOptions) {
    const imported = importedFrom(opts);
    super(
      providerShim("Install"),
      name,
      {
        ...args,
        ...imported.importArgs,
        deletionProtection: args.deletionProtection !== false,
        installId: undefined,
        cname: undefined,
        primaryDomain: undefined,
        status: undefined,
        phpVersion: undefined,
      },
      protectedOptions(args.deletionProtection, imported.opts),
      "wpengine",
      "Install",
    );
  }
}
