import * as pulumi from "@pulumi/pulumi";
import { providerShim } from "./shim";

/** Arguments of an {@link SshKey}. */
export interface SshKeyArgs {
  /**
   * The public key line, as in a `.pub` file: `ssh-ed25519 AAAA... you@example.com`. Checked at
   * preview (type, key data; a private key is refused). Any change replaces the key.
   */
  publicKey: pulumi.Input<string>;
}

/**
 * An SSH public key of the person behind the API credentials, for git push and SFTP/SSH access to
 * their installs. WP Engine cannot change a key, so any change replaces it: the new key is added
 * before the old one is removed, except when only the comment changed (WP Engine refuses the same
 * key twice, so the old one goes first).
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

  /** Declares an SSH key; see {@link SshKeyArgs}. */
  constructor(name: string, args: SshKeyArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      providerShim("SshKey"),
      name,
      { ...args, keyId: undefined, fingerprint: undefined, comment: undefined, createdAt: undefined },
      opts,
      "wpengine",
      "SshKey",
    );
  }
}
