import * as pulumi from "@pulumi/pulumi";
import { importedFrom } from "./importing";
import { protectedOptions } from "./protection";
import { providerShim } from "./shim";

/** Arguments of a {@link Site}. */
export interface SiteArgs {
  /** The account (UUID) the site belongs to. Changing it replaces the site. */
  accountId: pulumi.Input<string>;
  /** The site's name in the WP Engine User Portal (not unique). Changes in place. */
  name: pulumi.Input<string>;
  /**
   * Take over this existing site (its id) instead of creating one: it must be in `accountId`, and
   * its name is set to `name`. Only read at create.
   *
   * @deprecated Use Pulumi's own resource option instead: `new Site(name, args, { import: "<siteId>" })`,
   * which does the same and works the same way for every kind of this package.
   */
  adoptSiteId?: pulumi.Input<string>;
  /**
   * On unless set to `false` in so many words. While on, any plan that would delete the site (its
   * removal from the program, `pulumi destroy`, or a replace after an account change) fails at
   * preview, before any write. Turning it off is an in-place change that sends nothing to WP Engine.
   * A plain boolean (not an Output), because it decides the plan.
   */
  deletionProtection?: boolean;
}

/** An install WP Engine lists under a {@link Site}. */
export interface SiteInstall {
  /** The install id (UUID). */
  id: string;
  /** The install name (e.g. `torquemag`), unique across WP Engine. */
  name: string;
  /** `production`, `staging` or `development`, or null when WP Engine has not set one. */
  environment: string | null;
}

/**
 * A WP Engine site: the group that holds a website's installs (production, staging, development).
 * Renaming changes it in place; moving it to another account replaces it. With
 * {@link SiteArgs.deletionProtection} (on by default) no plan may delete it; with it off, deleting is
 * still refused while WP Engine cannot show that it has no installs (it would delete their websites).
 */
export class Site extends pulumi.dynamic.Resource {
  /** The account id. */
  declare readonly accountId: pulumi.Output<string>;
  /** The site's name, as WP Engine reports it. */
  declare readonly name: pulumi.Output<string>;
  /** WP Engine's site id (the same as the resource id). */
  declare readonly siteId: pulumi.Output<string>;
  /** When WP Engine created the site (ISO 8601), or null when it did not say. */
  declare readonly createdAt: pulumi.Output<string | null>;
  /** Whether deleting the site is refused (see {@link SiteArgs.deletionProtection}). */
  declare readonly deletionProtection: pulumi.Output<boolean>;
  /** The installs WP Engine lists under the site at the last create, update or refresh. */
  declare readonly installs: pulumi.Output<SiteInstall[]>;

  /**
   * Declares a site; see {@link SiteArgs}. `{ import: "<siteId>" }` adopts an existing site instead
   * of creating one: its account must be the declared one (else preview fails), its name is changed in
   * place when it differs, and nothing else is written.
   */
  constructor(name: string, args: SiteArgs, opts?: pulumi.CustomResourceOptions) {
    const imported = importedFrom(opts);
    super(
      providerShim("Site"),
      name,
      {
        ...args,
        ...imported.importArgs,
        deletionProtection: args.deletionProtection !== false,
        siteId: undefined,
        createdAt: undefined,
        installs: undefined,
      },
      protectedOptions(args.deletionProtection, imported.opts),
      "wpengine",
      "Site",
    );
  }
}
