/** Every API route the emulator serves. */

import { getAccountRoute, listAccountsRoute } from "./accounts";
import {
  createAccountUserRoute,
  deleteAccountUserRoute,
  getAccountUserRoute,
  listAccountUsersRoute,
  updateAccountUserRoute,
} from "./accountUsers";
import { createBackupRoute, showBackupRoute } from "./backups";
import type { Route } from "./context";
import { getInstallRoute, listInstallsRoute } from "./installs";
import { getSiteRoute, listSitesRoute } from "./sites";
import { currentUserRoute, statusRoute } from "./status";

/** The route table, one entry per documented operation the emulator implements. */
export const ROUTES: readonly Route[] = [
  statusRoute,
  currentUserRoute,
  listAccountsRoute,
  getAccountRoute,
  listAccountUsersRoute,
  createAccountUserRoute,
  getAccountUserRoute,
  updateAccountUserRoute,
  deleteAccountUserRoute,
  listSitesRoute,
  getSiteRoute,
  listInstallsRoute,
  getInstallRoute,
  createBackupRoute,
  showBackupRoute,
];

export type { Route, RouteContext } from "./context";
