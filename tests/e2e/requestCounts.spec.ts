/**
 * Request counts per operation through the real Pulumi CLI: the numbers `npm run bench` reports,
 * asserted as counts (never times) so that an extra request per resource cannot slip in unnoticed.
 * The bench program declares N users spread over two accounts; the estate program declares one site,
 * one install in it, D domains of that install and K SSH keys; the agency program declares one
 * AccountTeam per client account (the benchmark's agency section at a small size). Every count comes from the emulator's
 * request log, cleared before each command.
 *
 * Every test first brings its stack to its own starting point (`startFrom`: everything declared
 * created, or nothing), so each passes alone (`--grep`) and none depends on what another left.
 */
import assert from "node:assert/strict";
import { agencySeed } from "../../bench/agency";
import { SEED_IDS } from "../../emulator";
import { samplePublicKey } from "../../emulator/publicKeys";
import { type E2EStack, openStack, userDisagreements } from "./harness";

const ROUTES = {
  createUser: "POST /accounts/{account_id}/account_users",
  listUsers: "GET /accounts/{account_id}/account_users",
  getUser: "GET /accounts/{account_id}/account_users/{user_id}",
  updateUser: "PATCH /accounts/{account_id}/account_users/{user_id}",
  deleteUser: "DELETE /accounts/{account_id}/account_users/{user_id}",
  currentUser: "GET /user",
  listInstalls: "GET /installs",
} as const;

const ACCOUNTS = [SEED_IDS.mainAccountId, SEED_IDS.secondAccountId];
const N = 6;
const CHANGED = 2;

/** Routes with a non-zero count. */
function nonZero(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
}

/** Runs one CLI command on a cleared request log and returns what it sent, by route. */
async function requestsOf(st: E2EStack, command: () => Promise<unknown>): Promise<Record<string, number>> {
  await st.clearRequests();
  await command();
  return nonZero(await st.requestCounts());
}

