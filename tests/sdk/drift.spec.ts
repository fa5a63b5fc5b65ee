/**
 * The drift analysis: from the events of `pulumi preview --refresh` to the per-user changes made
 * outside code, the unmanaged users, what the code itself changes, and the hygiene facts.
 */
import assert from "node:assert/strict";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { analyseEvents, sameRole, TYPES } from "../../sdk/drift/analyse";
import { planned, refreshed, snapshotUser, teamOutputs, urnOf, user } from "./driftEvents";

const NOW = new Date("2026-11-27T12:00:00Z");
const T1 = { id: "i-1", name: "torquemag" };
const T2 = { id: "i-2", name: "torquemagstg" };
const analyse = (events: EngineEvent[], created: Record<string, string> = {}, inviteAgeDays = 7) =>
  analyseEvents(events, { stack: "dev", inviteAgeDays, now: NOW, created });

describe("drift analysis", () => {
  it("compares roles as roles, not text", () => {
    assert.equal(sameRole("billing, partial", "partial,billing"), true);
    assert.equal(sameRole("full", "full,billing"), false);
  });

  it("reports a role change and gained or lost installs by name, with what up will do", () => {
    const r = analyse([
      refreshed(
        TYPES.user,
        "team-frank",
        user("frank@example.com", "partial", { installIds: ["i-1"], installs: [T1] }),
        user("frank@example.com", "billing, partial", { installIds: ["i-2"], installs: [T2] }),
      ),
      planned(TYPES.user, "team-frank", "update", {
        email: "frank@example.com",
        roles: "partial",
        installIds: ["i-1"],
      }),
    ]);
    assert.equal(r.drift, true);
    assert.deepEqual(r.users, [
      {
        email: "frank@example.com",
        resource: "team-frank",
        accountId: "acc",
        changes: [
          { kind: "role", before: "partial", after: "partial,billing" },
          { kind: "installs", added: ["torquemagstg"], removed: ["torquemag"] },
        ],
        plan: "update",
        declared: { roles: "partial", installIds: ["i-1"] },
      },
    ]);
    assert.deepEqual(r.codeChanges, [], "a drifted user's plan step is not a code change");
  });

  it("reports a user gone from the account as removed, and as re-invited when the email is back with a new id", () => {
    const gone = analyse([
      refreshed(TYPES.user, "team-alice", user("alice@example.com", "full"), undefined),
      planned(TYPES.user, "team-alice", "create", { email: "alice@example.com", roles: "full" }),
    ]);
    assert.deepEqual(
      gone.users.map((u) => [u.email, u.changes, u.plan]),
      [["alice@example.com", [{ kind: "removed" }], "create"]],
    );
    const back = analyse([
      refreshed(TYPES.user, "team-alice", user("alice@example.com", "full"), undefined),
      teamOutputs({
        accountId: "acc",
        accountUsers: [
          snapshotUser("Alice@example.com", "full", {
            userId: "new-id",
            managed: true,
            inviteAccepted: false,
          }),
        ],
        removalRefused: [],
      }),
    ]);
    assert.deepEqual(back.users[0]?.changes, [
      { kind: "reinvited", userId: "new-id", inviteAccepted: false },
    ]);
    assert.deepEqual(back.unmanaged, [], "a declared user is never unmanaged");
  });

  it("lists unmanaged users with the removal up will make or the lockout reason that keeps them", () => {
    const r = analyse([
      teamOutputs({
        accountId: "acc",
        accountUsers: [
          snapshotUser("owner@example.com", "owner", { mfaEnabled: false, lastOwner: true }),
          snapshotUser("stray@example.com", "full", { inviteAccepted: false }),
          snapshotUser("dev@example.com", "full", { managed: true }),
        ],
        removalRefused: [{ email: "owner@example.com", reason: "the last owner of the account" }],
      }),
      planned(TYPES.removal, "team-unmanaged", "update", {
        users: [{ userId: "id-stray", email: "stray@example.com" }],
      }),
    ]);
    assert.equal(r.drift, true);
    assert.equal(r.unmanagedChecked, true);
    assert.deepEqual(
      r.unmanaged.map((u) => [u.email, u.action, u.refusedBecause]),
      [
        ["owner@example.com", "keep", "the last owner of the account"],
        ["stray@example.com", "remove", undefined],
      ],
    );
    assert.deepEqual(r.ownersWithoutMfa, [{ email: "owner@example.com", accountId: "acc", managed: false }]);
    assert.deepEqual(r.pendingInvites.invites, [
      { email: "stray@example.com", managed: false, since: null, ageDays: null },
    ]);
  });

  it("reports no drift when the refresh finds nothing, and lists what the code itself changes", () => {
    const r = analyse([
      refreshed(
        TYPES.user,
        "team-frank",
        user("frank@example.com", "full"),
        user("frank@example.com", "full"),
      ),
      planned(TYPES.user, "team-frank", "same", { email: "frank@example.com", roles: "full" }),
      planned(TYPES.user, "team-new", "create", { email: "new@example.com", roles: "full" }),
      teamOutputs({ accountId: "acc", accountUsers: [], removalRefused: [] }),
    ]);
    assert.equal(r.drift, false);
    assert.deepEqual(r.users, []);
    assert.deepEqual(r.codeChanges, [
      { resource: "team-new", type: "AccountUser", op: "create", subject: "new@example.com" },
    ]);
  });

  it("lists a declared name that differs from WP Engine's as information only: no drift, no change", () => {
    const frank = user("frank@example.com", "full", { firstName: "Frank", lastName: "Full" });
    const r = analyse([
      refreshed(TYPES.user, "frank", frank, frank),
      planned(TYPES.user, "frank", "same", {
        email: "frank@example.com",
        firstName: "Franklin",
        lastName: "Full",
        roles: "full",
      }),
    ]);
    assert.deepEqual(r.nameDifferences, [
      { email: "frank@example.com", resource: "frank", declared: "Franklin Full", actual: "Frank Full" },
    ]);
    assert.equal(r.drift, false);
    assert.deepEqual(r.users, []);
    assert.deepEqual(r.codeChanges, []);
  });

  it("says when the stack has no AccountTeam to look for unmanaged users", () => {
    assert.equal(analyse([]).unmanagedChecked, false);
  });

  it("dates pending invitations from the state's creation time and keeps those at least N days old", () => {
    const events = [
      refreshed(
        TYPES.user,
        "old",
        user("old@example.com", "full"),
        user("old@example.com", "full", { inviteAccepted: false }),
      ),
      refreshed(
        TYPES.user,
        "new",
        user("new@example.com", "full"),
        user("new@example.com", "full", { inviteAccepted: false }),
      ),
    ];
    const r = analyse(events, {
      [urnOf(TYPES.user, "old")]: "2026-11-17T12:00:00Z",
      [urnOf(TYPES.user, "new")]: "2026-11-26T12:00:00Z",
    });
    assert.deepEqual(r.pendingInvites.invites, [
      { email: "old@example.com", managed: true, since: "2026-11-17T12:00:00Z", ageDays: 10 },
    ]);
    assert.match(r.pendingInvites.note, /no invitation date/);
  });

  it("lists managed owners without MFA and backups that never completed", () => {
    const r = analyse([
      refreshed(
        TYPES.user,
        "o",
        user("o@example.com", "owner"),
        user("o@example.com", "owner", { mfaEnabled: false }),
      ),
      refreshed(
        TYPES.backup,
        "pre-deploy",
        { installId: "i-1", backupId: "b-1", status: "requested", requestedAt: "t" },
        { installId: "i-1", backupId: "b-1", status: "aborted", requestedAt: "t" },
      ),
      refreshed(
        TYPES.backup,
        "done",
        { installId: "i-1", backupId: "b-2", status: "completed" },
        { installId: "i-1", backupId: "b-2", status: "completed" },
      ),
    ]);
    assert.deepEqual(r.ownersWithoutMfa, [{ email: "o@example.com", accountId: "acc", managed: true }]);
    assert.deepEqual(r.incompleteBackups, [
      { resource: "pre-deploy", installId: "i-1", backupId: "b-1", status: "aborted", requestedAt: "t" },
    ]);
    assert.equal(r.drift, false, "hygiene facts are not drift");
  });
});
