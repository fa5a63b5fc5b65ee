/**
 * The Markdown of the drift report: a pull-request comment that names each change, each unmanaged
 * user and each hygiene fact, and stays a valid table whatever the data holds.
 */
import assert from "node:assert/strict";
import { analyseEvents, TYPES } from "../../sdk/drift/analyse";
import { cell, MARKER, renderMarkdown } from "../../sdk/drift/markdown";
import { planned, refreshed, snapshotUser, teamOutputs, user } from "./driftEvents";

const NOW = new Date("2026-11-27T12:00:00Z");

describe("drift report Markdown", () => {
  it("shows declared names that differ from WP Engine's as information, without calling it drift", () => {
    const frank = user("frank@example.com", "full", { firstName: "Frank", lastName: "Full" });
    const md = renderMarkdown(
      analyseEvents(
        [
          refreshed(TYPES.user, "frank", frank, frank),
          planned(TYPES.user, "frank", "same", {
            email: "frank@example.com",
            firstName: "Franklin",
            roles: "full",
          }),
        ],
        { stack: "prod", inviteAgeDays: 7, now: NOW },
      ),
    );
    assert.match(md, /### Names that differ \(information only\)/);
    assert.match(md, /\| frank@example\.com \| Franklin \| Frank Full \|/);
    assert.match(md, /\*\*No drift:\*\*/);
  });

  it("names every change, unmanaged user and hygiene fact", () => {
    const report = analyseEvents(
      [
        refreshed(
          TYPES.user,
          "team-frank",
          user("frank@example.com", "full,billing"),
          user("frank@example.com", "partial"),
        ),
        planned(TYPES.user, "team-frank", "update", { email: "frank@example.com", roles: "full,billing" }),
        refreshed(TYPES.user, "team-alice", user("alice@example.com", "full"), undefined),
        planned(TYPES.user, "team-alice", "create", { email: "alice@example.com", roles: "full" }),
        teamOutputs({
          accountId: "acc",
          accountUsers: [
            snapshotUser("mallory@example.com", "full", { inviteAccepted: false, mfaEnabled: false }),
          ],
          removalRefused: [],
        }),
        planned(TYPES.removal, "team-unmanaged", "update", {
          users: [{ userId: "m", email: "mallory@example.com" }],
        }),
      ],
      { stack: "prod", inviteAgeDays: 7, now: NOW },
    );
    const md = renderMarkdown(report);
    assert.ok(md.startsWith(MARKER));
    assert.match(md, /## WP Engine access review: stack `prod`/);
    assert.match(
      md,
      /\*\*Drift found:\*\* 2 managed user\(s\) changed outside code and 1 unmanaged user\(s\)/,
    );
    assert.match(md, /\| frank@example\.com \| role `full,billing` → `partial` \| restore `full,billing` \|/);
    assert.match(md, /\| alice@example\.com \| removed from the account \| invite again as `full` \|/);
    assert.match(
      md,
      /\| mallory@example\.com \| `full` \| pending \| off \| remove the user \(`removeUnmanaged`\) \|/,
    );
    assert.match(
      md,
      /\*\*Pending invitations\*\* \(older than 7 day\(s\), or of unknown age\): `mallory@example\.com` \(age unknown, unmanaged\)/,
    );
    assert.match(md, /\*\*Owners without MFA:\*\* none/);
    assert.match(md, /\*\*Backups that never completed:\*\* none/);
  });

  it("says there is no drift, and when unmanaged users were not looked for", () => {
    const md = renderMarkdown(analyseEvents([], { stack: "dev", inviteAgeDays: 7, now: NOW }));
    assert.match(md, /\*\*No drift:\*\* every managed user matches the last `pulumi up`\./);
    assert.match(md, /has no `AccountTeam`, so users not declared in code were not looked for/);
  });

  it("escapes table cells so a value cannot break the row", () => {
    assert.equal(cell("a|b\nc\\d"), "a\\|b c\\\\d");
  });
});
