import assert from "node:assert/strict";
import type * as pulumi from "@pulumi/pulumi";
import { SEED_IDS } from "../../emulator";
import { UpdateLedger } from "../../provider/resources/accountUser/ledger";
import { AccountUserProvider } from "../../provider/resources/accountUser/provider";
import { UNKNOWN } from "../../provider/resources/unknown";
import { caught, clearRequests, clientFactory, control, requestCounts, useEmulator } from "./support";

const MAIN = SEED_IDS.mainAccountId;
const TORQUE = SEED_IDS.torquemagInstallId;
const TORQUE_STG = SEED_IDS.torquemagStagingInstallId;
const FULL_USER_EMAIL = "frank.full@example.com";
const PARTIAL_USER_EMAIL = "paula.partial@example.com";
const POST_USER = "POST /accounts/{account_id}/account_users";
const LIST_USERS = "GET /accounts/{account_id}/account_users";
const PATCH_USER = "PATCH /accounts/{account_id}/account_users/{user_id}";
const DELETE_USER = "DELETE /accounts/{account_id}/account_users/{user_id}";

/** Every key of the AccountUser outputs that the SDK declares (see provider/resources/accountUser/outputs.ts). */
const OUTPUT_KEYS = [
  "accountId",
  "email",
  "firstName",
  "lastName",
  "roles",
  "installIds",
  "adopt",
  "allowOwnerLockout",
  "userId",
  "inviteAccepted",
  "mfaEnabled",
  "phone",
  "lastOwner",
  "installs",
];

/** Valid inputs for a new user; tests override single fields. */
function ada(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    accountId: MAIN,
    email: "ada@example.com",
    firstName: "Ada",
    lastName: "Lovelace",
    roles: "full",
    ...overrides,
  };
}

/** Runs check and returns its failures (always a list). */
async function failuresOf(
  provider: AccountUserProvider,
  news: Record<string, unknown>,
): Promise<pulumi.dynamic.CheckFailure[]> {
  return (await provider.check({}, news)).failures ?? [];
}

/** The one failure on `property`; fails when there is none. */
function failureOn(failures: pulumi.dynamic.CheckFailure[], property: string): pulumi.dynamic.CheckFailure {
  const found = failures.find((f) => f.property === property);
  assert.ok(found, `expected a failure on ${property}, got ${JSON.stringify(failures)}`);
  return found;
}

/** Runs check and returns the normalised inputs, failing on any failure. */
async function checked(
  provider: AccountUserProvider,
  news: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const result = await provider.check({}, news);
  assert.deepEqual(result.failures ?? [], [], "check should accept these inputs");
  return result.inputs as Record<string, unknown>;
}

