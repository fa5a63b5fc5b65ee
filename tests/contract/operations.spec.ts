import assert from "node:assert/strict";
import { type FailureKind, OPERATIONS, routeName, statusFor } from "../../emulator/operations";
import { ROUTES } from "../../emulator/routes";
import { ContractValidator } from "../support/swagger";

describe("contract: the emulator's operation table", () => {
  const validator = new ContractValidator();
  const contract = validator.operations();

  for (const op of Object.values(OPERATIONS)) {
    it(`mirrors ${op.method} ${op.template} (${op.id}) and its documented statuses exactly`, () => {
      const found = contract.find((c) => c.path === op.template && c.method === op.method);
      assert.ok(found, `${op.method} ${op.template} is not in the contract`);
      assert.equal(found.operationId, op.id);
      assert.deepEqual([...op.documented].sort(), [...found.statuses].sort());
    });
  }

  it("requires credentials everywhere the contract declares basic auth, and nowhere else", () => {
    for (const op of Object.values(OPERATIONS)) {
      const raw = validator.doc.paths[op.template]?.[op.method.toLowerCase()] as
        | { security?: unknown }
        | undefined;
      assert.equal(op.auth, raw?.security !== undefined, op.id);
    }
  });

  it("serves every operation of the table with exactly one route", () => {
    const names = ROUTES.map((r) => routeName(r.operation));
    assert.equal(new Set(names).size, names.length);
    assert.deepEqual(names.sort(), Object.values(OPERATIONS).map(routeName).sort());
  });

  it("maps every failure an operation can meet onto a status that operation documents", () => {
    const kinds: Record<string, FailureKind[]> = {
      status: [],
      getCurrentUser: [],
      listAccounts: ["invalid"],
      getAccount: ["malformed_id", "not_found", "forbidden"],
      getAccountsLimits: ["malformed_id", "not_found", "forbidden"],
      getAccountUsageMetrics: ["invalid", "malformed_id", "not_found", "forbidden"],
      getAccountUsageSummary: ["invalid", "malformed_id", "not_found", "forbidden"],
      getAccountUsageInsights: ["invalid", "malformed_id", "not_found", "forbidden"],
      getInstallUsageMetrics: ["invalid", "malformed_id", "not_found", "forbidden"],
      getInstallCertificates: ["not_found", "forbidden"],
      listAccountUsers: ["malformed_id", "not_found", "forbidden"],
      createAccountUser: ["invalid", "malformed_id", "not_found", "forbidden"],
      getAccountUser: ["malformed_id", "not_found", "forbidden"],
      updateAccountUser: ["invalid", "malformed_id", "not_found", "forbidden"],
      deleteAccountUser: ["invalid", "malformed_id", "not_found", "forbidden"],
      listSites: ["invalid", "not_found", "forbidden"],
      getSite: ["malformed_id", "not_found", "forbidden"],
      listInstalls: ["invalid", "not_found", "forbidden"],
      getInstall: ["malformed_id", "not_found", "forbidden"],
      createBackup: ["invalid", "malformed_id", "not_found", "forbidden"],
      showBackup: ["malformed_id", "not_found", "forbidden"],
      createSite: ["invalid", "not_found", "forbidden"],
      createInstall: ["invalid", "not_found", "forbidden"],
      updateInstall: ["invalid", "malformed_id", "not_found", "forbidden"],
      deleteInstall: ["malformed_id", "not_found", "forbidden"],
      updateSite: ["invalid", "malformed_id", "not_found", "forbidden"],
      deleteSite: ["invalid", "malformed_id", "not_found", "forbidden"],
      listSshKeys: ["invalid"],
      purgeCache: ["invalid", "malformed_id", "not_found", "forbidden"],
      listDomains: ["malformed_id", "not_found", "forbidden"],
      createDomain: ["invalid", "malformed_id", "not_found", "forbidden"],
      createBulkDomains: ["invalid", "malformed_id", "not_found", "forbidden"],
      getDomain: ["malformed_id", "not_found", "forbidden"],
      updateDomain: ["invalid", "malformed_id", "not_found", "forbidden"],
      deleteDomain: ["invalid", "malformed_id", "not_found", "forbidden"],
      createDomainCertificateOrder: ["not_found", "forbidden"],
      getDomainCertificate: ["not_found", "forbidden"],
      copyInstall: ["invalid", "not_found", "forbidden"],
      createSshKey: ["invalid", "forbidden"],
      deleteSshKey: ["malformed_id", "not_found"],
    };
    for (const op of Object.values(OPERATIONS)) {
      for (const kind of kinds[op.id] ?? assert.fail(`no kinds listed for ${op.id}`)) {
        assert.ok(op.documented.includes(statusFor(op, kind)), `${op.id} ${kind} -> ${statusFor(op, kind)}`);
      }
    }
  });
});
