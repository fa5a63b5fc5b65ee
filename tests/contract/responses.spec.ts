import assert from "node:assert/strict";
import { defaultSeed, OPERATIONS, type OperationId, SEED_IDS } from "../../emulator";
import { samplePublicKey } from "../../emulator/publicKeys";
import {
  obj,
  objs,
  type TestClient,
  type TestResponse,
  usersPath,
  useTestEmulator,
} from "../emulator/client";
import { ContractValidator } from "../support/swagger";

const MAIN = SEED_IDS.mainAccountId;
const HIDDEN = SEED_IDS.hiddenAccountId;
const UNKNOWN = "00000000-0000-4000-8000-000000000000";
const TORQUEMAG = SEED_IDS.torquemagInstallId;
const BACKUP = { description: "contract", notification_emails: ["ops@example.com"] };
const ORDER = {
  email_address: "jane@example.com",
  given_name: "Jane",
  family_name: "Doe",
  region_code: "US",
};
/** `first_date` and `last_date` of the last `days` days up to today (UTC), as a query string. */
function usageRange(days: number): string {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return `first_date=${day(Date.now() - (days - 1) * 86_400_000)}&last_date=${day(Date.now())}`;
}
const NO_AUTH = { auth: false } as const;
const BAD_AUTH = { auth: { user: "test-user", password: "wrong" } } as const;

function newUser(accountId: string = MAIN, extra: Record<string, unknown> = {}) {
  return {
    json: {
      user: {
        account_id: accountId,
        first_name: "Con",
        last_name: "Tract",
        email: "contract@example.com",
        roles: "partial",
        install_ids: [TORQUEMAG],
        ...extra,
      },
    },
  };
}

/** One request whose answer must have `status` and validate against the contract for that status. */
interface Case {
  op: OperationId;
  status: number;
  what: string;
  call: (c: TestClient) => Promise<TestResponse>;
}