describe("AccountUserProvider", () => {
  const ctx = useEmulator();
  let provider: AccountUserProvider;

  beforeEach(() => {
    provider = new AccountUserProvider(clientFactory(ctx.emu));
  });

  describe("check", () => {
    it("rejects an accountId that is not a UUID, naming the property and showing an example id", async () => {
      const failure = failureOn(await failuresOf(provider, ada({ accountId: "my-account" })), "accountId");
      assert.match(failure.reason, /"my-account" is not a WP Engine account id/);
      assert.match(failure.reason, /Use the account's UUID, e\.g\. [0-9a-f-]{36}/);
    });

    it("rejects path-traversal and percent-encoded ids in accountId and installIds", async () => {
      for (const bad of ["../x", "%2F", `${MAIN}/../x`, `${MAIN}%2F..`]) {
        const onAccount = failureOn(await failuresOf(provider, ada({ accountId: bad })), "accountId");
        assert.match(onAccount.reason, /is not a WP Engine account id\. Use the account's UUID/);
        const onInstalls = failureOn(
          await failuresOf(provider, ada({ roles: "partial", installIds: [TORQUE, bad] })),
          "installIds",
        );
        assert.match(onInstalls.reason, /is not a WP Engine install id\. Use the install's UUID/);
        assert.ok(onInstalls.reason.includes(JSON.stringify(bad)), onInstalls.reason);
      }
    });

    it("rejects a malformed email and says what a valid one looks like", async () => {
      for (const bad of ["ada", "ada@", "@example.com", "ada at example.com"]) {
        const failure = failureOn(await failuresOf(provider, ada({ email: bad })), "email");
        assert.match(
          failure.reason,
          /is not a valid email address\. Use a full address such as jane@example\.com/,
        );
      }
    });

    it("rejects an unknown role and lists the valid roles", async () => {
      for (const bad of ["admin", "full,partial", "billing", ""]) {
        const failure = failureOn(await failuresOf(provider, ada({ roles: bad })), "roles");
        assert.match(
          failure.reason,
          /is not a WP Engine role\. Use one of: owner \| full \| full,billing \| partial \| partial,billing/,
        );
      }
    });

    it("rejects installIds with a role that already grants every install", async () => {
      for (const role of ["full", "full,billing", "owner"]) {
        const failure = failureOn(
          await failuresOf(provider, ada({ roles: role, installIds: [TORQUE] })),
          "installIds",
        );
        assert.match(failure.reason, /installIds only apply to partial roles/);
        assert.match(failure.reason, /Remove installIds or use "partial"\/"partial,billing"/);
      }
    });

    it("rejects empty or blank first and last names", async () => {
      for (const field of ["firstName", "lastName"]) {
        for (const blank of ["", "   "]) {
          const failure = failureOn(await failuresOf(provider, ada({ [field]: blank })), field);
          assert.match(failure.reason, new RegExp(`${field} must not be empty; WP Engine requires it`));
        }
      }
    });

    it("rejects oversized names and emails", async () => {
      const longName = "N".repeat(101);
      assert.match(
        failureOn(await failuresOf(provider, ada({ firstName: longName })), "firstName").reason,
        /firstName is longer than 100 characters/,
      );
      assert.match(
        failureOn(await failuresOf(provider, ada({ lastName: longName })), "lastName").reason,
        /lastName is longer than 100 characters/,
      );
      const longEmail = `${"a".repeat(250)}@example.com`;
      const failures = await failuresOf(provider, ada({ email: longEmail }));
      assert.ok(
        failures.some((f) => f.property === "email" && /longer than 254 characters/.test(f.reason)),
        JSON.stringify(failures),
      );
    });

    it("reports every bad field at once, each with its own property", async () => {
      const failures = await failuresOf(provider, {
        accountId: "x",
        email: "nope",
        firstName: "",
        lastName: "",
        roles: "boss",
      });
      assert.deepEqual([...new Set(failures.map((f) => f.property))].sort(), [
        "accountId",
        "email",
        "firstName",
        "lastName",
        "roles",
      ]);
      for (const f of failures) assert.ok(f.reason.length > 10, `reason too thin: ${JSON.stringify(f)}`);
    });

    it("rejects wrong types with a message naming the expected type", async () => {
      const failures = await failuresOf(provider, ada({ roles: 3, installIds: "abc", adopt: "yes" }));
      assert.match(failureOn(failures, "roles").reason, /roles must be a string/);
      assert.match(failureOn(failures, "installIds").reason, /installIds must be a list of install ids/);
      assert.match(failureOn(failures, "adopt").reason, /adopt must be true or false/);
    });

    it("normalises equivalent role spellings to the API's write form", async () => {
      const cases: Array<[string, string]> = [
        ["billing, full", "full,billing"],
        ["Full,Billing", "full,billing"],
        [" billing , partial ", "partial,billing"],
        ["PARTIAL", "partial"],
        ["owner, billing", "owner"],
      ];
      for (const [given, expected] of cases) {
        const inputs = await checked(provider, ada({ roles: given }));
        assert.equal(inputs.roles, expected, `roles ${JSON.stringify(given)}`);
      }
    });

    it("de-duplicates and sorts installIds (case-insensitively) and trims names and email", async () => {
      const inputs = await checked(
        provider,
        ada({
          roles: "partial",
          installIds: [TORQUE_STG, TORQUE.toUpperCase(), TORQUE, TORQUE_STG],
          email: "  ada@example.com ",
          firstName: " Ada ",
        }),
      );
      assert.deepEqual(inputs.installIds, [TORQUE, TORQUE_STG].sort());
      assert.equal(inputs.email, "ada@example.com");
      assert.equal(inputs.firstName, "Ada");
    });

    it("keeps the serialized provider beside the normalised inputs", async () => {
      const inputs = await checked(provider, ada({ __provider: "exports.handler = ..." }));
      assert.equal(inputs.__provider, "exports.handler = ...");
    });

    it("tolerates unknown values: validates only what is known and passes unknowns through", async () => {
      const withUnknownAccount = await provider.check({}, ada({ accountId: UNKNOWN }));
      assert.deepEqual(withUnknownAccount.failures ?? [], []);
      assert.equal(withUnknownAccount.inputs?.accountId, UNKNOWN);

      const withUnknownInstall = await provider.check(
        {},
        ada({ roles: "partial", installIds: [TORQUE, UNKNOWN] }),
      );
      assert.deepEqual(withUnknownInstall.failures ?? [], []);
      assert.deepEqual(withUnknownInstall.inputs?.installIds, [TORQUE, UNKNOWN]);

      const stillChecked = await failuresOf(provider, ada({ accountId: UNKNOWN, email: "nope" }));
      assert.deepEqual(
        stillChecked.map((f) => f.property),
        ["email"],
      );
    });
  });

  describe("diff", () => {
    /** Outputs as the state would hold them after a create. */
    const olds = {
      accountId: MAIN,
      email: "Ada@Example.com",
      firstName: "Ada",
      lastName: "Lovelace",
      roles: "partial,billing",
      installIds: [TORQUE, TORQUE_STG],
      userId: "11111111-2222-4333-8444-555555555555",
      lastOwner: false,
    };
    const same = {
      accountId: MAIN,
      email: "Ada@Example.com",
      firstName: "Ada",
      lastName: "Lovelace",
      roles: "partial,billing",
      installIds: [TORQUE, TORQUE_STG],
    };

    it("reports no change when the inputs equal the state", async () => {
      const result = await provider.diff("id", olds, same);
      assert.equal(result.changes, false);
      assert.deepEqual(result.replaces ?? [], []);
      assert.notEqual(result.deleteBeforeReplace, true);
    });

    it("compares roles as sets of parts, not as text", async () => {
      const result = await provider.diff("id", olds, { ...same, roles: "billing, partial" });
      assert.equal(result.changes, false);
      const changed = await provider.diff("id", olds, { ...same, roles: "partial" });
      assert.equal(changed.changes, true);
      assert.deepEqual(changed.replaces, []);
      assert.notEqual(changed.deleteBeforeReplace, true);
    });

    it("compares emails case-insensitively", async () => {
      const result = await provider.diff("id", olds, { ...same, email: "ada@EXAMPLE.COM" });
      assert.equal(result.changes, false);
    });

    it("compares installIds as sets: order, case and duplicates do not matter", async () => {
      const reordered = await provider.diff("id", olds, {
        ...same,
        installIds: [TORQUE_STG, TORQUE.toUpperCase(), TORQUE],
      });
      assert.equal(reordered.changes, false);
      const fewer = await provider.diff("id", olds, { ...same, installIds: [TORQUE] });
      assert.equal(fewer.changes, true);
      assert.deepEqual(fewer.replaces, []);
      const none = await provider.diff("id", { ...olds, installIds: [] }, { ...same, installIds: undefined });
      assert.equal(none.changes, false, "no installIds equals an empty list");
    });

    it("replaces the user, deleting first, when accountId or email changes", async () => {
      const changes: Record<string, string> = {
        accountId: SEED_IDS.secondAccountId,
        email: "countess@example.com",
      };
      for (const [key, value] of Object.entries(changes)) {
        const result = await provider.diff("id", olds, { ...same, [key]: value });
        assert.equal(result.changes, true, key);
        assert.deepEqual(result.replaces, [key], key);
        assert.equal(result.deleteBeforeReplace, true, key);
      }
    });

    it("never replaces or re-invites when only the first or last name differs", async () => {
      for (const names of [
        { firstName: "Augusta" },
        { lastName: "King" },
        { firstName: "A", lastName: "K" },
      ]) {
        const result = await provider.diff("id", olds, { ...same, ...names });
        assert.equal(result.changes, false, JSON.stringify(names));
        assert.deepEqual(result.replaces, [], JSON.stringify(names));
      }
    });

    it("previews an unknown value as a possible change: an update for roles and installs, a replace for email", async () => {
      const roles = await provider.diff("id", olds, { ...same, roles: UNKNOWN });
      assert.equal(roles.changes, true);
      assert.deepEqual(roles.replaces, []);
      const installs = await provider.diff("id", olds, { ...same, installIds: [UNKNOWN] });
      assert.equal(installs.changes, true);
      const email = await provider.diff("id", olds, { ...same, email: UNKNOWN });
      assert.deepEqual(email.replaces, ["email"]);
    });

    it("previews an unknown role or email of the last owner as a possible change, never a refusal", async () => {
      const owner = { ...olds, roles: "owner", installIds: [], lastOwner: true, isApiUser: true };
      const declared = { ...same, roles: "owner", installIds: [] };
      const roles = await provider.diff("id", owner, { ...declared, roles: UNKNOWN });
      assert.equal(roles.changes, true);
      const email = await provider.diff("id", owner, { ...declared, email: UNKNOWN });
      assert.equal(email.changes, true);
      const lockout = await provider.diff("id", owner, {
        ...declared,
        roles: "full",
        allowOwnerLockout: UNKNOWN,
      });
      assert.equal(lockout.changes, true);
    });

    it("makes no API call in check or diff", async () => {
      await clearRequests(ctx.emu);
      await provider.check({}, ada({ roles: "billing, partial", installIds: [TORQUE] }));
      await provider.check({}, ada({ accountId: "bad" }));
      await provider.diff("id", olds, same);
      await provider.diff("id", olds, { ...same, email: "other@example.com", roles: "full", installIds: [] });
      assert.deepEqual(await requestCounts(ctx.emu), {});
    });
  });

  describe("create", () => {
    it("invites the user with exactly one POST and returns complete outputs", async () => {
      await clearRequests(ctx.emu);
      const inputs = await checked(
        provider,
        ada({ roles: "billing, partial", installIds: [TORQUE_STG, TORQUE] }),
      );
      const result = await provider.create(inputs);
      assert.match(result.id, /^[0-9a-f-]{36}$/);
      const outs = result.outs as Record<string, unknown>;
      for (const key of OUTPUT_KEYS)
        assert.ok(key in outs && outs[key] !== undefined, `output ${key} missing`);
      assert.equal(outs.userId, result.id);
      assert.equal(outs.email, "ada@example.com");
      assert.equal(outs.roles, "partial,billing");
      assert.deepEqual(outs.installIds, [TORQUE, TORQUE_STG].sort());
      assert.equal(outs.adopt, false);
      const counts = await requestCounts(ctx.emu);
      assert.equal(counts[POST_USER], 1);
      assert.equal(counts[PATCH_USER] ?? 0, 0);
    });

    it("fails an email that is already taken with a message that suggests adopt, after one POST", async () => {
      await clearRequests(ctx.emu);
      const inputs = await checked(provider, ada({ email: FULL_USER_EMAIL.toUpperCase() }));
      const err = await caught(() => provider.create(inputs));
      assert.ok(err instanceof Error);
      assert.match(err.message, /already exists/);
      assert.match(err.message, /adopt: true/);
      assert.ok(err.message.includes(FULL_USER_EMAIL.toUpperCase()), err.message);
      assert.equal((await requestCounts(ctx.emu))[POST_USER], 1);
    });

    it("with adopt: true takes over the existing user of that email and patches it to the declared roles", async () => {
      await clearRequests(ctx.emu);
      const inputs = await checked(
        provider,
        ada({
          email: PARTIAL_USER_EMAIL,
          firstName: "Paula",
          lastName: "Partial",
          roles: "partial",
          installIds: [TORQUE],
          adopt: true,
        }),
      );
      const result = await provider.create(inputs);
      assert.equal(result.id, SEED_IDS.partialUserId);
      const outs = result.outs as Record<string, unknown>;
      assert.equal(outs.adopt, true);
      assert.equal(outs.roles, "partial");
      assert.deepEqual(outs.installIds, [TORQUE]);
      const counts = await requestCounts(ctx.emu);
      assert.equal(counts[POST_USER] ?? 0, 0, "adopting must not invite");
      assert.equal(counts[PATCH_USER], 1);
      const stored = (await control(ctx.emu, "GET", "/state")) as {
        accountUsers: Array<{ user_id: string; install_ids: string[] }>;
      };
      const paula = stored.accountUsers.find((u) => u.user_id === SEED_IDS.partialUserId);
      assert.deepEqual(paula?.install_ids, [TORQUE]);
    });

    it("with adopt: true does not patch a user that already has the declared roles", async () => {
      await clearRequests(ctx.emu);
      const inputs = await checked(
        provider,
        ada({
          email: FULL_USER_EMAIL,
          firstName: "Frank",
          lastName: "Full",
          roles: "billing,full",
          adopt: true,
        }),
      );
      const result = await provider.create(inputs);
      assert.equal(result.id, SEED_IDS.fullUserId);
      const counts = await requestCounts(ctx.emu);
      assert.equal(counts[POST_USER] ?? 0, 0);
      assert.equal(counts[PATCH_USER] ?? 0, 0);
    });

    it("with adopt: true invites the user when no user has that email", async () => {
      await clearRequests(ctx.emu);
      const result = await provider.create(await checked(provider, ada({ adopt: true })));
      assert.equal((result.outs as Record<string, unknown>).adopt, true);
      assert.equal((await requestCounts(ctx.emu))[POST_USER], 1);
    });

    it("with adopt: true reads the account once for a whole team of new users, not once per user", async () => {
      await clearRequests(ctx.emu);
      const team = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          checked(provider, ada({ email: `member${i}@example.com`, adopt: true })),
        ),
      );
      const created = await Promise.all(team.map((inputs) => provider.create(inputs)));
      assert.equal(new Set(created.map((c) => c.id)).size, 12);
      const counts = await requestCounts(ctx.emu);
      assert.equal(counts[POST_USER], 12);
      assert.equal(counts[LIST_USERS], 1, "one list of the account serves every adopting create");
    });

    it("with adopt: true takes over a user invited in the portal after the account was first read", async () => {
      // The first create reads the account; Grace does not exist yet.
      await provider.create(await checked(provider, ada({ adopt: true })));
      const grace = ctx.emu.store.createAccountUser(MAIN, {
        account_id: MAIN,
        first_name: "Grace",
        last_name: "Hopper",
        email: "grace@example.com",
        roles: "partial",
        install_ids: [TORQUE],
      });
      await clearRequests(ctx.emu);
      const result = await provider.create(
        await checked(
          provider,
          ada({ email: "Grace@Example.com", firstName: "Grace", lastName: "Hopper", adopt: true }),
        ),
      );
      assert.equal(result.id, grace.user_id, "the existing user is adopted, not invited twice");
      assert.equal((result.outs as Record<string, unknown>).roles, "full");
      const counts = await requestCounts(ctx.emu);
      assert.equal(counts[POST_USER], 1, "the POST the API refused");
      // The fresh look after the refusal, then the write guard's own fresh read before the PATCH.
      assert.equal(counts[LIST_USERS], 2);
      assert.equal(counts[PATCH_USER], 1);
      const graces = ctx.emu.store
        .listAccountUsers(MAIN)
        .filter((u) => u.email.toLowerCase() === "grace@example.com");
      assert.deepEqual(
        graces.map((u) => [u.user_id, u.roles]),
        [[grace.user_id, "full"]],
      );
    });

    it("with adopt: true invites anew a user seen at the first read but removed in the portal since", async () => {
      await provider.create(await checked(provider, ada({ adopt: true })));
      ctx.emu.store.deleteAccountUser(MAIN, SEED_IDS.fullUserId);
      await clearRequests(ctx.emu);
      const result = await provider.create(
        await checked(
          provider,
          ada({ email: FULL_USER_EMAIL, firstName: "Frank", lastName: "Full", roles: "full", adopt: true }),
        ),
      );
      assert.notEqual(result.id, SEED_IDS.fullUserId, "a removed user is never taken over");
      const counts = await requestCounts(ctx.emu);
      assert.equal(counts[LIST_USERS], 1, "the fresh re-read of a user seen earlier");
      assert.equal(counts[POST_USER], 1);
      assert.equal(counts[PATCH_USER] ?? 0, 0);
    });
  });

  describe("read", () => {
    it("returns the user as props and the inputs that describe it", async () => {
      // Under the minimal profile the API leaves installs out; the prior state says which they are.
      const read = await provider.read(SEED_IDS.partialUserId, {
        accountId: MAIN,
        email: PARTIAL_USER_EMAIL,
        installIds: [TORQUE_STG, TORQUE],
      });
      assert.equal(read.id, SEED_IDS.partialUserId);
      const props = read.props as Record<string, unknown>;
      for (const key of OUTPUT_KEYS)
        assert.ok(key in props && props[key] !== undefined, `prop ${key} missing`);
      assert.equal(props.email, PARTIAL_USER_EMAIL);
      assert.equal(props.roles, "partial");
      assert.deepEqual(read.inputs, {
        accountId: MAIN,
        email: PARTIAL_USER_EMAIL,
        firstName: "Paula",
        lastName: "Partial",
        roles: "partial",
        installIds: [TORQUE, TORQUE_STG].sort(),
      });
    });

    it("carries the provider-only flags from the prior state", async () => {
      const read = await provider.read(SEED_IDS.fullUserId, { accountId: MAIN, adopt: true });
      assert.equal((read.props as Record<string, unknown>).adopt, true);
      assert.equal((read.inputs as Record<string, unknown>).adopt, true);
      assert.equal((read.props as Record<string, unknown>).roles, "full,billing");
    });

    it("answers a blank id for a user that was removed outside Pulumi", async () => {
      const created = await provider.create(await checked(provider, ada()));
      // Removed in the portal: a direct API call, not through this provider.
      const gone = await fetch(`${ctx.emu.baseUrl}/accounts/${MAIN}/account_users/${created.id}`, {
        method: "DELETE",
        headers: {
          authorization: `Basic ${Buffer.from(`${ctx.emu.apiUserId}:${ctx.emu.apiPassword}`).toString("base64")}`,
        },
      });
      assert.equal(gone.status, 204);
      assert.deepEqual(await provider.read(created.id, created.outs as Record<string, unknown>), { id: "" });
    });

    it("fails loudly with the recovery command when the account is unknown (400/404), never a blank id", async () => {
      const unknownAccount = "0b7a2f1e-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
      const err = await caught(() =>
        provider.read(SEED_IDS.fullUserId, { accountId: unknownAccount, email: FULL_USER_EMAIL }),
      );
      assert.match(
        String(err),
        /users of account 0b7a2f1e-1c2d-4e5f-8a9b-0c1d2e3f4a5b cannot be listed \(GET \S+\/account_users failed: 40[04] /,
      );
      assert.match(String(err), /pulumi state delete/);
    });

    it("fails loudly when the account's user list is refused (400/403: access revoked), never a blank id", async () => {
      const err = await caught(() =>
        provider.read(SEED_IDS.hiddenOwnerUserId, {
          accountId: SEED_IDS.hiddenAccountId,
          email: "hidden@example.com",
        }),
      );
      assert.match(String(err), /cannot be listed \(GET \S+\/account_users failed: 40[03] /);
      assert.match(String(err), /wpengine:apiUserId/);
    });

    it("fails loudly when the account's user list answers 404, never a blank id", async () => {
      await control(ctx.emu, "POST", "/faults", { method: "GET", path: "/account_users$", status: 404 });
      const err = await caught(() =>
        provider.read(SEED_IDS.fullUserId, { accountId: MAIN, email: FULL_USER_EMAIL }),
      );
      assert.match(String(err), /cannot be listed \(.*404/);
      assert.match(String(err), /pulumi refresh/);
    });

    it("answers a blank id for a user id the account never had", async () => {
      assert.deepEqual(await provider.read("0b7a2f1e-1c2d-4e5f-8a9b-0c1d2e3f4a5b", { accountId: MAIN }), {
        id: "",
      });
    });
  });

  describe("update", () => {
    it("patches roles and installs and returns every output, none empty", async () => {
      const created = await provider.create(
        await checked(provider, ada({ roles: "partial", installIds: [TORQUE] })),
      );
      await clearRequests(ctx.emu);
      const news = await checked(
        provider,
        ada({ roles: "partial,billing", installIds: [TORQUE, TORQUE_STG] }),
      );
      const result = await provider.update(created.id, created.outs as Record<string, unknown>, news);
      const outs = result.outs as Record<string, unknown>;
      for (const key of OUTPUT_KEYS)
        assert.ok(key in outs && outs[key] !== undefined, `output ${key} missing`);
      assert.equal(outs.userId, created.id);
      assert.equal(outs.email, "ada@example.com");
      assert.equal(outs.firstName, "Ada");
      assert.equal(outs.roles, "partial,billing");
      assert.deepEqual(outs.installIds, [TORQUE, TORQUE_STG].sort());
      assert.equal((await requestCounts(ctx.emu))[PATCH_USER], 1);
    });

    it("drops the installs when a partial user becomes full", async () => {
      const created = await provider.create(
        await checked(provider, ada({ roles: "partial", installIds: [TORQUE] })),
      );
      const news = await checked(provider, ada({ roles: "full" }));
      const outs = (await provider.update(created.id, created.outs as Record<string, unknown>, news))
        .outs as Record<string, unknown>;
      assert.equal(outs.roles, "full");
      assert.deepEqual(outs.installIds, []);
      for (const key of OUTPUT_KEYS)
        assert.ok(key in outs && outs[key] !== undefined, `output ${key} missing`);
    });

    it("returns complete outputs also when only a provider-only flag changed", async () => {
      const created = await provider.create(await checked(provider, ada()));
      const news = await checked(provider, ada({ adopt: true }));
      const outs = (await provider.update(created.id, created.outs as Record<string, unknown>, news))
        .outs as Record<string, unknown>;
      for (const key of OUTPUT_KEYS)
        assert.ok(key in outs && outs[key] !== undefined, `output ${key} missing`);
      assert.equal(outs.adopt, true);
      assert.equal(outs.userId, created.id);
      assert.equal("__provider" in outs, false);
    });
  });

  describe("delete", () => {
    it("removes the user with one DELETE", async () => {
      const created = await provider.create(await checked(provider, ada()));
      await clearRequests(ctx.emu);
      await provider.delete(created.id, created.outs as Record<string, unknown>);
      assert.equal((await requestCounts(ctx.emu))[DELETE_USER], 1);
      const stored = (await control(ctx.emu, "GET", "/state")) as {
        accountUsers: Array<{ user_id: string }>;
      };
      assert.equal(
        stored.accountUsers.some((u) => u.user_id === created.id),
        false,
      );
    });

    it("never deletes a user that another resource of this update adopted (a renamed resource)", async () => {
      const ledger = new UpdateLedger();
      const renamed = new AccountUserProvider(clientFactory(ctx.emu), { ledger });
      const previous = new AccountUserProvider(clientFactory(ctx.emu), { ledger });
      const adopted = await renamed.create(
        await checked(
          renamed,
          ada({ email: FULL_USER_EMAIL, firstName: "Frank", lastName: "Full", adopt: true }),
        ),
      );
      assert.equal(adopted.id, SEED_IDS.fullUserId);
      await clearRequests(ctx.emu);
      await previous.delete(SEED_IDS.fullUserId, adopted.outs as Record<string, unknown>);
      assert.equal((await requestCounts(ctx.emu))[DELETE_USER], undefined, "no DELETE was sent");
      const stored = (await control(ctx.emu, "GET", "/state")) as {
        accountUsers: Array<{ user_id: string }>;
      };
      assert.ok(
        stored.accountUsers.some((u) => u.user_id === SEED_IDS.fullUserId),
        "the user keeps access",
      );
    });

    it("counts a user that is already gone (404) as deleted", async () => {
      const created = await provider.create(await checked(provider, ada()));
      await provider.delete(created.id, created.outs as Record<string, unknown>);
      await clearRequests(ctx.emu);
      // Each delete must really ask the API and take its 404 as "gone", not skip the call.
      await provider.delete(created.id, created.outs as Record<string, unknown>);
      await provider.delete("0b7a2f1e-1c2d-4e5f-8a9b-0c1d2e3f4a5b", {
        accountId: MAIN,
        email: "ghost@example.com",
      });
      const log = (await control(ctx.emu, "GET", "/requests")) as {
        requests: Array<{ route: string; status: number }>;
      };
      assert.deepEqual(
        log.requests.filter((r) => r.route === DELETE_USER).map((r) => r.status),
        [404, 404],
        "both deletes were sent and answered 404",
      );
      // A 404 means gone; any other failure of the DELETE must still fail the delete.
      await control(ctx.emu, "POST", "/faults", { method: "DELETE", path: "/account_users/", status: 403 });
      await assert.rejects(
        provider.delete(created.id, created.outs as Record<string, unknown>),
        /403|forbidden|permission/i,
      );
    });
  });
});