describe("request counts through the real Pulumi CLI", function () {
  this.timeout(900_000);
  let s: E2EStack;
  const output = { color: "never" as const, onOutput: (line: string) => s.output.push(line) };

  const countsOf = (command: () => Promise<unknown>) => requestsOf(s, command);

  /**
   * The fixture: the bench program declaring N users with none changed and no install look-ups, and
   * the stack converged on it (one `up --refresh`, a no-op when already there), or destroyed.
   */
  async function startFrom(start: "users" | "nothing"): Promise<void> {
    await s.stack.setAllConfig({
      "bench:users": { value: String(N) },
      "bench:changed": { value: "0" },
      "bench:installNames": { value: "[]" },
    });
    if (start === "nothing") await s.destroy();
    else await s.up({ refresh: true });
  }

  before(async () => {
    s = await openStack({
      program: "bench",
      config: {
        "bench:users": { value: String(N) },
        "bench:accountIds": { value: JSON.stringify(ACCOUNTS) },
        "bench:changed": { value: "0" },
      },
    });
  });
  after(async () => s?.dispose());

  it("creates each user with exactly one POST and sends nothing else", async () => {
    await startFrom("nothing");
    const counts = await countsOf(() => s.up());
    assert.deepEqual(counts, { [ROUTES.createUser]: N });
  });

  it("sends no request for a preview without changes", async () => {
    await startFrom("users");
    const counts = await countsOf(() => s.preview({ expectNoChanges: true }));
    assert.deepEqual(counts, {});
  });

  it("sends no request for an up without changes", async () => {
    await startFrom("users");
    const counts = await countsOf(() => s.stack.up({ ...output, expectNoChanges: true }));
    assert.deepEqual(counts, {});
  });

  it("refreshes the users of each account with one list call, not one GET per user", async () => {
    await startFrom("users");
    const counts = await countsOf(() => s.preview({ refresh: true, expectNoChanges: true }));
    assert.equal(counts[ROUTES.getUser] ?? 0, 0, `per-user GETs: ${JSON.stringify(counts)}`);
    assert.equal(counts[ROUTES.listUsers], ACCOUNTS.length, `list calls: ${JSON.stringify(counts)}`);
    // Besides the lists, at most one look-up of the API user per provider process (not per user).
    const { [ROUTES.listUsers]: _lists, [ROUTES.currentUser]: me = 0, ...other } = counts;
    assert.ok(me <= 1, `GET /user ${me} times`);
    assert.deepEqual(other, {});
  });

  it("refreshes with exactly one request per account once a refresh has recorded who the API user is", async () => {
    await startFrom("users");
    await s.refresh();
    const counts = await countsOf(() => s.preview({ refresh: true, expectNoChanges: true }));
    assert.deepEqual(counts, { [ROUTES.listUsers]: ACCOUNTS.length });
  });

  // A role change below owner and a removal are decided by the lockout guard on a fresh read: one
  // list call per account touched and one GET /user per update (the state's flags may be stale).
  it("changes roles with exactly one PATCH per changed user, plus the guard's fresh read", async () => {
    await startFrom("users");
    await s.stack.setConfig("bench:changed", { value: String(CHANGED) });
    const counts = await countsOf(() => s.up());
    assert.deepEqual(counts, {
      [ROUTES.updateUser]: CHANGED,
      [ROUTES.listUsers]: Math.min(CHANGED, ACCOUNTS.length),
      [ROUTES.currentUser]: 1,
    });
  });

  it("destroys each user with exactly one DELETE, plus the guard's fresh read", async () => {
    await startFrom("users");
    const counts = await countsOf(() => s.destroy());
    assert.deepEqual(counts, {
      [ROUTES.deleteUser]: N,
      [ROUTES.listUsers]: ACCOUNTS.length,
      [ROUTES.currentUser]: 1,
    });
  });

  it("resolves K installs by name with one paged walk of the installs", async () => {
    await startFrom("nothing");
    const installs = s.emulator.store.listInstalls();
    const pages = Math.ceil(installs.length / 100);
    assert.ok(pages >= 2, "the seed spans several pages, so a walk that stops early would show");
    // One name from each part of the list, so every page holds one.
    const k = 5;
    const picked = Array.from({ length: k }, (_, i) => installs[Math.floor((i * installs.length) / k)]);
    await s.stack.setConfig("bench:users", { value: "0" });
    await s.stack.setConfig("bench:installNames", { value: JSON.stringify(picked.map((i) => i?.name)) });
    const counts = await countsOf(() => s.up());
    assert.deepEqual(counts, { [ROUTES.listInstalls]: pages });
    const outputs = await s.stack.outputs();
    assert.deepEqual(
      outputs.installIds?.value,
      picked.map((i) => i?.id),
      "every name resolved to its install",
    );
  });
});

const ESTATE_ROUTES = {
  listSites: "GET /sites",
  createSite: "POST /sites",
  getSite: "GET /sites/{site_id}",
  deleteSite: "DELETE /sites/{site_id}",
  listInstalls: "GET /installs",
  createInstall: "POST /installs",
  getInstall: "GET /installs/{install_id}",
  deleteInstall: "DELETE /installs/{install_id}",
  createDomain: "POST /installs/{install_id}/domains",
  listDomains: "GET /installs/{install_id}/domains",
  deleteDomain: "DELETE /installs/{install_id}/domains/{domain_id}",
  createKey: "POST /ssh_keys",
  listKeys: "GET /ssh_keys",
  deleteKey: "DELETE /ssh_keys/{ssh_key_id}",
} as const;

/** Domains of the one install, and SSH keys, the estate stack declares. */
const D = 5;
const K = 3;

/** The estate program's config: one site, one install in it, D domains of the install, K SSH keys. */
function estateConfig(): Record<string, { value: string }> {
  const json = (v: unknown) => ({ value: JSON.stringify(v) });
  return {
    "test:sites": json([
      {
        name: "site",
        args: { accountId: SEED_IDS.mainAccountId, name: "Request counts", deletionProtection: false },
      },
    ]),
    "test:installs": json([
      {
        name: "web",
        siteRef: "site",
        args: {
          accountId: SEED_IDS.mainAccountId,
          name: "reqcounts",
          environment: "production",
          deletionProtection: false,
        },
      },
    ]),
    // No secureAllUrls: a create that sets it differently from WP Engine's default needs a PATCH.
    "test:domains": json(
      Array.from({ length: D }, (_, i) => ({
        name: `domain-${i}`,
        installRef: "web",
        args: { name: `d${i}.reqcounts.example` },
      })),
    ),
    "test:sshKeys": json(
      Array.from({ length: K }, (_, i) => ({
        name: `key-${i}`,
        args: { publicKey: samplePublicKey(`reqcounts-${i}`) },
      })),
    ),
  };
}

