import * as pulumi from "@pulumi/pulumi";
import { importedFrom } from "./importing";
import { providerShim } from "./shim";

/**
 * A WP Engine role as written: `owner`, `full`, `full,billing`, `partial` or `partial,billing`.
 * Equivalent spellings (`"billing, full"`, other case or spacing) are accepted and normalised.
 */
export type AccountUserRole =
  | "owner"
  | "full"
  | "full,billing"
  | "partial"
  | "partial,billing"
  | (string & {});

/** Arguments of an {@link AccountUser}. */
export interface AccountUserArgs {
  /** The WP Engine account (UUID). Changing it replaces the user. */
  accountId: pulumi.Input<string>;
  /** The member's email. Compared case-insensitively; changing it replaces the user. */
  email: pulumi.Input<string>;
  /**
   * First name, used for the invitation. Not part of who the user is: the API cannot rename users and
   * people edit their own names, so a difference from WP Engine's is reported, never replaces anyone.
   */
  firstName: pulumi.Input<string>;
  /** Last name, used for the invitation; like `firstName`, a difference is reported, never replaced. */
  lastName: pulumi.Input<string>;
  /** The role; updated in place. */
  roles: pulumi.Input<AccountUserRole>;
  /** For partial roles only: the installs (UUIDs) the user may access, as a set. Updated in place. */
  installIds?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Take over a user that already exists in the account with this email (instead of failing), and set
   * its roles and installs to the declared ones. This is how existing users come under management:
   * `pulumi import` does not work for dynamic resources.
   */
  adopt?: pulumi.Input<boolean>;
  /** Allow a plan that removes or demotes the account's last owner or the API user's own access. */
  allowOwnerLockout?: pulumi.Input<boolean>;
}

// Which resource declared each (account, email) in this program run: a second declaration of the same
// member would invite the person twice (the API refuses), so it fails at preview instead. Program-side
// state: one program run is one process.
const declared = new Map<string, string>();

function declareOnce(name: string, args: AccountUserArgs): void {
  const claim = (accountId: unknown, email: unknown) => {
    if (typeof accountId !== "string" || typeof email !== "string") return;
    const key = `${accountId.trim().toLowerCase()}|${email.trim().toLowerCase()}`;
    const prior = declared.get(key);
    if (prior !== undefined && prior !== name) {
      throw new Error(
        `AccountUser "${name}": ${email} is already declared in account ${accountId} by AccountUser "${prior}". ` +
          "An email can exist only once per account; remove one of the two declarations.",
      );
    }
    declared.set(key, name);
  };
  if (typeof args.accountId === "string" && typeof args.email === "string") {
    claim(args.accountId, args.email);
    return;
  }
  pulumi.all([args.accountId, args.email]).apply(([accountId, email]) => claim(accountId, email));
}

/** Outputs that hold personal data: stored encrypted in the state and shown as `[secret]`. */
export const PERSONAL_OUTPUTS = ["phone"] as const;

/**
 * A member of a WP Engine account (team access as code). Creating it invites the person; roles and
 * installs change in place; email and account replace it (delete first, because an email can exist
 * only once per account); names are invitation details and never replace anyone. `pulumi refresh`
 * detects changes made in the WP Engine portal. The phone number is a secret output.
 */
export class AccountUser extends pulumi.dynamic.Resource {
  /** The account id. */
  declare readonly accountId: pulumi.Output<string>;
  /** The email as WP Engine stores it. */
  declare readonly email: pulumi.Output<string>;
  /** First name. */
  declare readonly firstName: pulumi.Output<string>;
  /** Last name. */
  declare readonly lastName: pulumi.Output<string>;
  /** The role in canonical form, e.g. `partial,billing`. */
  declare readonly roles: pulumi.Output<string>;
  /** Install ids the user may access (partial roles), sorted. */
  declare readonly installIds: pulumi.Output<string[]>;
  /** WP Engine's id of the user. */
  declare readonly userId: pulumi.Output<string>;
  /** Whether the invitation was accepted. */
  declare readonly inviteAccepted: pulumi.Output<boolean>;
  /** Whether the user has multi-factor authentication enabled. */
  declare readonly mfaEnabled: pulumi.Output<boolean>;
  /** The user's phone number, if any: a secret (personal data). */
  declare readonly phone: pulumi.Output<string | null>;
  /** Whether this user is the account's last owner. */
  declare readonly lastOwner: pulumi.Output<boolean>;
  /** Whether this is the person behind the API credentials (known after a refresh or an adopt). */
  declare readonly isApiUser: pulumi.Output<boolean>;
  /** The installs the user may access, with their names, as WP Engine lists them for the user. */
  declare readonly installs: pulumi.Output<
    {
      /** The install id (UUID) as WP Engine reports it (`installIds` holds the same ids, lower-cased). */
      id: string;
      /** The install name (e.g. `torquemag`). */
      name: string;
    }[]
  >;

  /**
   * Declares an account user; see {@link AccountUserArgs}. `{ import: "<accountId>/<userId>" }`
   * adopts that existing user instead of inviting one: the account and email must be the declared
   * ones (else preview fails), and the declared roles and installs are set when they differ.
   * (`adopt: true` does the same by email, with no id.)
   */
  constructor(name: string, args: AccountUserArgs, opts?: pulumi.CustomResourceOptions) {
    declareOnce(name, args);
    const imported = importedFrom(opts);
    super(
      providerShim("AccountUser"),
      name,
      {
        ...args,
        ...imported.importArgs,
        userId: undefined,
        inviteAccepted: undefined,
        mfaEnabled: undefined,
        phone: undefined,
        lastOwner: undefined,
        isApiUser: undefined,
        installs: undefined,
      },
      // Every replace must delete first: the new user keeps the email (or takes one being freed),
      // and an email exists once per account. The provider's diff asks for it on its own replaces;
      // this also covers replaces the engine forces without asking it (`pulumi up --replace`).
      {
        deleteBeforeReplace: true,
        ...imported.opts,
        additionalSecretOutputs: [
          ...new Set([...(imported.opts?.additionalSecretOutputs ?? []), ...PERSONAL_OUTPUTS]),
        ],
      },
      "wpengine",
      "AccountUser",
    );
  }
}
