import { isPartial } from "../../client/roles";
import { type AccountUser, isRecognizedRole, type RoleAsRead } from "../../client/schemas";

/** The complete output state of an AccountUser: its inputs as the API has them, plus read-only facts. */
export interface AccountUserOutputs {
  accountId: string;
  email: string;
  firstName: string;
  lastName: string;
  /** Canonical when recognised; a role the API answered that is none of the five, verbatim. */
  roles: RoleAsRead;
  installIds: string[];
  adopt: boolean;
  allowOwnerLockout: boolean;
  userId: string;
  inviteAccepted: boolean;
  mfaEnabled: boolean;
  phone: string | null;
  lastOwner: boolean;
  /**
   * Whether this is the person behind the API credentials (`GET /user`): null until the first refresh
   * after an invite, then kept (refreshes reuse it while the email is unchanged).
   */
  isApiUser: boolean | null;
  /** The installs as last known; `name` is null when the API did not report it. */
  installs: { id: string; name: string | null }[];
}

/** Provider-only inputs that the API does not store; carried from inputs into outputs. */
export interface CarriedFlags {
  adopt?: boolean | undefined;
  allowOwnerLockout?: boolean | undefined;
  isApiUser?: boolean | null | undefined;
  /**
   * The install ids known from before (the ones just posted or patched, or the last state): used for a
   * partial user when the answer does not report `installs` (optional in the contract), so that
   * "not reported" is never recorded as "no installs" (which would PATCH again on every `up`).
   */
  installIds?: readonly string[] | undefined;
}

/** Maps an API user to the resource's outputs. */
export function toOutputs(user: AccountUser, carried: CarriedFlags): AccountUserOutputs {
  const partial = isRecognizedRole(user.roles) && isPartial(user.roles);
  const installs = !partial
    ? []
    : user.installs !== undefined
      ? user.installs.map((i) => ({ id: i.id, name: i.name ?? null }))
      : (carried.installIds ?? []).map((id) => ({ id, name: null }));
  return {
    accountId: user.account_id,
    email: user.email,
    firstName: user.first_name,
    lastName: user.last_name,
    roles: user.roles,
    installIds: installs.map((i) => i.id.toLowerCase()).sort(),
    adopt: carried.adopt === true,
    allowOwnerLockout: carried.allowOwnerLockout === true,
    userId: user.user_id,
    inviteAccepted: user.invite_accepted,
    mfaEnabled: user.mfa_enabled,
    phone: user.phone ?? null,
    lastOwner: user.last_owner === true,
    isApiUser: typeof carried.isApiUser === "boolean" ? carried.isApiUser : null,
    installs,
  };
}

/** The inputs that describe the user as the API has it now: what refresh compares the program against. */
export function inputsOf(outs: AccountUserOutputs): Record<string, unknown> {
  return {
    accountId: outs.accountId,
    email: outs.email,
    firstName: outs.firstName,
    lastName: outs.lastName,
    roles: outs.roles,
    ...(outs.installIds.length ? { installIds: outs.installIds } : {}),
    ...(outs.adopt ? { adopt: true } : {}),
    ...(outs.allowOwnerLockout ? { allowOwnerLockout: true } : {}),
  };
}