describe("request counts of sites, installs, domains and SSH keys through the real Pulumi CLI", function () {
  this.timeout(900_000);
  let s: E2EStack;
  const output = { color: "never" as const, onOutput: (line: string) => s.output.push(line) };
  const countsOf = (command: () => Promise<unknown>) => requestsOf(s, command);

  /** The fixture: the whole estate created (one `up --refresh`, a no-op when already there), or destroyed. */
  async function startFrom(start: "estate" | "nothing"): Promise<void> {
    await s.stack.setAllConfig(estateConfig());
    if (start === "nothing") await s.destroy();
    else await s.up({ refresh: true });
  }

  before(async () => {
    s = await openStack({ program: "estate", config: estateConfig() });
  });
  after(async () => s?.dispose());

  it("creates the site, the install, each domain and each SSH key with exactly one POST after a look for a taken name", async () => {
    await startFrom("nothing");
    const counts = await countsOf(() => s.up());
    // Each create looks first whether its name (or key) is already taken, so that a lost answer can
    // never take over an object the stack did not make.
    assert.deepEqual(counts, {
      [ESTATE_ROUTES.listSites]: 2,
      [ESTATE_ROUTES.createSite]: 1,
      [ESTATE_ROUTES.listInstalls]: 2,
      [ESTATE_ROUTES.createInstall]: 1,
      [ESTATE_ROUTES.listDomains]: D,
      [ESTATE_ROUTES.createDomain]: D,
      [ESTATE_ROUTES.listKeys]: K,
      [ESTATE_ROUTES.createKey]: K,
    });
  });

  it("sends no request for a preview without changes", async () => {
    await startFrom("estate");
    const counts = await countsOf(() => s.preview({ expectNoChanges: true }));
    assert.deepEqual(counts, {});
  });

  it("sends no request for an up without changes", async () => {
    await startFrom("estate");
    const counts = await countsOf(() => s.stack.up({ ...output, expectNoChanges: true }));
    assert.deepEqual(counts, {});
  });

  // The API can read one site and one install (so one GET each), but has no read of one SSH key, and
  // a GET per domain would grow with the domains: both kinds are read with one list call.
  it("refreshes the install's domains with one list call and the SSH keys with one, not one GET per object", async () => {
    await startFrom("estate");
    const counts = await countsOf(() => s.preview({ refresh: true, expectNoChanges: true }));
    assert.deepEqual(counts, {
      [ESTATE_ROUTES.getSite]: 1,
      [ESTATE_ROUTES.getInstall]: 1,
      [ESTATE_ROUTES.listDomains]: 1,
      [ESTATE_ROUTES.listKeys]: 1,
    });
  });

  // Deleting a site deletes its installs' websites, so the provider reads the site afresh before the
  // DELETE and refuses while it still has installs (the state's list of them may be stale).
  it("destroys each object with exactly one DELETE, plus the site guard's fresh read", async () => {
    await startFrom("estate");
    const counts = await countsOf(() => s.destroy());
    assert.deepEqual(counts, {
      [ESTATE_ROUTES.deleteDomain]: D,
      [ESTATE_ROUTES.deleteInstall]: 1,
      [ESTATE_ROUTES.getSite]: 1,
      [ESTATE_ROUTES.deleteSite]: 1,
      [ESTATE_ROUTES.deleteKey]: K,
    });
  });
});

/** Client accounts of the agency stack, and its users (spread round robin) and role changes. */
const AGENCY_ACCOUNTS = 3;
const AGENCY_N = 9;
const AGENCY_CHANGED = 3;

