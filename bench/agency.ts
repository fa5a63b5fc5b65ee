/**
 * The benchmark's agency section (issue 14): N users over several client accounts in one stack, one
 * `AccountTeam` per account (tests/e2e/programs/agency), measured from N = 10 to 1,000 through `up`, a
 * no-change `preview`, `preview --refresh`, an `up` that changes 10% of the roles and `destroy`. The
 * emulator's seed, the targets and their evaluation live here as pure functions; bench/main.ts runs
 * the steps with the same machinery as the single-account sizes.
 */
import { defaultSeed, SEED_OWNER_EMAIL, type Seed, seedUuid } from "../emulator";
import { fmtMs, fmtRequests, ROUTES, type StepId, type StepResult, type TargetResult } from "./results";

/** The agency's client accounts. */
export const AGENCY_ACCOUNTS = 10;
/** Sizes of a full run: time per user is compared from the first to the last. */
export const AGENCY_SIZES = [10, 100, 1000];
/** The size of `--quick`, which must stay under 3 minutes in all. */
export const QUICK_AGENCY_SIZES = [100];
/** The steps the agency section measures (the list; no second no-op `up`). */
export const AGENCY_STEPS: StepId[] = ["create", "preview", "refresh", "update", "destroy"];

/** The agency program (tests/e2e/programs/agency). */
export const AGENCY_PROGRAM = "agency";

/** Limits of the issue: time per resource at the largest size vs the smallest, provider memory. */
export const AGENCY_LIMITS = { perResourceGrowth: 1.5, providerRssBytes: 256 * 2 ** 20, stateBytes: 4096 };

/** The agency section of a report. */
export interface AgencyReport {
  accounts: number;
  results: StepResult[];
}

/**
 * The default seed plus `accounts` client accounts, each with the API user's person as its owner (as
 * an agency's own login is owner of its clients' accounts), and their ids in order.
 */
export function agencySeed(accounts: number): { seed: Seed; accountIds: string[] } {
  const seed = defaultSeed();
  const accountIds: string[] = [];
  for (let i = 1; i <= accounts; i++) {
    const key = `agency-${String(i).padStart(2, "0")}`;
    const id = seedUuid(`account:${key}`);
    seed.accounts.push({ id, name: `agencyclient${i}`, nickname: `Agency client ${i}` });
    seed.apiUser.account_ids.push(id);
    seed.accountUsers.push({
      user_id: seedUuid(`user:${key}-owner`),
      account_id: id,
      first_name: seed.apiUser.first_name,
      last_name: seed.apiUser.last_name,
      email: SEED_OWNER_EMAIL,
      phone: null,
      invite_accepted: true,
      mfa_enabled: false,
      roles: "owner",
      install_ids: [],
    });
    accountIds.push(id);
  }
  return { seed, accountIds };
}

const get = (r: Record<string, number>, k: string) => r[k] ?? 0;

/**
 * Requests of a step minus the program-time reads: what the no-op preview of the same size sent, in
 * which the provider sends nothing. `destroy` runs no program, so nothing is taken off.
 */
export function providerRequests(results: StepResult[], r: StepResult): Record<string, number> {
  const program =
    r.step === "destroy" ? {} : (results.find((x) => x.step === "preview" && x.n === r.n)?.requests ?? {});
  const out: Record<string, number> = {};
  for (const [route, n] of Object.entries(r.requests)) {
    const left = n - get(program, route);
    if (left > 0) out[route] = left;
  }
  return out;
}

function rowsOf(results: StepResult[], step: StepId): StepResult[] {
  return results.filter((r) => r.step === step).sort((a, b) => a.n - b.n);
}

