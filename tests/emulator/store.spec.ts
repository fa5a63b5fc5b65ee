import assert from "node:assert/strict";
import { defaultSeed, SEED_IDS } from "../../emulator";
import { ApiFailure } from "../../emulator/http";
import { EmulatorStore, type NewAccountUser } from "../../emulator/store";
import { accountUserView } from "../../emulator/views";

const MAIN = SEED_IDS.mainAccountId;

function newUser(extra: Partial<NewAccountUser> = {}): NewAccountUser {
  return {
    account_id: MAIN,
    first_name: "John",
    last_name: "Doe",
    email: "john.doe@example.com",
    roles: "partial",
    install_ids: [],
    ...extra,
  };
}

function failure(fn: () => unknown): ApiFailure {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiFailure) return error;
    throw error;
  }
  assert.fail("expected an ApiFailure");
}

describe("emulator store rules", () => {
  let store: EmulatorStore;
  beforeEach(() => {
    store = new EmulatorStore({ seed: defaultSeed() });
  });

  it("creates an account user that reads back with the read form of its role", () => {
    const user = store.createAccountUser(
      MAIN,
      newUser({ roles: "partial,billing", install_ids: [SEED_IDS.torquemagInstallId] }),
    );
    const view = accountUserView(store, user);
    assert.equal(view.roles, "billing, partial");
    assert.equal(view.invite_accepted, false);
    assert.equal(view.phone, null);
    assert.deepEqual(view.installs, [{ id: SEED_IDS.torquemagInstallId, name: "torquemag" }]);
    assert.equal("last_owner" in view, false);
  });

  it("refuses a second user with the same email in one account, ignoring case", () => {
    store.createAccountUser(MAIN, newUser());
    const f = failure(() => store.createAccountUser(MAIN, newUser({ email: "John.DOE@Example.com" })));
    assert.equal(f.kind, "invalid");
    assert.equal(f.errors[0]?.field, "email");
  });

  it("allows the same email in two different accounts", () => {
    store.createAccountUser(MAIN, newUser());
    const other = store.createAccountUser(
      SEED_IDS.secondAccountId,
      newUser({ account_id: SEED_IDS.secondAccountId }),
    );
    assert.equal(other.account_id, SEED_IDS.secondAccountId);
  });

  it("refuses install_ids with a non-partial role", () => {
    for (const roles of ["owner", "full", "full,billing"] as const) {
      const f = failure(() =>
        store.createAccountUser(MAIN, newUser({ roles, install_ids: [SEED_IDS.torquemagInstallId] })),
      );
      assert.equal(f.errors[0]?.field, "install_ids", roles);
    }
  });

  it("refuses unknown installs and installs of another account", () => {
    const unknown = failure(() =>
      store.createAccountUser(MAIN, newUser({ install_ids: ["00000000-0000-4000-8000-000000000000"] })),
    );
    assert.equal(unknown.errors[0]?.field, "install_ids");
    const foreign = failure(() =>
      store.createAccountUser(MAIN, newUser({ install_ids: [SEED_IDS.hiddenInstallId] })),
    );
    assert.equal(foreign.errors[0]?.field, "install_ids");
    const notUuid = failure(() => store.createAccountUser(MAIN, newUser({ install_ids: ["torquemag"] })));
    assert.equal(notUuid.errors[0]?.field, "install_ids");
  });

  it("refuses a body account_id that differs from the path account", () => {
    const f = failure(() => store.createAccountUser(MAIN, newUser({ account_id: SEED_IDS.secondAccountId })));
    assert.equal(f.errors[0]?.field, "account_id");
  });

  it("keeps at least one owner: the last owner can be neither demoted nor deleted", () => {
    const demote = failure(() => store.updateAccountUser(MAIN, SEED_IDS.ownerUserId, { roles: "full" }));
    assert.equal(demote.kind, "invalid");
    assert.equal(demote.errors[0]?.code, "last_owner");
    const del = failure(() => store.deleteAccountUser(MAIN, SEED_IDS.ownerUserId));
    assert.equal(del.errors[0]?.code, "last_owner");
  });

  it("lets an owner go once another owner exists, and marks last_owner accordingly", () => {
    const owner = store.accountUser(MAIN, SEED_IDS.ownerUserId);
    assert.equal(accountUserView(store, owner).last_owner, true);
    store.updateAccountUser(MAIN, SEED_IDS.fullUserId, { roles: "owner" });
    assert.equal(accountUserView(store, owner).last_owner, false);
    store.deleteAccountUser(MAIN, SEED_IDS.ownerUserId);
    const remaining = store.accountUser(MAIN, SEED_IDS.fullUserId);
    assert.equal(accountUserView(store, remaining).last_owner, true);
  });

  it("keeps a partial user's installs when a PATCH omits install_ids, and clears them for other roles", () => {
    store.updateAccountUser(MAIN, SEED_IDS.partialUserId, { roles: "partial,billing" });
    assert.equal(store.accountUser(MAIN, SEED_IDS.partialUserId).install_ids.length, 2);
    store.updateAccountUser(MAIN, SEED_IDS.partialUserId, { roles: "full" });
    const user = store.accountUser(MAIN, SEED_IDS.partialUserId);
    assert.deepEqual(user.install_ids, []);
    assert.equal(accountUserView(store, user).installs, null);
    store.updateAccountUser(MAIN, SEED_IDS.partialUserId, { roles: "partial" });
    assert.deepEqual(accountUserView(store, store.accountUser(MAIN, SEED_IDS.partialUserId)).installs, []);
  });

  it("answers forbidden for another account and not_found for unknown ids", () => {
    assert.equal(failure(() => store.listAccountUsers(SEED_IDS.hiddenAccountId)).kind, "forbidden");
    assert.equal(failure(() => store.site(SEED_IDS.hiddenSiteId)).kind, "forbidden");
    assert.equal(failure(() => store.install(SEED_IDS.hiddenInstallId)).kind, "forbidden");
    assert.equal(failure(() => store.account("00000000-0000-4000-8000-000000000000")).kind, "not_found");
    assert.equal(failure(() => store.accountUser(MAIN, SEED_IDS.secondOwnerUserId)).kind, "not_found");
  });

  it("never shares state between two stores", () => {
    const other = new EmulatorStore({ seed: defaultSeed() });
    store.createAccountUser(MAIN, newUser());
    assert.equal(other.listAccountUsers(MAIN).length, 3);
    assert.equal(store.listAccountUsers(MAIN).length, 4);
    other.faults.add({ path: ".*", status: 503 });
    assert.equal(store.faults.list().length, 0);
  });

  it("resets to the seed it started with, with its starting settings", () => {
    const started = new EmulatorStore({ seed: defaultSeed(), latencyMs: 5 });
    started.createAccountUser(MAIN, newUser());
    started.config = { ...started.config, latencyMs: 99 };
    started.reset();
    assert.equal(started.listAccountUsers(MAIN).length, 3);
    assert.equal(started.config.latencyMs, 5);
  });
});
