import * as pulumi from "@pulumi/pulumi";
import { providerShim } from "./shim";

/** One user an {@link AccountUserRemoval} removes. */
export interface AccountUserRemovalTarget {
  userId: string;
  email: string;
  roles?: string;
}

/** Arguments of an {@link AccountUserRemoval}. */
export interface AccountUserRemovalArgs {
  /** The WP Engine account (UUID). */
  accountId: pulumi.Input<string>;
  /** The users to remove (read from the account at program time); an empty list is a no-op. */
  users: pulumi.Input<AccountUserRemovalTarget[]>;
  /** Allow removing the account's last owner or the user behind the API credentials. */
  allowOwnerLockout?: pulumi.Input<boolean>;
}

/**
 * The removal of an account's unmanaged users, made by an `AccountTeam` with `removeUnmanaged: true`.
 * A planned step, shown by `pulumi preview`, that deletes the listed users at `pulumi up` after
 * re-checking the lockout guard (never the last owner, never the user behind the API credentials).
 */
export class AccountUserRemoval extends pulumi.dynamic.Resource {
  /** The account id. */
  declare readonly accountId: pulumi.Output<string>;
  /** The users this step removes. */
  declare readonly users: pulumi.Output<AccountUserRemovalTarget[]>;
  /** Emails the last `up` removed. */
  declare readonly removed: pulumi.Output<string[]>;

  /** Declares the removal; see {@link AccountUserRemovalArgs}. */
  constructor(name: string, args: AccountUserRemovalArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      providerShim("AccountUserRemoval"),
      name,
      { ...args, removed: undefined },
      opts,
      "wpengine",
      "AccountUserRemoval",
    );
  }
}
