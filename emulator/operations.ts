/**
 * The API operations the emulator serves, with the response statuses the published contract documents
 * for each. The statuses matter: when the contract leaves out, say, 403 for an operation, the emulator
 * answers the nearest documented status instead (see `statusFor`), and a contract test checks this
 * table against the swagger file.
 */

/** HTTP methods the API uses. */
export type Method = "GET" | "POST" | "PATCH" | "DELETE";

/** One documented operation: its swagger operationId, method, path template (under /v1) and statuses. */
export interface Operation {
  readonly id: string;
  readonly method: Method;
  readonly template: string;
  readonly documented: readonly number[];
  /** False only for `GET /status`, the one operation that needs no credentials. */
  readonly auth: boolean;
  /** Error statuses the contract documents without a body for this operation: answered bare. */
  readonly bodiless?: readonly number[];
}

function op(
  id: string,
  method: Method,
  template: string,
  documented: number[],
  auth = true,
  bodiless?: number[],
): Operation {
  return bodiless
    ? { id, method, template, documented, auth, bodiless }
    : { id, method, template, documented, auth };
}

/** Every operation the emulator implements, keyed by swagger operationId. */
export const OPERATIONS = {
  status: op("status", "GET", "/status", [200, 429, 503], false),
  getCurrentUser: op("getCurrentUser", "GET", "/user", [200, 401, 429, 503]),
  listAccounts: op("listAccounts", "GET", "/accounts", [200, 400, 401, 429, 503]),
  getAccount: op("getAccount", "GET", "/accounts/{account_id}", [200, 401, 404, 429, 503]),
  getAccountsLimits: op(
    "getAccountsLimits",
    "GET",
    "/accounts/{account_id}/limits",
    [200, 400, 401, 403, 404, 429, 500, 502, 503],
  ),
  listAccountUsers: op(
    "listAccountUsers",
    "GET",
    "/accounts/{account_id}/account_users",
    [200, 400, 401, 429, 503],
  ),
  createAccountUser: op(
    "createAccountUser",
    "POST",
    "/accounts/{account_id}/account_users",
    [201, 400, 401, 403, 429, 503],
  ),
  getAccountUser: op(
    "getAccountUser",
    "GET",
    "/accounts/{account_id}/account_users/{user_id}",
    [200, 401, 403, 404, 429, 503],
  ),
  updateAccountUser: op(
    "updateAccountUser",
    "PATCH",
    "/accounts/{account_id}/account_users/{user_id}",
    [200, 400, 401, 403, 404, 429, 500, 503],
  ),
  deleteAccountUser: op(
    "deleteAccountUser",
    "DELETE",
    "/accounts/{account_id}/account_users/{user_id}",
    [204, 400, 401, 403, 404, 429, 503],
  ),
  listSites: op("listSites", "GET", "/sites", [200, 400, 401, 429, 503]),
  getSite: op("getSite", "GET", "/sites/{site_id}", [200, 401, 403, 404, 429, 503]),
  createSite: op("createSite", "POST", "/sites", [201, 400, 401, 403, 429, 503]),
  updateSite: op("updateSite", "PATCH", "/sites/{site_id}", [200, 400, 401, 403, 404, 429, 503]),
  deleteSite: op("deleteSite", "DELETE", "/sites/{site_id}", [204, 400, 401, 403, 404, 429, 503]),
  listInstalls: op("listInstalls", "GET", "/installs", [200, 400, 401, 429, 503]),
  getInstall: op("getInstall", "GET", "/installs/{install_id}", [200, 401, 404, 429, 503]),
  createInstall: op("createInstall", "POST", "/installs", [201, 400, 401, 403, 429, 503]),
  updateInstall: op("updateInstall", "PATCH", "/installs/{install_id}", [200, 400, 401, 403, 429, 503]),
  deleteInstall: op("deleteInstall", "DELETE", "/installs/{install_id}", [204, 401, 403, 404, 429, 503]),
  createBackup: op(
    "createBackup",
    "POST",
    "/installs/{install_id}/backups",
    [202, 400, 401, 403, 404, 429, 503],
  ),
  showBackup: op(
    "showBackup",
    "GET",
    "/installs/{install_id}/backups/{backup_id}",
    [200, 400, 401, 404, 429, 503],
  ),
  getAccountUsageMetrics: op(
    "getAccountUsageMetrics",
    "GET",
    "/accounts/{account_id}/usage",
    [200, 400, 401, 403, 404, 429],
  ),
  getAccountUsageSummary: op(
    "getAccountUsageSummary",
    "GET",
    "/accounts/{account_id}/usage/summary",
    [200, 400, 401, 403, 404, 429, 502, 503],
  ),
  getAccountUsageInsights: op(
    "getAccountUsageInsights",
    "GET",
    "/accounts/{account_id}/usage/insights",
    [200, 400, 401, 403, 404, 429, 502, 503],
  ),
  getInstallUsageMetrics: op(
    "getInstallUsageMetrics",
    "GET",
    "/installs/{install_id}/usage",
    [200, 400, 404],
  ),
  getInstallCertificates: op(
    "getInstallCertificates",
    "GET",
    "/installs/{install_id}/ssl_certificates",
    [200, 401, 403, 404, 429, 503],
  ),
  listDomains: op("listDomains", "GET", "/installs/{install_id}/domains", [200, 401, 403, 404, 429, 503]),
  createDomain: op("createDomain", "POST", "/installs/{install_id}/domains", [201, 400, 401, 403, 429, 503]),
  createBulkDomains: op(
    "createBulkDomains",
    "POST",
    "/installs/{install_id}/domains/bulk",
    [201, 400, 401, 403, 429, 503],
  ),
  getDomain: op(
    "getDomain",
    "GET",
    "/installs/{install_id}/domains/{domain_id}",
    [200, 401, 403, 404, 429, 503],
  ),
  updateDomain: op(
    "updateDomain",
    "PATCH",
    "/installs/{install_id}/domains/{domain_id}",
    [200, 400, 401, 403, 404, 429, 503],
  ),
  deleteDomain: op(
    "deleteDomain",
    "DELETE",
    "/installs/{install_id}/domains/{domain_id}",
    [204, 400, 401, 403, 404, 429, 503],
  ),
  createDomainCertificateOrder: op(
    "createDomainCertificateOrder",
    "POST",
    "/installs/{install_id}/domains/{domain_id}/ssl_certificate",
    [202, 401, 403, 404, 429, 500, 503],
  ),
  getDomainCertificate: op(
    "getDomainCertificate",
    "GET",
    "/installs/{install_id}/domains/{domain_id}/ssl_certificate",
    [200, 401, 403, 404, 429, 503],
  ),
  copyInstall: op("copyInstall", "POST", "/install_copy", [202, 400, 401, 403, 404, 429, 500, 502, 503]),
  purgeCache: op(
    "purgeCache",
    "POST",
    "/installs/{install_id}/purge_cache",
    [202, 400, 401, 403, 404, 429, 503],
  ),
  listSshKeys: op("listSshKeys", "GET", "/ssh_keys", [200, 400, 401, 429, 503]),
  createSshKey: op("createSshKey", "POST", "/ssh_keys", [201, 400, 401, 403, 429, 503]),
  deleteSshKey: op(
    "deleteSshKey",
    "DELETE",
    "/ssh_keys/{ssh_key_id}",
    [204, 400, 401, 403, 429, 503],
    true,
    [400, 401, 403],
  ),
} as const satisfies Record<string, Operation>;

/** The swagger operationIds the emulator implements. */
export type OperationId = keyof typeof OPERATIONS;

/** Why a request failed, before it is mapped onto a status the operation documents. */
export type FailureKind = "invalid" | "malformed_id" | "not_found" | "forbidden";

/**
 * Preference order per failure kind. A request for something the credentials may not see prefers 403,
 * an unknown id prefers 404, a path id that is not a UUID prefers 400 (it is a bad request, and this
 * makes every documented 400 reachable, e.g. for `showBackup`), each falling back to what is documented.
 */
const PREFERENCES: Record<FailureKind, number[]> = {
  invalid: [400],
  malformed_id: [400, 404],
  not_found: [404, 403, 400],
  forbidden: [403, 404, 400],
};

/** The status an operation answers for a failure kind: the first preferred status it documents. */
export function statusFor(operation: Operation, kind: FailureKind): number {
  for (const status of PREFERENCES[kind]) {
    if (operation.documented.includes(status)) return status;
  }
  return 400;
}

/** The route name used in the request log, e.g. `"POST /accounts/{account_id}/account_users"`. */
export function routeName(operation: Operation): string {
  return `${operation.method} ${operation.template}`;
}
