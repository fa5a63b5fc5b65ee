import * as pulumi from "@pulumi/pulumi";
import { importedFrom } from "./importing";
import { providerShim } from "./shim";

/** Arguments of a {@link Domain}. */
export interface DomainArgs {
  /** The install (UUID) that serves the domain. Changing it replaces the domain. */
  installId: pulumi.Input<string>;
  /** The host name, e.g. `www.example.com` (no scheme or path). Changing it replaces the domain. */
  name: pulumi.Input<string>;
  /** Make it the install's primary domain (the previous primary stops being one). Changes in place. */
  primary?: pulumi.Input<boolean>;
  /** Redirect it to another domain (id) of the same install. Changes in place. */
  redirectTo?: pulumi.Input<string>;
  /** Serve every URL over HTTPS. Changes in place. */
  secureAllUrls?: pulumi.Input<boolean>;
}

/**
 * A domain (host name) served by a WP Engine install. Primary, redirect and secure-all-URLs change in
 * place; another name or install replaces it. A refresh reads all domains of an install with one list
 * call. Point the domain's DNS at the install's `cname` yourself; WP Engine does not manage your DNS.
 */
export class Domain extends pulumi.dynamic.Resource {
  /** The install id. */
  declare readonly installId: pulumi.Output<string>;
  /** The host name. */
  declare readonly name: pulumi.Output<string>;
  /** Whether it is the install's primary domain. */
  declare readonly primary: pulumi.Output<boolean>;
  /** The domain it redirects to, when it does. */
  declare readonly redirectTo: pulumi.Output<string | undefined>;
  /** Whether every URL is served over HTTPS. */
  declare readonly secureAllUrls: pulumi.Output<boolean>;
  /** WP Engine's domain id (the same as the resource id). */
  declare readonly domainId: pulumi.Output<string>;

  /**
   * Declares a domain; see {@link DomainArgs}. `{ import: "<installId>/<domainId>" }` adopts an
   * existing domain of the install instead of adding one: its name must be the declared one (else
   * preview fails), `primary`, `redirectTo` and `secureAllUrls` are changed in place when they differ.
   */
  constructor(name: string, args: DomainArgs, opts?: pulumi.CustomResourceOptions) {
    const imported = importedFrom(opts);
    super(
      providerShim("Domain"),
      name,
      { ...args, ...imported.importArgs, domainId: undefined },
      imported.opts,
      "wpengine",
      "Domain",
    );
  }
}
