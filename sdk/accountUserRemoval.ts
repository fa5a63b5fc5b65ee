import * as pulumi from "@pulumi/pulumi";
import { providerShim } from "./shim";

/** One user an {@link AccountUserRemoval} removes. */
export interface AccountUserRemovalTarget {
  /** WP Engine's id of the user (UUID): what the removal deletes. */
  userId: string;
  /** The user's email, for the plan, the messages and the `removed` output. */
  email: string;
  /** The user's role as read at program time, shown in the plan; absent when unknown. */
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
 * The removal of an account's unmanaged users, made by an `AccountTeam` with `removeUnmanaged: true`
 * (see {@link AccountTeam.removal}). A planned step, shown by `pulumi preview`, that deletes the listed
 * users at `pulumi up` after re-checking the lockout guard (never the last owner, never the user behind
 * the API credentials). The package exports it as a type only: programs read it through the team and
 * never declare it themselves.
 */
export class AccountUserRemoval extends pulumi.dynamic.Resource {
  /** The account id. */
  declare readonly accountId: pulumi.Output<string>;
  /** The users this step removes. */
  declare readonly users: pulumi.Output<AccountUserRemovalTarget[]>;
  /** Emails the last `up` removed (users already gone by then included), sorted. */
  declare readonly removed: pulumi.Output<string[]>;

  /** Declares the removal; see {@link AccountUserRemovalArgs}. Only `AccountTeam` calls it. */
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