describe("request counts of an agency stack (one AccountTeam per client account) through the real Pulumi CLI", function () {
  this.timeout(900_000);
  let s: E2EStack;
  const output = { color: "never" as const, onOutput: (line: string) => s.output.push(line) };
  const countsOf = (command: () => Promise<unknown>) => requestsOf(s, command);
  const { seed, accountIds } = agencySeed(AGENCY_ACCOUNTS);
  const config = (changed: number) => ({
    "bench:users": { value: String(AGENCY_N) },
    "bench:accountIds": { value: JSON.stringify(accountIds) },
    "bench:changed": { value: String(changed) },
  });
  // Every program run: each team reads its account once (it reports undeclared users), and the API
  // user is asked once for the whole program, not once per team.
  const programReads = { [ROUTES.listUsers]: AGENCY_ACCOUNTS, [ROUTES.currentUser]: 1 };

  /** The fixture: every member invited and recorded (one `up --refresh`), or nothing. */
  async function startFrom(start: "teams" | "nothing"): Promise<void> {
    await s.stack.setAllConfig(config(0));
    if (start === "nothing") await s.destroy();
    else await s.up({ refresh: true });
  }

  before(async () => {
    s = await openStack({ program: "agency", emulator: { seed }, config: config(0) });
  });
  after(async () => s?.dispose());

  // Members adopt by default, so who exists is read first: once per account for all its members.
  it("invites each member with one POST and reads each account once for all of its members' adoption checks", async () => {
    await startFrom("nothing");
    const counts = await countsOf(() => s.up());
    assert.deepEqual(counts, {
      [ROUTES.createUser]: AGENCY_N,
      [ROUTES.listUsers]: programReads[ROUTES.listUsers] + AGENCY_ACCOUNTS,
      [ROUTES.currentUser]: 1,
    });
    assert.deepEqual(await userDisagreements(s), [], "the state and WP Engine agree user by user");
  });

  it("sends only the teams' program-time reads for a preview without changes", async () => {
    await startFrom("teams");
    const counts = await countsOf(() => s.preview({ expectNoChanges: true }));
    assert.deepEqual(counts, programReads);
  });

  it("sends only the teams' program-time reads for an up without changes", async () => {
    await startFrom("teams");
    const counts = await countsOf(() => s.stack.up({ ...output, expectNoChanges: true }));
    assert.deepEqual(counts, programReads);
  });

  it("refreshes every member of every account with one list call per account", async () => {
    await startFrom("teams");
    // Recorded who the API user is (a fresh invite leaves it unknown until a refresh is saved), so the
    // provider needs no GET /user and only the program's one remains.
    await s.refresh();
    const counts = await countsOf(() => s.preview({ refresh: true, expectNoChanges: true }));
    assert.deepEqual(counts, {
      [ROUTES.listUsers]: programReads[ROUTES.listUsers] + AGENCY_ACCOUNTS,
      [ROUTES.currentUser]: 1,
    });
  });

  it("changes roles with one PATCH per changed member, plus the guard's fresh read of each account touched", async () => {
    await startFrom("teams");
    await s.stack.setConfig("bench:changed", { value: String(AGENCY_CHANGED) });
    const counts = await countsOf(() => s.up());
    assert.deepEqual(counts, {
      [ROUTES.updateUser]: AGENCY_CHANGED,
      [ROUTES.listUsers]: programReads[ROUTES.listUsers] + Math.min(AGENCY_CHANGED, AGENCY_ACCOUNTS),
      [ROUTES.currentUser]: 2,
    });
    assert.deepEqual(await userDisagreements(s), [], "the state and WP Engine agree user by user");
  });

  it("destroys each member with one DELETE, plus the guard's fresh read of each account", async () => {
    await startFrom("teams");
    const counts = await countsOf(() => s.destroy());
    assert.deepEqual(counts, {
      [ROUTES.deleteUser]: AGENCY_N,
      [ROUTES.listUsers]: AGENCY_ACCOUNTS,
      [ROUTES.currentUser]: 1,
    });
    assert.deepEqual(await userDisagreements(s), [], "the state and WP Engine agree user by user");
  });
});
