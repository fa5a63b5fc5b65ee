import * as pulumi from "@pulumi/pulumi";
import { importedFrom } from "./importing";
import { providerShim } from "./shim";

/** Arguments of an {@link SshKey}. */
export interface SshKeyArgs {
  /**
   * The public key line, as in a `.pub` file: `ssh-ed25519 AAAA... you@example.com`. Checked at
   * preview (type, key data; a private key is refused). Another key replaces it (a rotation); the
   * same key with another comment is recorded in place. Required, except for a key adopted with
   * `{ import }` whose text you do not have: give `fingerprint` instead.
   */
  publicKey?: pulumi.Input<string>;
  /**
   * Instead of `publicKey`, for a key adopted with `{ import: "<keyId>" }` (WP Engine's key list has no
   * key text, so `wpengine-import` writes this): the MD5 fingerprint getSshKeys() reports. Such a key
   * is kept, and protected, like any other, but can never be added: if it is removed at WP Engine,
   * the preview asks for its `publicKey`. Pasting the `publicKey` of the same key later is recorded with
   * no request.
   */
  fingerprint?: pulumi.Input<string>;
}

/**
 * An SSH public key of the person behind the API credentials, for git push and SFTP/SSH access to
 * their installs. Its identity is the key (fingerprint), not its comment: a `publicKey` that only
 * changes the comment is recorded with no request (WP Engine keeps the comment it was first given;
 * `comment` reports it). Another key is a rotation: the new key is added before the old one is
 * removed, so a refused or rate-limited add leaves the old key, and every deploy that uses it,
 * working. The preview warns when a plan would remove a key.
 */
export class SshKey extends pulumi.dynamic.Resource {
  /** The public key line (normalised: trimmed, single spaces). */
  declare readonly publicKey: pulumi.Output<string>;
  /** WP Engine's key id (the same as the resource id). */
  declare readonly keyId: pulumi.Output<string>;
  /** The MD5 fingerprint, as `ssh-keygen -l -E md5` prints it (without the `MD5:` prefix). */
  declare readonly fingerprint: pulumi.Output<string>;
  /** The key's comment as WP Engine reports it, or null. */
  declare readonly comment: pulumi.Output<string | null>;
  /** When WP Engine added the key (ISO 8601), or null. */
  declare readonly createdAt: pulumi.Output<string | null>;

  /**
   * Declares a key; see {@link SshKeyArgs}. `{ import: "<keyId>" }` adopts a key the person already
   * has instead of adding it: its fingerprint must be that of `publicKey` (or the declared
   * `fingerprint`), else preview fails.
   */
  constructor(name: string, args: SshKeyArgs, opts?: pulumi.CustomResourceOptions) {
    const imported = importedFrom(opts);
    super(
      providerShim("SshKey"),
      name,
      {
        ...args,
        ...imported.importArgs,
        keyId: undefined,
        fingerprint: args.fingerprint,
        comment: undefined,
        createdAt: undefined,
      },
      imported.opts,
      "wpengine",
      "SshKey",
    );
  }
}