const cases: Case[] = [
  // GET /status (no auth documented, so credentials never matter)
  { op: "status", status: 200, what: "without credentials", call: (c) => c.api("GET", "/status", NO_AUTH) },
  {
    op: "status",
    status: 200,
    what: "with wrong credentials (401 is not documented)",
    call: (c) => c.api("GET", "/status", BAD_AUTH),
  },
  // GET /user
  {
    op: "getCurrentUser",
    status: 200,
    what: "for the credentials' person",
    call: (c) => c.api("GET", "/user"),
  },
  {
    op: "getCurrentUser",
    status: 401,
    what: "without credentials",
    call: (c) => c.api("GET", "/user", NO_AUTH),
  },
  {
    op: "getCurrentUser",
    status: 401,
    what: "with a wrong password",
    call: (c) => c.api("GET", "/user", BAD_AUTH),
  },
  // GET /accounts
  {
    op: "listAccounts",
    status: 200,
    what: "a page",
    call: (c) => c.api("GET", "/accounts?limit=1&offset=1"),
  },
  {
    op: "listAccounts",
    status: 400,
    what: "for limit=101",
    call: (c) => c.api("GET", "/accounts?limit=101"),
  },
  {
    op: "listAccounts",
    status: 401,
    what: "without credentials",
    call: (c) => c.api("GET", "/accounts", NO_AUTH),
  },
  // GET /accounts/{account_id}
  {
    op: "getAccount",
    status: 200,
    what: "for the main account",
    call: (c) => c.api("GET", `/accounts/${MAIN}`),
  },
  {
    op: "getAccount",
    status: 401,
    what: "without credentials",
    call: (c) => c.api("GET", `/accounts/${MAIN}`, NO_AUTH),
  },
  {
    op: "getAccount",
    status: 404,
    what: "for an unknown account",
    call: (c) => c.api("GET", `/accounts/${UNKNOWN}`),
  },
  {
    op: "getAccount",
    status: 404,
    what: "for a hidden account (403 is not documented)",
    call: (c) => c.api("GET", `/accounts/${HIDDEN}`),
  },
  {
    op: "getAccount",
    status: 404,
    what: "for a non-UUID id (400 is not documented)",
    call: (c) => c.api("GET", "/accounts/nope"),
  },
  // GET /accounts/{account_id}/account_users
  {
    op: "listAccountUsers",
    status: 200,
    what: "all users, unpaged",
    call: (c) => c.api("GET", usersPath(MAIN)),
  },
  {
    op: "listAccountUsers",
    status: 400,
    what: "for a hidden account (403/404 are not documented)",
    call: (c) => c.api("GET", usersPath(HIDDEN)),
  },
  {
    op: "listAccountUsers",
    status: 400,
    what: "for an unknown account",
    call: (c) => c.api("GET", usersPath(UNKNOWN)),
  },
  {
    op: "listAccountUsers",
    status: 400,
    what: "for a non-UUID account id",
    call: (c) => c.api("GET", usersPath("nope")),
  },
  {
    op: "listAccountUsers",
    status: 401,
    what: "without credentials",
    call: (c) => c.api("GET", usersPath(MAIN), NO_AUTH),
  },
  // POST /accounts/{account_id}/account_users
  {
    op: "createAccountUser",
    status: 201,
    what: "for a new partial user",
    call: (c) => c.api("POST", usersPath(MAIN), newUser()),
  },
  {
    op: "createAccountUser",
    status: 400,
    what: "for an invalid user",
    call: (c) => c.api("POST", usersPath(MAIN), newUser(MAIN, { email: "x", roles: "boss" })),
  },
  {
    op: "createAccountUser",
    status: 400,
    what: "for malformed JSON",
    call: (c) => c.api("POST", usersPath(MAIN), { raw: "{" }),
  },
  {
    op: "createAccountUser",
    status: 400,
    what: "for a duplicate email",
    call: (c) =>
      c.api(
        "POST",
        usersPath(MAIN),
        newUser(MAIN, { email: "OWNER@example.com", roles: "full", install_ids: [] }),
      ),
  },
  {
    op: "createAccountUser",
    status: 401,
    what: "without credentials",
    call: (c) => c.api("POST", usersPath(MAIN), { ...newUser(), auth: false }),
  },
  {
    op: "createAccountUser",
    status: 403,
    what: "in a hidden account",
    call: (c) => c.api("POST", usersPath(HIDDEN), newUser(HIDDEN, { install_ids: [] })),
  },
  {
    op: "createAccountUser",
    status: 403,
    what: "in an unknown account (404 is not documented)",
    call: (c) => c.api("POST", usersPath(UNKNOWN), newUser(UNKNOWN, { install_ids: [] })),
  },
  // GET /accounts/{account_id}/account_users/{user_id}
  {
    op: "getAccountUser",
    status: 200,
    what: "for the owner",
    call: (c) => c.api("GET", usersPath(MAIN, SEED_IDS.ownerUserId)),
  },
  {
    op: "getAccountUser",
    status: 200,
    what: "for a partial user",
    call: (c) => c.api("GET", usersPath(MAIN, SEED_IDS.partialUserId)),
  },
  {
    op: "getAccountUser",
    status: 401,
    what: "without credentials",
    call: (c) => c.api("GET", usersPath(MAIN, SEED_IDS.ownerUserId), NO_AUTH),
  },
  {
    op: "getAccountUser",
    status: 403,
    what: "in a hidden account",
    call: (c) => c.api("GET", usersPath(HIDDEN, SEED_IDS.hiddenOwnerUserId)),
  },
  {
    op: "getAccountUser",
    status: 404,
    what: "for an unknown user",
    call: (c) => c.api("GET", usersPath(MAIN, UNKNOWN)),
  },
  {
    op: "getAccountUser",
    status: 404,
    what: "for a non-UUID user id (400 is not documented)",
    call: (c) => c.api("GET", usersPath(MAIN, "nope")),
  },
  // PATCH /accounts/{account_id}/account_users/{user_id}
  {
    op: "updateAccountUser",
    status: 200,
    what: "for a role change",
    call: (c) =>
      c.api("PATCH", usersPath(MAIN, SEED_IDS.fullUserId), {
        json: { roles: "partial,billing", install_ids: [TORQUEMAG] },
      }),
  },
  {
    op: "updateAccountUser",
    status: 400,
    what: "for a name change",
    call: (c) =>
      c.api("PATCH", usersPath(MAIN, SEED_IDS.fullUserId), { json: { roles: "full", first_name: "X" } }),
  },
  {
    op: "updateAccountUser",
    status: 400,
    what: "for demoting the last owner",
    call: (c) => c.api("PATCH", usersPath(MAIN, SEED_IDS.ownerUserId), { json: { roles: "full" } }),
  },
  {
    op: "updateAccountUser",
    status: 400,
    what: "for a non-UUID user id",
    call: (c) => c.api("PATCH", usersPath(MAIN, "nope"), { json: { roles: "full" } }),
  },
  {
    op: "updateAccountUser",
    status: 401,
    what: "without credentials",
    call: (c) =>
      c.api("PATCH", usersPath(MAIN, SEED_IDS.fullUserId), { json: { roles: "full" }, auth: false }),
  },
  {
    op: "updateAccountUser",
    status: 403,
    what: "in a hidden account",
    call: (c) => c.api("PATCH", usersPath(HIDDEN, SEED_IDS.hiddenOwnerUserId), { json: { roles: "owner" } }),
  },
  {
    op: "updateAccountUser",
    status: 404,
    what: "for an unknown user",
    call: (c) => c.api("PATCH", usersPath(MAIN, UNKNOWN), { json: { roles: "full" } }),
  },
  // DELETE /accounts/{account_id}/account_users/{user_id}
  {
    op: "deleteAccountUser",
    status: 204,
    what: "for a partial user",
    call: (c) => c.api("DELETE", usersPath(MAIN, SEED_IDS.partialUserId)),
  },
  {
    op: "deleteAccountUser",
    status: 400,
    what: "for the last owner",
    call: (c) => c.api("DELETE", usersPath(MAIN, SEED_IDS.ownerUserId)),
  },
  {
    op: "deleteAccountUser",
    status: 401,
    what: "without credentials",
    call: (c) => c.api("DELETE", usersPath(MAIN, SEED_IDS.fullUserId), NO_AUTH),
  },
  {
    op: "deleteAccountUser",
    status: 403,
    what: "in a hidden account",
    call: (c) => c.api("DELETE", usersPath(HIDDEN, SEED_IDS.hiddenOwnerUserId)),
  },
  {
    op: "deleteAccountUser",
    status: 404,
    what: "for an unknown user",
    call: (c) => c.api("DELETE", usersPath(MAIN, UNKNOWN)),
  },
  // GET /sites
  { op: "listSites", status: 200, what: "the first page", call: (c) => c.api("GET", "/sites") },
  {
    op: "listSites",
    status: 200,
    what: "the last page of one account",
    call: (c) => c.api("GET", `/sites?account_id=${MAIN}&offset=100`),
  },
  { op: "listSites", status: 400, what: "for offset=-1", call: (c) => c.api("GET", "/sites?offset=-1") },
  {
    op: "listSites",
    status: 400,
    what: "for a hidden account filter",
    call: (c) => c.api("GET", `/sites?account_id=${HIDDEN}`),
  },
  { op: "listSites", status: 401, what: "without credentials", call: (c) => c.api("GET", "/sites", NO_AUTH) },
  // GET /sites/{site_id}
  {
    op: "getSite",
    status: 200,
    what: "for Torque Magazine",
    call: (c) => c.api("GET", `/sites/${SEED_IDS.torqueSiteId}`),
  },
  {
    op: "getSite",
    status: 401,
    what: "without credentials",
    call: (c) => c.api("GET", `/sites/${SEED_IDS.torqueSiteId}`, NO_AUTH),
  },
  {
    op: "getSite",
    status: 403,
    what: "for a hidden site",
    call: (c) => c.api("GET", `/sites/${SEED_IDS.hiddenSiteId}`),
  },
  { op: "getSite", status: 404, what: "for an unknown site", call: (c) => c.api("GET", `/sites/${UNKNOWN}`) },
  { op: "getSite", status: 404, what: "for a non-UUID id", call: (c) => c.api("GET", "/sites/nope") },
  // GET /installs
  { op: "listInstalls", status: 200, what: "the first page", call: (c) => c.api("GET", "/installs") },
  {
    op: "listInstalls",
    status: 400,
    what: "for limit=abc",
    call: (c) => c.api("GET", "/installs?limit=abc"),
  },
  {
    op: "listInstalls",
    status: 401,
    what: "without credentials",
    call: (c) => c.api("GET", "/installs", NO_AUTH),
  },
  // GET /installs/{install_id}
  {
    op: "getInstall",
    status: 200,
    what: "for torquemag",
    call: (c) => c.api("GET", `/installs/${TORQUEMAG}`),
  },
  {
    op: "getInstall",
    status: 401,
    what: "without credentials",
    call: (c) => c.api("GET", `/installs/${TORQUEMAG}`, NO_AUTH),
  },
  {
    op: "getInstall",
    status: 404,
    what: "for an unknown install",
    call: (c) => c.api("GET", `/installs/${UNKNOWN}`),
  },
  {
    op: "getInstall",
    status: 404,
    what: "for a hidden install (403 is not documented)",
    call: (c) => c.api("GET", `/installs/${SEED_IDS.hiddenInstallId}`),
  },
  // POST /installs/{install_id}/backups
  {
    op: "createBackup",
    status: 202,
    what: "for torquemag",
    call: (c) => c.api("POST", `/installs/${TORQUEMAG}/backups`, { json: BACKUP }),
  },
  {
    op: "createBackup",
    status: 400,
    what: "without notification emails",
    call: (c) =>
      c.api("POST", `/installs/${TORQUEMAG}/backups`, {
        json: { description: "x", notification_emails: [] },
      }),
  },
  {
    op: "createBackup",
    status: 401,
    what: "without credentials",
    call: (c) => c.api("POST", `/installs/${TORQUEMAG}/backups`, { json: BACKUP, auth: false }),
  },
  {
    op: "createBackup",
    status: 403,
    what: "for a hidden install",
    call: (c) => c.api("POST", `/installs/${SEED_IDS.hiddenInstallId}/backups`, { json: BACKUP }),
  },
  {
    op: "createBackup",
    status: 404,
    what: "for an unknown install",
    call: (c) => c.api("POST", `/installs/${UNKNOWN}/backups`, { json: BACKUP }),
  },
  // GET /installs/{install_id}/backups/{backup_id}
  {
    op: "showBackup",
    status: 200,
    what: "for the seeded backup",
    call: (c) => c.api("GET", `/installs/${TORQUEMAG}/backups/${SEED_IDS.completedBackupId}`),
  },
  {
    op: "showBackup",
    status: 400,
    what: "for a non-UUID backup id",
    call: (c) => c.api("GET", `/installs/${TORQUEMAG}/backups/nope`),
  },
  {
    op: "showBackup",
    status: 401,
    what: "without credentials",
    call: (c) => c.api("GET", `/installs/${TORQUEMAG}/backups/${SEED_IDS.completedBackupId}`, NO_AUTH),
  },
  {
    op: "showBackup",
    status: 404,
    what: "for an unknown backup",
    call: (c) => c.api("GET", `/installs/${TORQUEMAG}/backups/${UNKNOWN}`),
  },
  {
    op: "showBackup",
    status: 404,
    what: "for a hidden install's backup (403 is not documented)",
    call: (c) => c.api("GET", `/installs/${SEED_IDS.hiddenInstallId}/backups/${SEED_IDS.hiddenBackupId}`),
  },
  // POST /sites
  {
    op: "createSite",
    status: 201,
    what: "for a visible account",
    call: (c) => c.api("POST", "/sites", { json: { name: "Contract Site", account_id: MAIN } }),
  },
  {
    op: "createSite",
    status: 400,
    what: "without a name",
    call: (c) => c.api("POST", "/sites", { json: { account_id: MAIN } }),
  },
  {
    op: "createSite",
    status: 401,
    what: "without credentials",
    call: (c) => c.api("POST", "/sites", { ...NO_AUTH, json: { name: "x", account_id: MAIN } }),
  },
  {
    op: "createSite",
    status: 403,
    what: "in a hidden account",
    call: (c) => c.api("POST", "/sites", { json: { name: "x", account_id: HIDDEN } }),
  },
  // PATCH /sites/{site_id}
  {
    op: "updateSite",
    status: 200,
    what: "renaming a visible site",
    call: (c) => c.api("PATCH", `/sites/${SEED_IDS.torqueSiteId}`, { json: { name: "Torque Weekly" } }),
  },
  {
    op: "updateSite",
    status: 400,
    what: "with an empty name",
    call: (c) => c.api("PATCH", `/sites/${SEED_IDS.torqueSiteId}`, { json: { name: "" } }),
  },
  {
    op: "updateSite",
    status: 401,
    what: "without credentials",
    call: (c) => c.api("PATCH", `/sites/${SEED_IDS.torqueSiteId}`, { ...NO_AUTH, json: { name: "x" } }),
  },
  {
    op: "updateSite",
    status: 403,
    what: "of a hidden site",
    call: (c) => c.api("PATCH", `/sites/${SEED_IDS.hiddenSiteId}`, { json: { name: "x" } }),
  },
  {
    op: "updateSite",
    status: 404,
    what: "of an unknown site",
    call: (c) => c.api("PATCH", `/sites/${UNKNOWN}`, { json: { name: "x" } }),
  },
  // DELETE /sites/{site_id}
  {
    op: "deleteSite",
    status: 204,
    what: "of a site without installs",
    call: async (c) => {
      const made = await c.api("POST", "/sites", { json: { name: "Short-lived", account_id: MAIN } });
      return c.api("DELETE", `/sites/${String(obj(made.body).id)}`);
    },
  },
  {
    op: "deleteSite",
    status: 400,
    what: "of a site that still has installs",
    call: (c) => c.api("DELETE", `/sites/${SEED_IDS.torqueSiteId}`),
  },
  {
    op: "deleteSite",
    status: 401,
    what: "without credentials",
    call: (c) => c.api("DELETE", `/sites/${SEED_IDS.torqueSiteId}`, NO_AUTH),
  },
  {
    op: "deleteSite",
    status: 403,
    what: "of a hidden site",
    call: (c) => c.api("DELETE", `/sites/${SEED_IDS.hiddenSiteId}`),
  },
  {
    op: "deleteSite",
    status: 404,
    what: "of an unknown site",
    call: (c) => c.api("DELETE", `/sites/${UNKNOWN}`),
  },
  // POST /installs
  {
    op: "createInstall",
    status: 201,
    what: "in an empty environment of a site",
    call: (c) =>
      c.api("POST", "/installs", {
        json: {
          name: "contractdev",
          account_id: MAIN,
          site_id: SEED_IDS.torqueSiteId,
          environment: "development",
        },
      }),
  },
  {
    op: "createInstall",
    status: 400,
    what: "for a name that is taken",
    call: (c) => c.api("POST", "/installs", { json: { name: "torquemag", account_id: MAIN } }),
  },
  {
    op: "createInstall",
    status: 401,
    what: "without credentials",
    call: (c) => c.api("POST", "/installs", { ...NO_AUTH, json: { name: "x", account_id: MAIN } }),
  },
  {
    op: "createInstall",
    status: 403,
    what: "in a hidden account",
    call: (c) => c.api("POST", "/installs", { json: { name: "sneaky", account_id: HIDDEN } }),
  },
  // PATCH /installs/{install_id}
  {
    op: "updateInstall",
    status: 200,
    what: "changing the environment",
    call: (c) =>
      c.api("PATCH", `/installs/${SEED_IDS.torquemagStagingInstallId}`, {
        json: { environment: "development" },
      }),
  },
  {
    op: "updateInstall",
    status: 400,
    what: "into an environment the site already has",
    call: (c) =>
      c.api("PATCH", `/installs/${SEED_IDS.torquemagStagingInstallId}`, {
        json: { environment: "production" },
      }),
  },
  {
    op: "updateInstall",
    status: 401,
    what: "without credentials",
    call: (c) => c.api("PATCH", `/installs/${TORQUEMAG}`, { ...NO_AUTH, json: { environment: "staging" } }),
  },
  {
    op: "updateInstall",
    status: 403,
    what: "of an unknown install (404 is not documented)",
    call: (c) => c.api("PATCH", `/installs/${UNKNOWN}`, { json: { environment: "staging" } }),
  },
  // DELETE /installs/{install_id}
  {
    op: "deleteInstall",
    status: 204,
    what: "of a visible install",
    call: (c) => c.api("DELETE", `/installs/${SEED_IDS.torquemagStagingInstallId}`),
  },
  {
    op: "deleteInstall",
    status: 401,
    what: "without credentials",
    call: (c) => c.api("DELETE", `/installs/${TORQUEMAG}`, NO_AUTH),
  },
  {
    op: "deleteInstall",
    status: 403,
    what: "of a hidden install",
    call: (c) => c.api("DELETE", `/installs/${SEED_IDS.hiddenInstallId}`),
  },
  {
    op: "deleteInstall",
    status: 404,
    what: "of an unknown install",
    call: (c) => c.api("DELETE", `/installs/${UNKNOWN}`),
  },
  // GET /installs/{install_id}/domains
  {
    op: "listDomains",
    status: 200,
    what: "of torquemag",
    call: (c) => c.api("GET", `/installs/${TORQUEMAG}/domains`),
  },
  {
    op: "listDomains",
    status: 401,
    what: "without credentials",
    call: (c) => c.api("GET", `/installs/${TORQUEMAG}/domains`, NO_AUTH),
  },
  {
    op: "listDomains",
    status: 403,
    what: "of a hidden install",
    call: (c) => c.api("GET", `/installs/${SEED_IDS.hiddenInstallId}/domains`),
  },
  {
    op: "listDomains",
    status: 404,
    what: "of an unknown install",
    call: (c) => c.api("GET", `/installs/${UNKNOWN}/domains`),
  },
  // POST /installs/{install_id}/domains
  {
    op: "createDomain",
    status: 201,
    what: "for a new host name",
    call: (c) => c.api("POST", `/installs/${TORQUEMAG}/domains`, { json: { name: "www.torquemag.io" } }),
  },
  {
    op: "createDomain",
    status: 400,
    what: "for a name that is not a host name",
    call: (c) => c.api("POST", `/installs/${TORQUEMAG}/domains`, { json: { name: "not a host" } }),
  },
  {
    op: "createDomain",
    status: 401,
    what: "without credentials",
    call: (c) => c.api("POST", `/installs/${TORQUEMAG}/domains`, { ...NO_AUTH, json: { name: "x.io" } }),
  },
  {
    op: "createDomain",
    status: 403,
    what: "on a hidden install",
    call: (c) => c.api("POST", `/installs/${SEED_IDS.hiddenInstallId}/domains`, { json: { name: "x.io" } }),
  },
  // POST /installs/{install_id}/domains/bulk
  {
    op: "createBulkDomains",
    status: 201,
    what: "for a domain and its redirect",
    call: (c) =>
      c.api("POST", `/installs/${TORQUEMAG}/domains/bulk`, {
        json: { domains: [{ name: "torque.news" }, { name: "www.torque.news", redirect_to: "torque.news" }] },
      }),
  },
  {
    op: "createBulkDomains",
    status: 400,
    what: "for an empty list",
    call: (c) => c.api("POST", `/installs/${TORQUEMAG}/domains/bulk`, { json: { domains: [] } }),
  },
  {
    op: "createBulkDomains",
    status: 401,
    what: "without credentials",
    call: (c) =>
      c.api("POST", `/installs/${TORQUEMAG}/domains/bulk`, {
        ...NO_AUTH,
        json: { domains: [{ name: "x.io" }] },
      }),
  },
  {
    op: "createBulkDomains",
    status: 403,
    what: "on a hidden install",
    call: (c) =>
      c.api("POST", `/installs/${SEED_IDS.hiddenInstallId}/domains/bulk`, {
        json: { domains: [{ name: "x.io" }] },
      }),
  },
  // GET /installs/{install_id}/domains/{domain_id}
  {
    op: "getDomain",
    status: 200,
    what: "for torquemag.io",
    call: (c) => c.api("GET", `/installs/${TORQUEMAG}/domains/${SEED_IDS.torquemagDomainId}`),
  },
  {
    op: "getDomain",
    status: 401,
    what: "without credentials",
    call: (c) => c.api("GET", `/installs/${TORQUEMAG}/domains/${SEED_IDS.torquemagDomainId}`, NO_AUTH),
  },
  {
    op: "getDomain",
    status: 403,
    what: "of a hidden install",
    call: (c) => c.api("GET", `/installs/${SEED_IDS.hiddenInstallId}/domains/${UNKNOWN}`),
  },
  {
    op: "getDomain",
    status: 404,
    what: "for an unknown domain",
    call: (c) => c.api("GET", `/installs/${TORQUEMAG}/domains/${UNKNOWN}`),
  },
  // PATCH /installs/{install_id}/domains/{domain_id}
  {
    op: "updateDomain",
    status: 200,
    what: "turning secure-all-URLs off",
    call: (c) =>
      c.api("PATCH", `/installs/${TORQUEMAG}/domains/${SEED_IDS.torquemagDomainId}`, {
        json: { secure_all_urls: false },
      }),
  },
  {
    op: "updateDomain",
    status: 400,
    what: "renaming it",
    call: (c) =>
      c.api("PATCH", `/installs/${TORQUEMAG}/domains/${SEED_IDS.torquemagDomainId}`, {
        json: { name: "other.io" },
      }),
  },
  {
    op: "updateDomain",
    status: 401,
    what: "without credentials",
    call: (c) =>
      c.api("PATCH", `/installs/${TORQUEMAG}/domains/${SEED_IDS.torquemagDomainId}`, {
        ...NO_AUTH,
        json: { primary: true },
      }),
  },
  {
    op: "updateDomain",
    status: 403,
    what: "of a hidden install",
    call: (c) =>
      c.api("PATCH", `/installs/${SEED_IDS.hiddenInstallId}/domains/${UNKNOWN}`, { json: { primary: true } }),
  },
  {
    op: "updateDomain",
    status: 404,
    what: "of an unknown domain",
    call: (c) => c.api("PATCH", `/installs/${TORQUEMAG}/domains/${UNKNOWN}`, { json: { primary: true } }),
  },
  // DELETE /installs/{install_id}/domains/{domain_id}
  {
    op: "deleteDomain",
    status: 204,
    what: "of a domain",
    call: (c) => c.api("DELETE", `/installs/${TORQUEMAG}/domains/${SEED_IDS.torquemagDomainId}`),
  },
  {
    op: "deleteDomain",
    status: 400,
    what: "for a non-UUID id",
    call: (c) => c.api("DELETE", `/installs/${TORQUEMAG}/domains/not-a-uuid`),
  },
  {
    op: "deleteDomain",
    status: 401,
    what: "without credentials",
    call: (c) => c.api("DELETE", `/installs/${TORQUEMAG}/domains/${SEED_IDS.torquemagDomainId}`, NO_AUTH),
  },
  {
    op: "deleteDomain",
    status: 403,
    what: "of a hidden install",
    call: (c) => c.api("DELETE", `/installs/${SEED_IDS.hiddenInstallId}/domains/${UNKNOWN}`),
  },
  {
    op: "deleteDomain",
    status: 404,
    what: "of an unknown domain",
    call: (c) => c.api("DELETE", `/installs/${TORQUEMAG}/domains/${UNKNOWN}`),
  },
  // POST and GET /installs/{install_id}/domains/{domain_id}/ssl_certificate
  {
    op: "createDomainCertificateOrder",
    status: 202,
    what: "for torquemag.io",
    call: (c) =>
      c.api("POST", `/installs/${TORQUEMAG}/domains/${SEED_IDS.torquemagDomainId}/ssl_certificate`, {
        json: ORDER,
      }),
  },
  {
    op: "createDomainCertificateOrder",
    status: 401,
    what: "without credentials",
    call: (c) =>
      c.api("POST", `/installs/${TORQUEMAG}/domains/${SEED_IDS.torquemagDomainId}/ssl_certificate`, {
        ...NO_AUTH,
        json: ORDER,
      }),
  },
  {
    op: "createDomainCertificateOrder",
    status: 403,
    what: "on a hidden install",
    call: (c) =>
      c.api("POST", `/installs/${SEED_IDS.hiddenInstallId}/domains/${UNKNOWN}/ssl_certificate`, {
        json: ORDER,
      }),
  },
  {
    op: "createDomainCertificateOrder",
    status: 404,
    what: "for an unknown domain",
    call: (c) => c.api("POST", `/installs/${TORQUEMAG}/domains/${UNKNOWN}/ssl_certificate`, { json: ORDER }),
  },
  {
    op: "getDomainCertificate",
    status: 200,
    what: "after an order",
    call: async (c) => {
      const path = `/installs/${TORQUEMAG}/domains/${SEED_IDS.torquemagDomainId}/ssl_certificate`;
      await c.api("POST", path, { json: ORDER });
      return c.api("GET", path);
    },
  },
  {
    op: "getDomainCertificate",
    status: 401,
    what: "without credentials",
    call: (c) =>
      c.api("GET", `/installs/${TORQUEMAG}/domains/${SEED_IDS.torquemagDomainId}/ssl_certificate`, NO_AUTH),
  },
  {
    op: "getDomainCertificate",
    status: 403,
    what: "on a hidden install",
    call: (c) => c.api("GET", `/installs/${SEED_IDS.hiddenInstallId}/domains/${UNKNOWN}/ssl_certificate`),
  },
  {
    op: "getDomainCertificate",
    status: 404,
    what: "before any order",
    call: (c) => c.api("GET", `/installs/${TORQUEMAG}/domains/${SEED_IDS.torquemagDomainId}/ssl_certificate`),
  },
  // GET /accounts/{account_id}/usage
  {
    op: "getAccountUsageMetrics",
    status: 200,
    what: "of the main account over its default range",
    call: (c) => c.api("GET", `/accounts/${MAIN}/usage`),
  },
  {
    op: "getAccountUsageMetrics",
    status: 200,
    what: "of the main account for a given range",
    call: (c) => c.api("GET", `/accounts/${MAIN}/usage?${usageRange(7)}`),
  },
  {
    op: "getAccountUsageMetrics",
    status: 400,
    what: "with first_date but no last_date",
    call: (c) => c.api("GET", `/accounts/${MAIN}/usage?first_date=2026-11-01`),
  },
  {
    op: "getAccountUsageMetrics",
    status: 400,
    what: "with a first_date older than 13 months",
    call: (c) => c.api("GET", `/accounts/${MAIN}/usage?first_date=2020-01-01&last_date=2020-01-31`),
  },
  {
    op: "getAccountUsageMetrics",
    status: 401,
    what: "without credentials",
    call: (c) => c.api("GET", `/accounts/${MAIN}/usage`, NO_AUTH),
  },
  {
    op: "getAccountUsageMetrics",
    status: 403,
    what: "of a hidden account",
    call: (c) => c.api("GET", `/accounts/${HIDDEN}/usage`),
  },
  {
    op: "getAccountUsageMetrics",
    status: 404,
    what: "of an unknown account",
    call: (c) => c.api("GET", `/accounts/${UNKNOWN}/usage`),
  },
  // GET /accounts/{account_id}/usage/summary
  {
    op: "getAccountUsageSummary",
    status: 200,
    what: "of the main account over its default range",
    call: (c) => c.api("GET", `/accounts/${MAIN}/usage/summary`),
  },
  {
    op: "getAccountUsageSummary",
    status: 200,
    what: "of the main account for a given range",
    call: (c) => c.api("GET", `/accounts/${MAIN}/usage/summary?${usageRange(7)}`),
  },
  {
    op: "getAccountUsageSummary",
    status: 400,
    what: "with first_date but no last_date",
    call: (c) => c.api("GET", `/accounts/${MAIN}/usage/summary?first_date=2026-11-01`),
  },
  {
    op: "getAccountUsageSummary",
    status: 400,
    what: "with a first_date older than 13 months",
    call: (c) => c.api("GET", `/accounts/${MAIN}/usage/summary?first_date=2020-01-01&last_date=2020-01-31`),
  },
  {
    op: "getAccountUsageSummary",
    status: 401,
    what: "without credentials",
    call: (c) => c.api("GET", `/accounts/${MAIN}/usage/summary`, NO_AUTH),
  },
  {
    op: "getAccountUsageSummary",
    status: 403,
    what: "of a hidden account",
    call: (c) => c.api("GET", `/accounts/${HIDDEN}/usage/summary`),
  },
  {
    op: "getAccountUsageSummary",
    status: 404,
    what: "of an unknown account",
    call: (c) => c.api("GET", `/accounts/${UNKNOWN}/usage/summary`),
  },
  // GET /accounts/{account_id}/usage/insights
  {
    op: "getAccountUsageInsights",
    status: 200,
    what: "of the main account over its default range",
    call: (c) => c.api("GET", `/accounts/${MAIN}/usage/insights`),
  },
  {
    op: "getAccountUsageInsights",
    status: 200,
    what: "of the main account for a given range",
    call: (c) => c.api("GET", `/accounts/${MAIN}/usage/insights?${usageRange(7)}`),
  },
  {
    op: "getAccountUsageInsights",
    status: 400,
    what: "with first_date but no last_date",
    call: (c) => c.api("GET", `/accounts/${MAIN}/usage/insights?first_date=2026-11-01`),
  },
  {
    op: "getAccountUsageInsights",
    status: 400,
    what: "with a first_date older than 13 months",
    call: (c) => c.api("GET", `/accounts/${MAIN}/usage/insights?first_date=2020-01-01&last_date=2020-01-31`),
  },
  {
    op: "getAccountUsageInsights",
    status: 401,
    what: "without credentials",
    call: (c) => c.api("GET", `/accounts/${MAIN}/usage/insights`, NO_AUTH),
  },
  {
    op: "getAccountUsageInsights",
    status: 403,
    what: "of a hidden account",
    call: (c) => c.api("GET", `/accounts/${HIDDEN}/usage/insights`),
  },
  {
    op: "getAccountUsageInsights",
    status: 404,
    what: "of an unknown account",
    call: (c) => c.api("GET", `/accounts/${UNKNOWN}/usage/insights`),
  },
  {
    op: "getAccountUsageMetrics",
    status: 200,
    what: "one environment per page, with a next_page_token",
    call: (c) => c.api("GET", `/accounts/${MAIN}/usage?limit=1&offset=1`),
  },
  // GET /installs/{install_id}/usage
  {
    op: "getInstallUsageMetrics",
    status: 200,
    what: "of an install over its default range",
    call: (c) => c.api("GET", `/installs/${TORQUEMAG}/usage`),
  },
  {
    op: "getInstallUsageMetrics",
    status: 200,
    what: "of an install for a given range",
    call: (c) => c.api("GET", `/installs/${TORQUEMAG}/usage?${usageRange(3)}`),
  },
  {
    op: "getInstallUsageMetrics",
    status: 400,
    what: "with last_date but no first_date",
    call: (c) => c.api("GET", `/installs/${TORQUEMAG}/usage?last_date=2026-11-01`),
  },
  {
    op: "getInstallUsageMetrics",
    status: 404,
    what: "of an unknown install",
    call: (c) => c.api("GET", `/installs/${UNKNOWN}/usage`),
  },
  // GET /installs/{install_id}/ssl_certificates
  {
    op: "getInstallCertificates",
    status: 200,
    what: "after a domain's certificate was ordered",
    call: async (c) => {
      const order = `/installs/${TORQUEMAG}/domains/${SEED_IDS.torquemagDomainId}/ssl_certificate`;
      await c.api("POST", order, { json: ORDER });
      return c.api("GET", `/installs/${TORQUEMAG}/ssl_certificates`);
    },
  },
  {
    op: "getInstallCertificates",
    status: 401,
    what: "without credentials",
    call: (c) => c.api("GET", `/installs/${TORQUEMAG}/ssl_certificates`, NO_AUTH),
  },
  {
    op: "getInstallCertificates",
    status: 403,
    what: "of a hidden install",
    call: (c) => c.api("GET", `/installs/${SEED_IDS.hiddenInstallId}/ssl_certificates`),
  },
  {
    op: "getInstallCertificates",
    status: 404,
    what: "of an install without certificates",
    call: (c) => c.api("GET", `/installs/${TORQUEMAG}/ssl_certificates`),
  },
  // GET /accounts/{account_id}/limits
  {
    op: "getAccountsLimits",
    status: 200,
    what: "of the main account",
    call: (c) => c.api("GET", `/accounts/${MAIN}/limits`),
  },
  {
    op: "getAccountsLimits",
    status: 400,
    what: "for a non-UUID id",
    call: (c) => c.api("GET", "/accounts/acme/limits"),
  },
  {
    op: "getAccountsLimits",
    status: 401,
    what: "without credentials",
    call: (c) => c.api("GET", `/accounts/${MAIN}/limits`, NO_AUTH),
  },
  {
    op: "getAccountsLimits",
    status: 403,
    what: "of a hidden account",
    call: (c) => c.api("GET", `/accounts/${HIDDEN}/limits`),
  },
  {
    op: "getAccountsLimits",
    status: 404,
    what: "of an unknown account",
    call: (c) => c.api("GET", `/accounts/${UNKNOWN}/limits`),
  },
  // POST /installs/{install_id}/purge_cache
  {
    op: "purgeCache",
    status: 202,
    what: "for a visible install",
    call: (c) => c.api("POST", `/installs/${TORQUEMAG}/purge_cache`, { json: { type: "all" } }),
  },
  {
    op: "purgeCache",
    status: 400,
    what: "for an unknown cache type",
    call: (c) => c.api("POST", `/installs/${TORQUEMAG}/purge_cache`, { json: { type: "opcache" } }),
  },
  {
    op: "purgeCache",
    status: 401,
    what: "without credentials",
    call: (c) => c.api("POST", `/installs/${TORQUEMAG}/purge_cache`, { ...NO_AUTH, json: { type: "all" } }),
  },
  {
    op: "purgeCache",
    status: 403,
    what: "for a hidden install",
    call: (c) =>
      c.api("POST", `/installs/${SEED_IDS.hiddenInstallId}/purge_cache`, { json: { type: "all" } }),
  },
  {
    op: "purgeCache",
    status: 404,
    what: "for an unknown install",
    call: (c) => c.api("POST", `/installs/${UNKNOWN}/purge_cache`, { json: { type: "all" } }),
  },
  // POST /install_copy
  {
    op: "copyInstall",
    status: 202,
    what: "from production onto staging of one account",
    call: (c) =>
      c.api("POST", "/install_copy", {
        json: {
          source_environment_id: TORQUEMAG,
          destination_environment_id: SEED_IDS.torquemagStagingInstallId,
        },
      }),
  },
  {
    op: "copyInstall",
    status: 400,
    what: "onto itself",
    call: (c) =>
      c.api("POST", "/install_copy", {
        json: { source_environment_id: TORQUEMAG, destination_environment_id: TORQUEMAG },
      }),
  },
  {
    op: "copyInstall",
    status: 401,
    what: "without credentials",
    call: (c) =>
      c.api("POST", "/install_copy", {
        ...NO_AUTH,
        json: {
          source_environment_id: TORQUEMAG,
          destination_environment_id: SEED_IDS.torquemagStagingInstallId,
        },
      }),
  },
  {
    op: "copyInstall",
    status: 403,
    what: "onto a hidden install",
    call: (c) =>
      c.api("POST", "/install_copy", {
        json: { source_environment_id: TORQUEMAG, destination_environment_id: SEED_IDS.hiddenInstallId },
      }),
  },
  {
    op: "copyInstall",
    status: 404,
    what: "from an unknown install",
    call: (c) =>
      c.api("POST", "/install_copy", {
        json: { source_environment_id: UNKNOWN, destination_environment_id: TORQUEMAG },
      }),
  },
  // GET /ssh_keys
  { op: "listSshKeys", status: 200, what: "a page", call: (c) => c.api("GET", "/ssh_keys?limit=1") },
  {
    op: "listSshKeys",
    status: 400,
    what: "for limit=101",
    call: (c) => c.api("GET", "/ssh_keys?limit=101"),
  },
  {
    op: "listSshKeys",
    status: 401,
    what: "without credentials",
    call: (c) => c.api("GET", "/ssh_keys", NO_AUTH),
  },
  // POST /ssh_keys
  {
    op: "createSshKey",
    status: 201,
    what: "for a new public key",
    call: (c) => c.api("POST", "/ssh_keys", { json: { public_key: samplePublicKey("contract") } }),
  },
  {
    op: "createSshKey",
    status: 400,
    what: "for a key that is not a public key",
    call: (c) => c.api("POST", "/ssh_keys", { json: { public_key: "ssh-rsa not-a-key" } }),
  },
  {
    op: "createSshKey",
    status: 400,
    what: "for a key the person already has",
    call: (c) =>
      c.api("POST", "/ssh_keys", { json: { public_key: samplePublicKey("owner-laptop", "again") } }),
  },
  {
    op: "createSshKey",
    status: 401,
    what: "without credentials",
    call: (c) => c.api("POST", "/ssh_keys", { ...NO_AUTH, json: { public_key: samplePublicKey("x") } }),
  },
  {
    op: "createSshKey",
    status: 403,
    what: "for a person who can use no account",
    call: async (c) => {
      const seed = defaultSeed();
      await c.control("POST", "/seed", { ...seed, apiUser: { ...seed.apiUser, account_ids: [] } });
      return c.api("POST", "/ssh_keys", { json: { public_key: samplePublicKey("lonely") } });
    },
  },
  // DELETE /ssh_keys/{ssh_key_id}
  {
    op: "deleteSshKey",
    status: 204,
    what: "of the person's key",
    call: (c) => c.api("DELETE", `/ssh_keys/${SEED_IDS.sshKeyId}`),
  },
  {
    op: "deleteSshKey",
    status: 400,
    what: "for a non-UUID id",
    call: (c) => c.api("DELETE", "/ssh_keys/not-a-uuid"),
  },
  {
    op: "deleteSshKey",
    status: 401,
    what: "without credentials",
    call: (c) => c.api("DELETE", `/ssh_keys/${SEED_IDS.sshKeyId}`, NO_AUTH),
  },
  {
    op: "deleteSshKey",
    status: 403,
    what: "of an unknown key (404 is not documented)",
    call: (c) => c.api("DELETE", `/ssh_keys/${UNKNOWN}`),
  },
];