/** Evaluates the agency targets of issue 14. `changed(n)` is the role-change step's count. */
export function evaluateAgencyTargets(report: AgencyReport, changed: (n: number) => number): TargetResult[] {
  const { results, accounts } = report;
  const t: TargetResult[] = [];
  const notRun = (name: string, target: string): TargetResult => ({
    name,
    target,
    measured: "not run",
    met: null,
  });

  const program = rowsOf(results, "preview");
  t.push(
    program.length
      ? {
          name: "agency program-time reads",
          target: `each AccountTeam reads its account once per run (${accounts} lists), and GET /user once for all teams`,
          measured: program.map((r) => `N=${r.n}: ${fmtRequests(r.requests)}`).join("; "),
          met: program.every(
            (r) =>
              get(r.requests, ROUTES.listUsers) === Math.min(accounts, r.n) &&
              get(r.requests, "GET /user") === 1,
          ),
        }
      : notRun("agency program-time reads", "reported"),
  );
  const counted = (
    name: string,
    target: string,
    step: StepId,
    ok: (r: StepResult, own: Record<string, number>) => boolean,
  ): TargetResult => {
    const rows = rowsOf(results, step);
    if (!rows.length) return notRun(name, target);
    const parts = rows.map((r) => {
      const own = providerRequests(results, r);
      return { ok: ok(r, own), text: `N=${r.n}: ${fmtRequests(own)}` };
    });
    return { name, target, measured: parts.map((p) => p.text).join("; "), met: parts.every((p) => p.ok) };
  };
  const total = (own: Record<string, number>) => Object.values(own).reduce((a, b) => a + b, 0);
  t.push(
    counted(
      "agency create requests",
      `beyond the program's reads: 1 POST per user, and 1 list per account for all of its members' adoption checks (members adopt by default), nothing else`,
      "create",
      (r, own) =>
        get(own, ROUTES.createUser) === r.n &&
        get(own, ROUTES.listUsers) <= Math.min(accounts, r.n) &&
        total(own) === r.n + get(own, ROUTES.listUsers),
    ),
  );
  t.push(
    counted(
      "agency preview --refresh",
      `beyond the program's reads: exactly 1 list per account (${accounts}) and no per-user request`,
      "refresh",
      (r, own) => get(own, ROUTES.listUsers) === Math.min(accounts, r.n) && get(own, ROUTES.getUser) === 0,
    ),
  );
  t.push(
    counted(
      "agency role change",
      "beyond the program's reads: 1 PATCH per changed user (10%)",
      "update",
      (r, own) => get(own, ROUTES.updateUser) === changed(r.n),
    ),
  );
  t.push(
    counted(
      "agency destroy",
      "1 DELETE per user",
      "destroy",
      (r, own) => get(own, ROUTES.deleteUser) === r.n,
    ),
  );

  const growth: string[] = [];
  let worst = 0;
  for (const step of AGENCY_STEPS) {
    const rows = rowsOf(results, step);
    const first = rows[0];
    const last = rows.at(-1);
    if (!first || !last || first === last) continue;
    const ratio = last.wallMs / last.n / (first.wallMs / first.n);
    worst = Math.max(worst, ratio);
    growth.push(
      `${first.label}: ${fmtMs(last.wallMs / last.n)}/user at N=${last.n} vs ${fmtMs(first.wallMs / first.n)} at N=${first.n} = ${ratio.toFixed(2)}x`,
    );
  }
  const largest = Math.max(0, ...results.map((r) => r.n));
  t.push({
    name: "agency time per resource",
    target: `at N = 1,000 at most ${AGENCY_LIMITS.perResourceGrowth}x the time per user at N = 10, every step`,
    measured: growth.length ? growth.join("; ") : "needs two sizes",
    met: growth.length && largest >= 1000 ? worst <= AGENCY_LIMITS.perResourceGrowth : null,
  });
  const rss = results.map((r) => r.peakProviderRssBytes ?? 0);
  const peak = Math.max(0, ...rss);
  t.push({
    name: "agency provider memory",
    target: "peak RSS of the provider process under 256 MiB",
    measured: results.length
      ? `${(peak / 2 ** 20).toFixed(0)} MiB (largest of any step, N=${largest})`
      : "not run",
    met: results.length && largest >= 1000 ? peak < AGENCY_LIMITS.providerRssBytes : null,
  });
  const withState = results.filter((r) => r.stateBytesPerResource !== null);
  const bytes = Math.max(0, ...withState.map((r) => r.stateBytesPerResource ?? 0));
  t.push({
    name: "agency state per user",
    target: `<= ${AGENCY_LIMITS.stateBytes} bytes (checkpoint file / users, teams included)`,
    measured: withState.length
      ? rowsOf(results, "create")
          .map((r) => `N=${r.n}: ${r.stateBytesPerResource} bytes`)
          .join(", ")
      : "no state",
    met: withState.length ? bytes <= AGENCY_LIMITS.stateBytes : null,
  });
  return t;
}
