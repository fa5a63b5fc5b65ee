/**
 * The pure logic of AccountTeam: member validation and keying by email, the account snapshot, and
 * which unmanaged users `removeUnmanaged` removes or keeps under the lockout guard.
 */
import assert from "node:assert/strict";
import type { AccountUser as ApiAccountUser } from "../../provider/client/schemas";
import {
  AccountTeamError,
  type AccountTeamUser,
  normaliseMembers,
  planUnmanaged,
  snapshotAccount,
} from "../../sdk/accountTeam";

function apiUser(
  email: string,
  roles: ApiAccountUser["roles"],
  extra: Partial<ApiAccountUser> = {},
): ApiAccountUser {
  return {
    user_id: `id-${email}`,
    account_id: "acc",
    first_name: "F",
    last_name: "L",
    email,
    phone: null,
    invite_accepted: true,
    mfa_enabled: false,
    roles,
    ...extra,
  };
}

function teamUser(
  email: string,
  roles: AccountTeamUser["roles"],
  extra: Partial<AccountTeamUser> = {},
): AccountTeamUser {
  return {
    userId: `id-${email}`,
    email,
    roles,
    installs: [],
    inviteAccepted: true,
    mfaEnabled: false,
    lastOwner: false,
    isApiUser: false,
    managed: false,
    ...extra,
  };
}

describe("AccountTeam members", () => {
  it("keys members by lower-case email and sorts them, so the declared order never matters", () => {
    const a = { email: "Zed@Example.com", firstName: "Z", lastName: "Z", roles: "full" };
    const b = {
      email: "amy@example.com",
      firstName: "A",
      lastName: "A",
      roles: "billing, partial",
      installs: ["x"],
    };
    const one = normaliseMembers([a, b]);
    const two = normaliseMembers([b, a]);
    assert.deepEqual(one, two);
    assert.deepEqual(
      one.map((m) => [m.key, m.roles]),
      [
        ["amy@example.com", "partial,billing"],
        ["zed@example.com", "full"],
      ],
    );
  });

  it("rejects an email declared twice in any case, bad roles and installs on non-partial roles, all at once", () => {
    assert.throws(
      () =>
        normaliseMembers(
          [
            { email: "a@example.com", firstName: "A", lastName: "A", roles: "full" },
            { email: "A@EXAMPLE.com", firstName: "A", lastName: "A", roles: "full" },
            { email: "b@example.com", firstName: "B", lastName: "B", roles: "admin" },
            {
              email: "c@example.com",
              firstName: "C",
              lastName: "C",
              roles: "owner",
              installs: ["torquemag"],
            },
          ],
          'AccountTeam "t"',
        ),
      (err: unknown) =>
        err instanceof AccountTeamError &&
        /AccountTeam "t": A@EXAMPLE\.com is declared twice/.test(err.message) &&
        /b@example\.com: roles "admin" is not one of owner \| full/.test(err.message) &&
        /c@example\.com: installs only apply to partial roles/.test(err.message),
    );
  });
});

describe("AccountTeam account snapshot", () => {
  it("marks declared users as managed and the credentials' user, comparing emails case-insensitively", () => {
    const snap = snapshotAccount(
      [
        apiUser("Owner@Example.com", "owner", { last_owner: true }),
        apiUser("frank@example.com", "full,billing"),
      ],
      new Set(["frank@example.com"]),
      "owner@example.COM",
    );
    assert.deepEqual(
      snap.map((u) => [u.email, u.managed, u.isApiUser, u.lastOwner]),
      [
        ["frank@example.com", true, false, false],
        ["Owner@Example.com", false, true, true],
      ],
    );
  });

  it("lists install names sorted", () => {
    const [u] = snapshotAccount(
      [
        apiUser("p@example.com", "partial", {
          installs: [
            { id: "2", name: "zeta" },
            { id: "1", name: "alpha" },
          ],
        }),
      ],
      new Set(),
      undefined,
    );
    assert.deepEqual(u?.installs, ["alpha", "zeta"]);
  });
});

describe("AccountTeam unmanaged users", () => {
  const snapshot = [
    teamUser("owner@example.com", "owner", { lastOwner: true, isApiUser: true }),
    teamUser("declared@example.com", "full", { managed: true }),
    teamUser("stray@example.com", "partial"),
  ];

  it("reports every unmanaged user and removes none without removeUnmanaged", () => {
    const plan = planUnmanaged(snapshot, {});
    assert.deepEqual(
      plan.unmanaged.map((u) => u.email),
      ["owner@example.com", "stray@example.com"],
    );
    assert.deepEqual(plan.remove, []);
    assert.deepEqual(plan.refused, []);
  });

  it("removes unmanaged users but refuses the last owner who is also the API user", () => {
    const plan = planUnmanaged(snapshot, { removeUnmanaged: true });
    assert.deepEqual(
      plan.remove.map((u) => u.email),
      ["stray@example.com"],
    );
    assert.deepEqual(plan.refused, [
      {
        email: "owner@example.com",
        reason: "the user behind the API credentials and the last owner of the account",
      },
    ]);
  });

  it("refuses removing every owner at once even when none is marked last owner", () => {
    const plan = planUnmanaged(
      [
        teamUser("o1@example.com", "owner"),
        teamUser("o2@example.com", "owner"),
        teamUser("dev@example.com", "full", { managed: true }),
      ],
      { removeUnmanaged: true },
    );
    assert.deepEqual(plan.remove, []);
    assert.deepEqual(
      plan.refused.map((r) => [r.email, r.reason]),
      [
        ["o1@example.com", "an owner, and no owner would remain"],
        ["o2@example.com", "an owner, and no owner would remain"],
      ],
    );
  });

  it("removes an unmanaged owner when a declared owner remains", () => {
    const plan = planUnmanaged(
      [teamUser("old@example.com", "owner"), teamUser("new@example.com", "owner", { managed: true })],
      { removeUnmanaged: true },
    );
    assert.deepEqual(
      plan.remove.map((u) => u.email),
      ["old@example.com"],
    );
  });

  it("lifts the guard with allowOwnerLockout", () => {
    const plan = planUnmanaged(snapshot, { removeUnmanaged: true, allowOwnerLockout: true });
    assert.deepEqual(
      plan.remove.map((u) => u.email),
      ["owner@example.com", "stray@example.com"],
    );
    assert.deepEqual(plan.refused, []);
  });
});
