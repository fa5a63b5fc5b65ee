/** Every API route the emulator serves. */

import { getAccountLimitsRoute, getAccountRoute, listAccountsRoute } from "./accounts";
import {
  createAccountUserRoute,
  deleteAccountUserRoute,
  getAccountUserRoute,
  listAccountUsersRoute,
  updateAccountUserRoute,
} from "./accountUsers";
import { copyInstallRoute, purgeCacheRoute } from "./actions";
import { createBackupRoute, showBackupRoute } from "./backups";
import type { Route } from "./context";
import {
  createBulkDomainsRoute,
  createDomainRoute,
  deleteDomainRoute,
  getCertificateRoute,
  getDomainRoute,
  listDomainsRoute,
  orderCertificateRoute,
  updateDomainRoute,
} from "./domains";
import {
  createInstallRoute,
  deleteInstallRoute,
  getInstallRoute,
  listInstallsRoute,
  updateInstallRoute,
} from "./installs";
import { createSiteRoute, deleteSiteRoute, getSiteRoute, listSitesRoute, updateSiteRoute } from "./sites";
import { createSshKeyRoute, deleteSshKeyRoute, listSshKeysRoute } from "./sshKeys";
import { currentUserRoute, statusRoute } from "./status";

/** The route table, one entry per documented operation the emulator implements. */
import {
  accountUsageInsightsRoute,
  accountUsageRoute,
  accountUsageSummaryRoute,
  installCertificatesRoute,
  installUsageRoute,
} from "./usage";

export const ROUTES: readonly Route[] = [
  statusRoute,
  currentUserRoute,
  listAccountsRoute,
  getAccountRoute,
  getAccountLimitsRoute,
  listAccountUsersRoute,
  createAccountUserRoute,
  getAccountUserRoute,
  updateAccountUserRoute,
  deleteAccountUserRoute,
  listSitesRoute,
  getSiteRoute,
  createSiteRoute,
  updateSiteRoute,
  deleteSiteRoute,
  listInstallsRoute,
  getInstallRoute,
  createInstallRoute,
  updateInstallRoute,
  deleteInstallRoute,
  createBackupRoute,
  showBackupRoute,
  listDomainsRoute,
  createDomainRoute,
  createBulkDomainsRoute,
  getDomainRoute,
  updateDomainRoute,
  deleteDomainRoute,
  orderCertificateRoute,
  getCertificateRoute,
  purgeCacheRoute,
  copyInstallRoute,
  listSshKeysRoute,
  createSshKeyRoute,
  deleteSshKeyRoute,
  accountUsageRoute,
  accountUsageSummaryRoute,
  accountUsageInsightsRoute,
  installUsageRoute,
  installCertificatesRoute,
];

export type { Route, RouteContext } from "./context";