/** A concrete path for an operation's template, for fault-injected cases. */
function concretePath(template: string): string {
  return template
    .replace("{account_id}", MAIN)
    .replace("{user_id}", SEED_IDS.fullUserId)
    .replace("{site_id}", SEED_IDS.torqueSiteId)
    .replace("{install_id}", TORQUEMAG)
    .replace("{backup_id}", SEED_IDS.completedBackupId)
    .replace("{ssh_key_id}", SEED_IDS.sshKeyId)
    .replace("{domain_id}", SEED_IDS.torquemagDomainId);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Statuses only a failing gateway produces; the emulator produces them through faults. */
const FAULT_BODIES: Record<number, unknown> = {
  429: null,
  502: null,
  503: null,
  500: { message: "Internal server error" },
};

describe("contract: emulator answers validate against the swagger", () => {
  const validator = new ContractValidator(undefined, { strictAdditional: true });
  const t = useTestEmulator();

  function check(op: OperationId, status: number, res: TestResponse): void {
    const { method, template } = OPERATIONS[op];
    assert.equal(res.status, status, `${method} ${template}: ${res.text}`);
    assert.ok(
      validator.statuses(template, method).includes(status),
      `${status} is not documented for ${method} ${template}`,
    );
    assert.deepEqual(validator.validate(template, method, status, res.body), []);
  }

  for (const c of cases) {
    const { method, template } = OPERATIONS[c.op];
    it(`${method} ${template} answers ${c.status} ${c.what}`, async () => {
      check(c.op, c.status, await c.call(t.client));
    });
  }

  for (const op of Object.values(OPERATIONS)) {
    for (const status of op.documented.filter((s) => s in FAULT_BODIES)) {
      it(`${op.method} ${op.template} answers a documented ${status} when the gateway fails`, async () => {
        const path = `/v1${concretePath(op.template)}`;
        await t.client.control("POST", "/faults", {
          method: op.method,
          path: `^${escapeRegex(path)}$`,
          status,
          // A gateway answer without a body, unless this operation documents one for the status
          // (e.g. purgeCache's 429 carries `{message}`).
          body:
            FAULT_BODIES[status] !== null ||
            validator.validate(op.template, op.method, status, undefined).length === 0
              ? FAULT_BODIES[status]
              : { message: "Too many requests" },
          count: 1,
        });
        const options = op.method === "GET" || op.method === "DELETE" ? {} : { json: {} };
        check(op.id as OperationId, status, await t.client.api(op.method, path.slice(3), options));
      });
    }
  }

  it("covers every documented status of every emulated operation with at least one case", () => {
    for (const op of Object.values(OPERATIONS)) {
      for (const status of op.documented) {
        const covered = cases.some((c) => c.op === op.id && c.status === status) || status in FAULT_BODIES;
        assert.ok(covered, `${op.method} ${op.template} ${status} has no case`);
      }
    }
  });

  it("answers every site and install page with bodies that validate", async () => {
    for (const list of ["/sites", "/installs"] as const) {
      let url: string | null = `${t.emulator.baseUrl}${list}`;
      while (url !== null) {
        const res = await t.client.api("GET", url);
        assert.deepEqual(validator.validate(list, "GET", 200, res.body), []);
        const next: unknown = obj(res.body).next;
        url = typeof next === "string" ? next : null;
      }
    }
  });

  it("answers every user of every visible account, and each one alone, with bodies that validate", async () => {
    const accounts = objs(obj((await t.client.api("GET", "/accounts")).body).results);
    assert.equal(accounts.length, 2);
    for (const account of accounts) {
      const res = await t.client.api("GET", usersPath(String(account.id)));
      assert.deepEqual(validator.validate("/accounts/{account_id}/account_users", "GET", 200, res.body), []);
      for (const user of objs(obj(res.body).results)) {
        const one = await t.client.api("GET", usersPath(String(account.id), String(user.user_id)));
        assert.deepEqual(
          validator.validate("/accounts/{account_id}/account_users/{user_id}", "GET", 200, one.body),
          [],
        );
      }
    }
  });

  it("answers every visible install alone with a body that validates", async () => {
    const page = objs(obj((await t.client.api("GET", "/installs?limit=100")).body).results);
    for (const install of page.slice(0, 30)) {
      const res = await t.client.api("GET", `/installs/${String(install.id)}`);
      assert.deepEqual(validator.validate("/installs/{install_id}", "GET", 200, res.body), []);
    }
  });

  it("answers backup statuses that validate through the whole schedule and an abort", async () => {
    const created = obj(
      (await t.client.api("POST", `/installs/${TORQUEMAG}/backups`, { json: BACKUP })).body,
    );
    const path = `/installs/${TORQUEMAG}/backups/${String(created.id)}`;
    for (let i = 0; i < 3; i++) {
      const res = await t.client.api("GET", path);
      assert.deepEqual(
        validator.validate("/installs/{install_id}/backups/{backup_id}", "GET", 200, res.body),
        [],
      );
    }
    await t.client.control("POST", `/backups/${String(created.id)}/abort`);
    const aborted = await t.client.api("GET", path);
    assert.equal(obj(aborted.body).status, "aborted");
    assert.deepEqual(
      validator.validate("/installs/{install_id}/backups/{backup_id}", "GET", 200, aborted.body),
      [],
    );
  });
});
