import type { Role } from "../../client/roles";
import type { AccountUser } from "../../client/schemas";

/** The complete output state of an AccountUser: its inputs as the API has them, plus read-only facts. */
export interface AccountUserOutputs {
  accountId: string;
  email: string;
  firstName: string;
  lastName: string;
  roles: Role;
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
  installs: { id: string; name: string }[];
}

/** Provider-only inputs that the API does not store; carried from inputs into outputs. */
export interface CarriedFlags {
  adopt?: boolean | undefined;
  allowOwnerLockout?: boolean | undefined;
  isApiUser?: boolean | null | undefined;
}

/** Maps an API user to the resource's outputs. */
export function toOutputs(user: AccountUser, carried: CarriedFlags): AccountUserOutputs {
  const installs = (user.installs ?? []).map((i) => ({ id: i.id, name: i.name }));
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
