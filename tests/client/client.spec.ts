import assert from "node:assert/strict";
import { SEED_IDS, SEED_OWNER_EMAIL } from "../../emulator";
import {
  type AccountUser,
  AmbiguousWriteError,
  BadRequestError,
  ConfigurationError,
  collect,
  errorFromResponse,
  InternalServerError,
  InvalidArgumentError,
  isEmailTakenError,
  NotFoundError,
  PaginationError,
  PermissionDeniedError,
  WpEngineClient,
} from "../../provider/client";
import { isCreatedBy } from "../../provider/client/client";
import { REAL_KEYS } from "../support/sshKeys";
import {
  caught,
  clientFor,
  control,
  countOf,
  fault,
  requestLog,
  totalRequests,
  useEmulator,
} from "./helpers";

const MAIN = SEED_IDS.mainAccountId;
const NEW_USER = { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com", roles: "full" } as const;
const BACKUP = { description: "before the upgrade", notificationEmails: ["ops@example.com"] };

describe("WpEngineClient", () => {
  const ctx = useEmulator();

  /** Whether this run's emulator answers only what the contract requires. */
  const minimal = () => ctx.emu.store.config.profile === "minimal";

  async function usersWithEmail(email: string): Promise<AccountUser[]> {
    const users = await clientFor(ctx.emu).listAccountUsers(MAIN);
    return users.filter((u) => u.email.toLowerCase() === email.toLowerCase());
  }

  describe("reads", () => {
    it("getStatus answers the API status", async () => {
      const status = await clientFor(ctx.emu).getStatus();
      assert.equal(status.success, true);
    });

    it("getCurrentUser answers the user behind the credentials", async () => {
      const user = await clientFor(ctx.emu).getCurrentUser();
      assert.equal(user.email, SEED_OWNER_EMAIL);
    });

    it("listAccounts yields the two visible accounts, not the hidden one", async () => {
      const accounts = await collect(clientFor(ctx.emu).listAccounts());
      assert.deepEqual(
        accounts.map((a) => a.id).sort(),
        [SEED_IDS.mainAccountId, SEED_IDS.secondAccountId].sort(),
      );
    });

    it("getAccount answers an account, and 404 for one the credentials cannot see", async () => {
      const client = clientFor(ctx.emu);
      assert.equal((await client.getAccount(MAIN)).id, MAIN);
      // getAccount documents no 403, so a hidden account answers 404.
      const err = await caught(() => client.getAccount(SEED_IDS.hiddenAccountId));
      assert.ok(err instanceof NotFoundError);
    });

    it("reading the users of an account the credentials cannot see is a PermissionDeniedError", async () => {
      const err = await caught(() =>
        clientFor(ctx.emu).getAccountUser(SEED_IDS.hiddenAccountId, SEED_IDS.fullUserId),
      );
      assert.ok(err instanceof PermissionDeniedError);
      assert.equal(err.status, 403);
    });

    it("listAccountUsers reads every user with canonical roles", async () => {
      const users = await clientFor(ctx.emu).listAccountUsers(MAIN);
      const byId = new Map(users.map((u) => [u.user_id, u]));
      assert.equal(byId.get(SEED_IDS.ownerUserId)?.roles, "owner");
      assert.equal(byId.get(SEED_IDS.fullUserId)?.roles, "full,billing");
      const partial = byId.get(SEED_IDS.partialUserId);
      assert.equal(partial?.roles, "partial");
      assert.deepEqual(
        partial?.installs?.map((i) => i.id).sort(),
        // The minimal profile leaves the optional installs out: not reported, never "none".
        minimal() ? undefined : [SEED_IDS.torquemagInstallId, SEED_IDS.torquemagStagingInstallId].sort(),
      );
      assert.equal(await countOf(ctx.emu, "GET /accounts/{account_id}/account_users"), 1);
    });

    it("getAccountUser answers one user", async () => {
      const user = await clientFor(ctx.emu).getAccountUser(MAIN, SEED_IDS.fullUserId);
      assert.equal(user.user_id, SEED_IDS.fullUserId);
      assert.equal(user.account_id, MAIN);
    });

    it("findAccountUserByEmail matches case-insensitively and answers undefined when absent", async () => {
      const client = clientFor(ctx.emu);
      const owner = await client.findAccountUserByEmail(MAIN, SEED_OWNER_EMAIL.toUpperCase());
      assert.equal(owner?.user_id, SEED_IDS.ownerUserId);
      assert.equal(await client.findAccountUserByEmail(MAIN, "nobody@example.com"), undefined);
    });

    it("getSite and getInstall answer the quick start's site and install", async () => {
      const client = clientFor(ctx.emu);
      const site = await client.getSite(SEED_IDS.torqueSiteId);
      assert.equal(site.name, "Torque Magazine");
      const install = await client.getInstall(SEED_IDS.torquemagInstallId);
      assert.equal(install.name, "torquemag");
      if (minimal()) {
        // Only what the contract requires: the account's id and every optional field are left out.
        assert.equal(site.account.id, undefined);
        assert.equal(install.environment, undefined);
        assert.equal(install.php_version, null);
      } else {
        assert.equal(site.account.id, MAIN);
        assert.equal(install.environment, "production");
        assert.equal(install.site?.id, SEED_IDS.torqueSiteId);
      }
    });

    it("getSite of an unknown id is a NotFoundError", async () => {
      const err = await caught(() => clientFor(ctx.emu).getSite("00000000-0000-4000-8000-000000000000"));
      assert.ok(err instanceof NotFoundError);
      assert.match(err.message, /^GET \/sites\/00000000-0000-4000-8000-000000000000 failed: 404 Not Found/);
    });
  });

  describe("account users", () => {
    it("creates, updates and deletes a user", async () => {
      const client = clientFor(ctx.emu);
      const created = await client.createAccountUser(MAIN, NEW_USER);
      assert.equal(created.email, NEW_USER.email);
      assert.equal(created.roles, "full");
      assert.equal(created.account_id, MAIN);

      const updated = await client.updateAccountUser(MAIN, created.user_id, {
        roles: "partial,billing",
        installIds: [SEED_IDS.torquemagInstallId],
      });
      assert.equal(updated.roles, "partial,billing");
      assert.deepEqual(
        updated.installs?.map((i) => i.id),
        minimal() ? undefined : [SEED_IDS.torquemagInstallId],
      );
      assert.equal((await client.getAccountUser(MAIN, created.user_id)).roles, "partial,billing");

      assert.equal(await client.deleteAccountUser(MAIN, created.user_id), "deleted");
      await assert.rejects(client.getAccountUser(MAIN, created.user_id), NotFoundError);
    });

    it("deleteAccountUser answers not_found for a user that is already gone", async () => {
      const client = clientFor(ctx.emu);
      assert.equal(await client.deleteAccountUser(MAIN, "00000000-0000-4000-8000-000000000000"), "not_found");
    });

    it("a DELETE whose answer was lost is retried and finds the user gone", async () => {
      const client = clientFor(ctx.emu);
      const created = await client.createAccountUser(MAIN, NEW_USER);
      await fault(ctx.emu, { method: "DELETE", path: "/account_users/", afterProcessing: true, count: 1 });
      assert.equal(await client.deleteAccountUser(MAIN, created.user_id), "not_found");
      assert.equal(await countOf(ctx.emu, "DELETE /accounts/{account_id}/account_users/{user_id}"), 2);
      assert.deepEqual(await usersWithEmail(NEW_USER.email), []);
    });

    it("an email that already has a user is a BadRequestError that isEmailTakenError recognises", async () => {
      const err = await caught(() =>
        clientFor(ctx.emu).createAccountUser(MAIN, { ...NEW_USER, email: SEED_OWNER_EMAIL }),
      );
      assert.ok(err instanceof BadRequestError);
      assert.ok(isEmailTakenError(err));
      assert.ok(err.fieldErrors.some((f) => f.field === "email"));
      assert.match(err.message, /\(AccountUser\.email: .*\[request id [0-9a-f-]+\]$/);
      assert.equal(isEmailTakenError(new Error("email already exists")), false);
    });

    it("after a create whose answer was lost, finds the created user instead of posting again", async () => {
      await fault(ctx.emu, { method: "POST", path: "/account_users$", afterProcessing: true, count: 1 });
      const user = await clientFor(ctx.emu).createAccountUser(MAIN, {
        ...NEW_USER,
        email: "Ada@Example.com",
      });
      assert.equal(user.email.toLowerCase(), "ada@example.com");
      const routes = (await requestLog(ctx.emu)).requests.map((r) => `${r.route} ${r.status}`);
      assert.deepEqual(routes, [
        "POST /accounts/{account_id}/account_users 0",
        "GET /accounts/{account_id}/account_users 200",
      ]);
      assert.equal((await usersWithEmail("ada@example.com")).length, 1);
    });

    it("after a create that certainly failed unprocessed-but-ambiguously, looks up first and then posts again", async () => {
      // The connection drops before the API processes the request: the look-up finds nothing.
      await fault(ctx.emu, { method: "POST", path: "/account_users$", reset: true, count: 1 });
      const user = await clientFor(ctx.emu).createAccountUser(MAIN, NEW_USER);
      assert.equal(user.email, NEW_USER.email);
      const routes = (await requestLog(ctx.emu)).requests.map((r) => `${r.route} ${r.status}`);
      assert.deepEqual(routes, [
        "POST /accounts/{account_id}/account_users 0",
        "GET /accounts/{account_id}/account_users 200",
        "POST /accounts/{account_id}/account_users 201",
      ]);
      assert.equal((await usersWithEmail(NEW_USER.email)).length, 1);
    });

    it("gives up with AmbiguousWriteError when every create attempt is ambiguous and the user never appears", async () => {
      await fault(ctx.emu, { method: "POST", path: "/account_users$", status: 502 });
      const err = await caught(() => clientFor(ctx.emu).createAccountUser(MAIN, NEW_USER));
      assert.ok(err instanceof AmbiguousWriteError);
      assert.match(err.message, /3 attempts to create the user ada@example.com/);
      assert.equal(await countOf(ctx.emu, "POST /accounts/{account_id}/account_users"), 3);
    });

    it("retries a create on 429 and 503, which the API did not process", async () => {
      await fault(ctx.emu, { method: "POST", path: "/account_users$", status: 429, retryAfter: 0, count: 1 });
      await fault(ctx.emu, { method: "POST", path: "/account_users$", status: 503, count: 1 });
      const user = await clientFor(ctx.emu).createAccountUser(MAIN, NEW_USER);
      assert.equal(user.email, NEW_USER.email);
      assert.equal(await countOf(ctx.emu, "POST /accounts/{account_id}/account_users"), 3);
      assert.equal(await countOf(ctx.emu, "GET /accounts/{account_id}/account_users"), 0);
    });

    it("rejects install ids with a non-partial role before sending anything", async () => {
      const err = await caught(() =>
        clientFor(ctx.emu).updateAccountUser(MAIN, SEED_IDS.fullUserId, {
          roles: "full",
          installIds: [SEED_IDS.torquemagInstallId],
        }),
      );
      assert.ok(err instanceof InvalidArgumentError);
      assert.equal(await totalRequests(ctx.emu), 0);
    });
  });

  describe("backups", () => {
    it("requests a backup and follows its status", async () => {
      const client = clientFor(ctx.emu);
      const backup = await client.createBackup(SEED_IDS.torquemagInstallId, BACKUP);
      // The minimal profile's 202 names the id only: a status it does not give is "unknown".
      assert.equal(backup.status, ctx.emu.store.config.profile === "minimal" ? "unknown" : "requested");
      const id = backup.id;
      assert.ok(id);
      const seen = [];
      for (let i = 0; i < 3; i++) seen.push((await client.getBackup(SEED_IDS.torquemagInstallId, id)).status);
      assert.equal(seen.at(-1), "completed");
    });

    it("does not repeat a backup request answered with 500, and says there is no list endpoint", async () => {
      await fault(ctx.emu, { method: "POST", path: "/backups$", status: 500 });
      const err = await caught(() => clientFor(ctx.emu).createBackup(SEED_IDS.torquemagInstallId, BACKUP));
      assert.ok(err instanceof AmbiguousWriteError);
      assert.ok(err.cause instanceof InternalServerError);
      assert.match(err.message, /may have been requested/);
      assert.match(err.message, /no endpoint that lists backups/);
      assert.equal(await countOf(ctx.emu, "POST /installs/{install_id}/backups"), 1);
    });

    it("does not repeat a backup request whose answer was lost after processing", async () => {
      const backupsBefore = ((await control(ctx.emu, "GET", "/state")) as { backups: unknown[] }).backups
        .length;
      await fault(ctx.emu, { method: "POST", path: "/backups$", afterProcessing: true });
      const err = await caught(() => clientFor(ctx.emu).createBackup(SEED_IDS.torquemagInstallId, BACKUP));
      assert.ok(err instanceof AmbiguousWriteError);
      assert.equal((err.cause as { code?: string }).code, "ECONNRESET");
      assert.equal(await countOf(ctx.emu, "POST /installs/{install_id}/backups"), 1);
      const state = (await control(ctx.emu, "GET", "/state")) as { backups: unknown[] };
      assert.equal(state.backups.length, backupsBefore + 1);
    });

    it("does not repeat a backup request that timed out after sending", async () => {
      await fault(ctx.emu, { method: "POST", path: "/backups$", latencyMs: 400 });
      const attempts: number[] = [];
      const err = await caught(() =>
        clientFor(ctx.emu, { timeoutMs: 100, onRequest: (e) => attempts.push(e.attempt) }).createBackup(
          SEED_IDS.torquemagInstallId,
          BACKUP,
        ),
      );
      assert.ok(err instanceof AmbiguousWriteError);
      assert.equal((err.cause as Error).name, "ApiTimeoutError");
      // The emulator does not log a request whose client went away, so count attempts client-side.
      assert.deepEqual(attempts, [1]);
    });

    it("repeats a backup request answered with 503, which the API did not process", async () => {
      await fault(ctx.emu, { method: "POST", path: "/backups$", status: 503, count: 1 });
      const backup = await clientFor(ctx.emu).createBackup(SEED_IDS.torquemagInstallId, BACKUP);
      assert.ok(backup.id);
      assert.equal(await countOf(ctx.emu, "POST /installs/{install_id}/backups"), 2);
    });
  });

  describe("answers the contract allows", () => {
    const USERS_PATH = `^/v1/accounts/${MAIN}/account_users$`;

    it("fails loudly when the account's users come back paged, instead of reading page 1 as everyone", async () => {
      await control(ctx.emu, "POST", "/config", { accountUsersPageSize: 2 });
      const err = await caught(() => clientFor(ctx.emu).listAccountUsers(MAIN));
      assert.ok(err instanceof PaginationError, String(err));
      assert.match(err.message, /documented as unpaged.*users on other pages would look deleted/);
    });

    it("keeps a user with an unknown role (billing alone) in the list, verbatim, and reads the others", async () => {
      const users = await clientFor(ctx.emu).listAccountUsers(MAIN);
      await fault(ctx.emu, {
        method: "GET",
        path: USERS_PATH,
        status: 200,
        body: {
          results: users.map((u, i) => ({ ...u, installs: null, roles: i === 1 ? "billing" : u.roles })),
        },
        count: 1,
      });
      const read = await clientFor(ctx.emu).listAccountUsers(MAIN);
      assert.equal(read.length, users.length, "nobody dropped");
      assert.equal(read[1]?.roles, "billing");
      assert.deepEqual(
        read.filter((_, i) => i !== 1).map((u) => u.roles),
        users.filter((_, i) => i !== 1).map((u) => u.roles),
      );
    });

    it("fills in last_owner from the whole list when the answer leaves it out", async () => {
      await control(ctx.emu, "POST", "/config", { profile: "minimal" });
      const users = await clientFor(ctx.emu).listAccountUsers(MAIN);
      const owners = users.filter((u) => u.roles === "owner");
      assert.equal(owners.length, 1, "the seed has one owner in this account");
      assert.equal(owners[0]?.last_owner, true);
    });

    it("recognises an email already taken by status and field, whatever the wording", async () => {
      await control(ctx.emu, "POST", "/config", { profile: "minimal" });
      const err = await caught(() =>
        clientFor(ctx.emu).createAccountUser(MAIN, { ...NEW_USER, email: SEED_OWNER_EMAIL }),
      );
      assert.ok(err instanceof BadRequestError);
      assert.doesNotMatch(err.message, /already|exist|taken|in use|duplicate|unavailable/i);
      assert.ok(isEmailTakenError(err), err.message);
    });

    it("does not read a malformed email (a format complaint on the field) as taken", () => {
      const error = (status: number, type: string, code: string, message: string) =>
        errorFromResponse({
          status,
          method: "POST",
          path: "/accounts/x/account_users",
          body: {
            message: "Bad",
            errors: [{ resource: "AccountUser", field: "email", type, code, message }],
          },
        });
      const taken = (status: number, type: string, code: string, message: string) =>
        isEmailTakenError(error(status, type, code, message));
      assert.equal(taken(400, "invalid_value", "invalid_format", "is not an email"), false);
      assert.equal(taken(400, "invalid_value", "invalid", "is not acceptable"), false, "the minimal wording");
      assert.equal(isEmailTakenError(error(400, "invalid_value", "not_unique", "is used by someone")), true);
      assert.equal(isEmailTakenError(error(409, "invalid_value", "conflict", "")), true);
      assert.equal(isEmailTakenError(error(400, "value_unavailable", "x", "")), true);
    });

    it("records the backup a 202 accepted even when the answer names no id or an unknown status", async () => {
      const acceptWith = async (body: unknown) => {
        await fault(ctx.emu, { method: "POST", path: "/backups$", status: 202, body, count: 1 });
        return clientFor(ctx.emu).createBackup(SEED_IDS.torquemagInstallId, BACKUP);
      };
      assert.deepEqual(await acceptWith({ status: "queued" }), { id: null, status: "unknown" });
      assert.deepEqual(await acceptWith({ id: "b-42" }), { id: "b-42", status: "unknown" });
      assert.equal(
        await countOf(ctx.emu, "POST /installs/{install_id}/backups"),
        2,
        "one POST each, never repeated",
      );
    });

    it("reads a backup status it does not know as unknown (not finished), and follows an id that is no UUID", async () => {
      await fault(ctx.emu, {
        method: "GET",
        path: "/backups/b-42$",
        status: 200,
        body: { status: "queued" },
        count: 1,
      });
      const read = await clientFor(ctx.emu).getBackup(SEED_IDS.torquemagInstallId, "b-42");
      assert.deepEqual(read, { id: "b-42", status: "unknown" });
    });
  });

  describe("account limits", () => {
    it("reads an account's plan limits, with null where the plan sets none", async () => {
      const limits = await clientFor(ctx.emu).getAccountLimits(MAIN);
      if (minimal()) assert.deepEqual(limits, {});
      else assert.deepEqual(limits, { visitors: 25000, storage: 150, bandwidth: 1000 });
      const other = await clientFor(ctx.emu).getAccountLimits(SEED_IDS.secondAccountId);
      if (!minimal()) assert.equal(other.bandwidth, null);
    });

    it("refuses an account id that is not a UUID before sending anything", async () => {
      const err = await caught(() => clientFor(ctx.emu).getAccountLimits("../accounts"));
      assert.ok(err instanceof InvalidArgumentError, String(err));
      assert.equal(await totalRequests(ctx.emu), 0);
    });
  });

  describe("sites and SSH keys whose create outcome is unknown", () => {
    const sitesNamed = async (name: string) =>
      (await collect(clientFor(ctx.emu).listSites({ accountId: MAIN }))).filter((s) => s.name === name);

    it("takes the site its lost answer created, and creates no second one", async () => {
      await fault(ctx.emu, { method: "POST", path: "^/v1/sites$", afterProcessing: true, count: 1 });
      // Told by the list taken before the POST, so it needs no created_at (the minimal answers have none).
      const site = await clientFor(ctx.emu).createSite({ name: "PR 7", accountId: MAIN });
      assert.deepEqual(
        (await sitesNamed("PR 7")).map((s) => s.id),
        [site.id],
      );
      assert.equal(await countOf(ctx.emu, "POST /sites"), 1);
    });

    it("sends the create again when no site of that name exists (the first was not processed)", async () => {
      await fault(ctx.emu, { method: "POST", path: "^/v1/sites$", status: 502, count: 1 });
      const site = await clientFor(ctx.emu).createSite({ name: "PR 8", accountId: MAIN });
      assert.deepEqual(
        (await sitesNamed("PR 8")).map((s) => s.id),
        [site.id],
      );
      assert.equal(await countOf(ctx.emu, "POST /sites"), 2);
    });

    it("takes the new one of two same-named sites, never the one that was there before", async () => {
      const before = await clientFor(ctx.emu).createSite({ name: "PR 9", accountId: MAIN });
      await fault(ctx.emu, { method: "POST", path: "^/v1/sites$", afterProcessing: true, count: 1 });
      const site = await clientFor(ctx.emu).createSite({ name: "PR 9", accountId: MAIN });
      assert.notEqual(site.id, before.id);
      assert.deepEqual((await sitesNamed("PR 9")).map((s) => s.id).sort(), [before.id, site.id].sort());
      assert.equal(await countOf(ctx.emu, "POST /sites"), 2, "one for each create, none repeated");
    });

    it("adds an SSH key once when the first POST was not processed", async () => {
      await fault(ctx.emu, { method: "POST", path: "^/v1/ssh_keys$", status: 502, count: 1 });
      const line = REAL_KEYS.rsa.line;
      // No key that was not in the list taken before the POST: absent, even where no fingerprint shows.
      const key = await clientFor(ctx.emu).createSshKey(line, REAL_KEYS.rsa.md5);
      assert.equal(key.fingerprint, REAL_KEYS.rsa.md5);
      assert.equal(ctx.emu.store.listSshKeys().filter((k) => k.public_key === line).length, 1);
      assert.equal(await countOf(ctx.emu, "POST /ssh_keys"), 2);
    });
  });

  describe("a create whose outcome is unknown", () => {
    const lostAnswer = () =>
      fault(ctx.emu, { method: "POST", path: "/account_users$", status: 502, count: 1 });

    /** Invites `email` the way a person in the portal would, with other names. */
    async function inviteByHand(email: string, accept: boolean): Promise<AccountUser> {
      const user = await clientFor(ctx.emu).createAccountUser(MAIN, {
        firstName: "Someone",
        lastName: "Else",
        email,
        roles: "full",
      });
      if (accept) await control(ctx.emu, "POST", `/accounts/${MAIN}/users/${user.user_id}/accept-invite`);
      return user;
    }

    it("does not take over a user invited by hand before, and names adopt as the fix", async () => {
      const stranger = await inviteByHand(NEW_USER.email, true);
      await lostAnswer();
      const err = await caught(() => clientFor(ctx.emu).createAccountUser(MAIN, NEW_USER));
      assert.ok(err instanceof AmbiguousWriteError, String(err));
      assert.match(err.message, /cannot have created.*already accepted an invitation.*is named Someone Else/);
      assert.match(err.message, /adopt: true/);
      const still = await clientFor(ctx.emu).getAccountUser(MAIN, stranger.user_id);
      assert.equal(still.roles, "full", "the stranger is untouched");
      assert.equal(
        await countOf(ctx.emu, "POST /accounts/{account_id}/account_users"),
        2,
        "no second invite",
      );
    });

    it("does not take over a pending invitation with other names either", async () => {
      await inviteByHand(NEW_USER.email, false);
      await lostAnswer();
      const err = await caught(() => clientFor(ctx.emu).createAccountUser(MAIN, NEW_USER));
      assert.ok(err instanceof AmbiguousWriteError);
      assert.match(err.message, /is named Someone Else/);
    });

    it("takes over whatever user has the email when adopt allows it", async () => {
      const stranger = await inviteByHand(NEW_USER.email, true);
      await lostAnswer();
      const user = await clientFor(ctx.emu).createAccountUser(MAIN, { ...NEW_USER, adopt: true });
      assert.equal(user.user_id, stranger.user_id);
    });

    it("takes over the pending invitation its own lost POST created (same names, role and installs)", async () => {
      await fault(ctx.emu, { method: "POST", path: "/account_users$", afterProcessing: true, count: 1 });
      const input = {
        firstName: "Con",
        lastName: "Tractor",
        email: "con@example.com",
        roles: "partial",
        installIds: [SEED_IDS.torquemagInstallId],
      } as const;
      const user = await clientFor(ctx.emu).createAccountUser(MAIN, {
        ...input,
        installIds: [...input.installIds],
      });
      assert.equal(user.email, input.email);
      assert.equal((await usersWithEmail(input.email)).length, 1);
    });

    it("isCreatedBy accepts only a pending invitation with exactly what was posted", () => {
      const posted = {
        account_id: MAIN,
        first_name: "Ada",
        last_name: "Lovelace",
        email: "ada@example.com",
        roles: "partial" as const,
        install_ids: ["i-1"],
      };
      const user = {
        user_id: "u",
        account_id: MAIN,
        first_name: " ada",
        last_name: "LOVELACE",
        email: "Ada@Example.com",
        phone: null,
        invite_accepted: false,
        mfa_enabled: false,
        roles: "partial" as const,
        installs: [{ id: "I-1" }],
      };
      assert.equal(isCreatedBy(user, posted), true);
      assert.equal(isCreatedBy({ ...user, installs: undefined }, posted), true, "installs not reported");
      assert.equal(isCreatedBy({ ...user, invite_accepted: true }, posted), false);
      assert.equal(isCreatedBy({ ...user, first_name: "Augusta" }, posted), false);
      assert.equal(isCreatedBy({ ...user, roles: "full" as const }, posted), false);
      assert.equal(isCreatedBy({ ...user, installs: [{ id: "i-2" }] }, posted), false);
    });
  });

  describe("arguments", () => {
    const BAD_IDS = ["../x", "%2F", "../../accounts", `${SEED_IDS.torqueSiteId}/..`, ""];

    it("rejects path parameters that are not UUIDs, naming the parameter, before any request", async () => {
      const client = clientFor(ctx.emu);
      for (const bad of BAD_IDS) {
        const calls: [string, () => Promise<unknown>][] = [
          ["siteId", () => client.getSite(bad)],
          ["installId", () => client.getInstall(bad)],
          ["accountId", () => client.getAccount(bad)],
          ["accountId", () => client.listAccountUsers(bad)],
          ["userId", () => client.getAccountUser(MAIN, bad)],
          ["accountId", () => client.deleteAccountUser(bad, SEED_IDS.fullUserId)],
          ["userId", () => client.updateAccountUser(MAIN, bad, { roles: "full" })],
          ["accountId", () => client.createAccountUser(bad, NEW_USER)],
          ["installId", () => client.createBackup(bad, BACKUP)],
          ["backupId", () => client.getBackup(SEED_IDS.torquemagInstallId, bad)],
          ["accountId", async () => client.listSites({ accountId: bad })],
          ["accountId", async () => client.listInstalls({ accountId: bad })],
        ];
        for (const [parameter, call] of calls) {
          const err = await caught(call);
          assert.ok(err instanceof InvalidArgumentError, `${parameter} ${bad}: ${String(err)}`);
          assert.equal(err.parameter, parameter);
          // A backup id has no documented format: it must only be one plain path segment.
          const expected =
            parameter === "backupId" ? "must be a backup id as the API gave it" : "must be a UUID";
          assert.match(err.message, new RegExp(`${parameter} ${expected}`));
        }
      }
      assert.equal(await totalRequests(ctx.emu), 0);
    });

    it("refuses http:// to a non-loopback host when constructed", () => {
      assert.throws(
        () =>
          new WpEngineClient({ apiUrl: "http://api.wpengineapi.com/v1", apiUserId: "u", apiPassword: "p" }),
        (err: Error) => err instanceof ConfigurationError && /wpengine:apiUrl/.test(err.message),
      );
    });

    it("refuses to be built without credentials", () => {
      assert.throws(
        () =>
          new WpEngineClient({ apiUrl: "https://api.wpengineapi.com/v1", apiUserId: "u", apiPassword: "" }),
        ConfigurationError,
      );
    });
  });
});
