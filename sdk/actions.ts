import * as pulumi from "@pulumi/pulumi";
import { providerShim } from "./shim";

/** Arguments of a {@link CachePurge}. */
export interface CachePurgeArgs {
  /** The install (UUID) whose cache is purged. */
  installId: pulumi.Input<string>;
  /** `all` (default), `page`, `object` or `cdn`. */
  cacheType?: pulumi.Input<"all" | "page" | "object" | "cdn">;
  /**
   * Any values; when one changes the cache is purged again (e.g. `{ gitSha }` of the deploy). Only
   * these run it again: a new `installId` or `cacheType` is recorded without a purge.
   */
  triggers?: pulumi.Input<Record<string, pulumi.Input<unknown>>>;
}

/**
 * Purges an install's cache once, and again only when `triggers` change: put it after the deploy
 * step (`dependsOn`). Any other change (a new install id after the install was replaced, another
 * cache type) is recorded in the state and purges nothing. Destroying it only forgets it; refresh
 * changes nothing.
 */
export class CachePurge extends pulumi.dynamic.Resource {
  /** The install id. */
  declare readonly installId: pulumi.Output<string>;
  /** When the purge was requested (ISO 8601). */
  declare readonly requestedAt: pulumi.Output<string>;

  /** Declares a cache purge; see {@link CachePurgeArgs}. */
  constructor(name: string, args: CachePurgeArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      providerShim("CachePurge"),
      name,
      { ...args, requestedAt: undefined },
      opts,
      "wpengine",
      "CachePurge",
    );
  }
}

/** Arguments of an {@link InstallCopy}. */
export interface InstallCopyArgs {
  /** The install (UUID) copied from. */
  sourceInstallId: pulumi.Input<string>;
  /** The install (UUID) copied onto: **its content is overwritten**. Same account as the source. */
  destinationInstallId: pulumi.Input<string>;
  /** Who WP Engine mails when the copy is done. */
  notificationEmails?: pulumi.Input<pulumi.Input<string>[]>;
  /** Copy the files (default true). */
  includeFiles?: pulumi.Input<boolean>;
  /** Copy the database (default true). */
  includeDatabase?: pulumi.Input<boolean>;
  /** Only these database tables (default: all); needs the database. */
  databaseTables?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Any values; when one changes the install is copied again. Only these run the copy again: new
   * source or destination ids, or other options, are recorded without copying.
   */
  triggers?: pulumi.Input<Record<string, pulumi.Input<unknown>>>;
}

/**
 * Copies one install onto another (e.g. staging content into a pull request's install) once, and
 * again only when `triggers` change. The rule that protects content: when the source or destination
 * gets a new id (an install replaced, or production recreated empty after someone deleted it in the
 * portal), the new ids are recorded and nothing is copied, so a new, empty install is never copied
 * over an existing one unless the triggers changed. WP Engine accepts the copy and offers no way to
 * follow it, so `up` does not wait for it; `notificationEmails` are told when it is done. Destroying
 * it only forgets it.
 */
export class InstallCopy extends pulumi.dynamic.Resource {
  /** The source install id. */
  declare readonly sourceInstallId: pulumi.Output<string>;
  /** The destination install id. */
  declare readonly destinationInstallId: pulumi.Output<string>;
  /** When the copy was requested (ISO 8601). */
  declare readonly requestedAt: pulumi.Output<string>;

  /** Declares an install copy; see {@link InstallCopyArgs}. */
  constructor(name: string, args: InstallCopyArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      providerShim("InstallCopy"),
      name,
      { ...args, requestedAt: undefined },
      opts,
      "wpengine",
      "InstallCopy",
    );
  }
}
