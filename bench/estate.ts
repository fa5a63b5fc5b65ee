/**
 * The benchmark's estate section (issue 13): one site, one install in it, D domains of the install and
 * K SSH keys through the estate program (tests/e2e/programs/estate), measured through `up`, a no-change
 * `preview`, `preview --refresh` and `destroy`. The model, the program's config, the targets and the
 * printed table live here as pure functions; bench/main.ts runs the steps.
 */
import { samplePublicKey } from "../emulator/publicKeys";
import { fmtMs, type TargetResult } from "./results";

/** The estate steps, in run order. */
export const ESTATE_STEPS = {
  create: "up (create all)",
  preview: "preview (no changes)",
  refresh: "preview --refresh",
  destroy: "destroy",
} as const;

/** An estate step id. */
export type EstateStepId = keyof typeof ESTATE_STEPS;

/** Emulator route keys of the estate's kinds. */
export const ESTATE_ROUTES = {
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
  getDomain: "GET /installs/{install_id}/domains/{domain_id}",
  deleteDomain: "DELETE /installs/{install_id}/domains/{domain_id}",
  createKey: "POST /ssh_keys",
  listKeys: "GET /ssh_keys",
  deleteKey: "DELETE /ssh_keys/{ssh_key_id}",
} as const;

/** Domains of the one install in a full run and in `--quick`; SSH keys in both. */
export const ESTATE_DOMAINS = 20;
export const QUICK_ESTATE_DOMAINS = 10;
export const ESTATE_SSH_KEYS = 5;

/** The Pulumi resource types of the estate's kinds, as they appear in the checkpoint. */
export const ESTATE_TYPES = ["Site", "Install", "Domain", "SshKey"].map(
  (t) => `pulumi-nodejs:dynamic/wpengine:${t}`,
);

/** One measured estate step. */
export interface EstateStepResult {
  step: EstateStepId;
  label: string;
  /** Wall time of the Pulumi CLI command, ms. */
  wallMs: number;
  /** Requests the step sent, by emulator route. */
  requests: Record<string, number>;
  requestsTotal: number;
  /** The machine's 1-minute load average when the step ended (other work skews times). */
  loadAvg1: number;
}

/** The estate section of a report (`estate` in the JSON; absent in reports before issue 13). */
export interface EstateReport {
  /** Domains of the one install. */
  domains: number;
  sshKeys: number;
  /** Objects declared: the site, the install, the domains and the keys. */
  objects: number;
  steps: EstateStepResult[];
}

/**
 * The estate program's stack config for `domains` domains and `sshKeys` keys in `accountId`. No
 * domain sets secureAllUrls: one that differs from WP Engine's default takes a PATCH after the POST,
 * which would hide an extra request per object behind a declared setting.
 */
export function estateConfig(
  accountId: string,
  domains: number,
  sshKeys: number,
): Record<string, { value: string }> {
  const json = (v: unknown) => ({ value: JSON.stringify(v) });
  return {
    "test:sites": json([
      { name: "site", args: { accountId, name: "Bench estate", deletionProtection: false } },
    ]),
    "test:installs": json([
      {
        name: "web",
        siteRef: "site",
        args: { accountId, name: "benchestate", environment: "production", deletionProtection: false },
      },
    ]),
    "test:domains": json(
      Array.from({ length: domains }, (_, i) => ({
        name: `domain-${String(i).padStart(3, "0")}`,
        installRef: "web",
        args: { name: `d${i}.bench-estate.example` },
      })),
    ),
    "test:sshKeys": json(
      Array.from({ length: sshKeys }, (_, i) => ({
        name: `key-${i}`,
        args: { publicKey: samplePublicKey(`bench-estate-${i}`) },
      })),
    ),
  };
}

/** What each step must send for `domains` domains and `sshKeys` keys, by route. */
export function expectedEstateRequests(
  domains: number,
  sshKeys: number,
): Record<EstateStepId, Record<string, number>> {
  const R = ESTATE_ROUTES;
  return {
    // Each create first looks whether its name (or key) is taken, so that a lost answer can never
    // take over an object the stack did not make: the account's sites and installs (a paged walk
    // each, 2 requests at this seed), the install's domains and the keys, before each POST.
    create: {
      [R.listSites]: 2,
      [R.createSite]: 1,
      [R.listInstalls]: 2,
      [R.createInstall]: 1,
      [R.listDomains]: domains,
      [R.createDomain]: domains,
      [R.listKeys]: sshKeys,
      [R.createKey]: sshKeys,
    },
    preview: {},
    // A site and an install can be read one by one; domains and keys are read with one list each.
    refresh: { [R.getSite]: 1, [R.getInstall]: 1, [R.listDomains]: 1, [R.listKeys]: 1 },
    // The site is read afresh before its DELETE: deletion is refused while it still has installs.
    destroy: {
      [R.deleteDomain]: domains,
      [R.deleteInstall]: 1,
      [R.getSite]: 1,
      [R.deleteSite]: 1,
      [R.deleteKey]: sshKeys,
    },
  };
}

/** Routes with a non-zero count, sorted, so two maps compare by content. */
function canonical(r: Record<string, number>): string {
  return JSON.stringify(
    Object.entries(r)
      .filter(([, n]) => n > 0)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

/** The estate targets of issue 13, evaluated against a report's estate section. */
export function evaluateEstateTargets(estate: EstateReport | undefined): TargetResult[] {
  const want = estate ? expectedEstateRequests(estate.domains, estate.sshKeys) : undefined;
  const target = (
    name: string,
    text: string,
    step: EstateStepId,
    measured: (r: EstateStepResult) => string,
  ) => {
    const r = estate?.steps.find((x) => x.step === step);
    if (!r || !want) return { name, target: text, measured: "not run", met: null };
    return {
      name,
      target: text,
      measured: measured(r),
      met: canonical(r.requests) === canonical(want[step]),
    };
  };
  const D = estate?.domains ?? 0;
  const K = estate?.sshKeys ?? 0;
  const get = (r: EstateStepResult, route: string) => r.requests[route] ?? 0;
  return [
    target(
      "estate create requests",
      "1 write per created object (1 site, 1 install, D domains, K SSH keys), each after one look for a taken name",
      "create",
      (r) => `${r.requestsTotal} requests for ${estate?.objects} objects (${fmtEstateRequests(r.requests)})`,
    ),
    target("estate no-op preview", "0 requests", "preview", (r) => `${r.requestsTotal}`),
    target(
      "estate preview --refresh",
      "refresh of D domains = 1 domain list call (0 per-domain GETs); 1 SSH key list; 1 GET each for site and install",
      "refresh",
      (r) =>
        `D=${D}: ${get(r, ESTATE_ROUTES.listDomains)} domain list, ${get(r, ESTATE_ROUTES.getDomain)} per-domain GET; ` +
        `K=${K}: ${get(r, ESTATE_ROUTES.listKeys)} key list; ${r.requestsTotal} in all`,
    ),
    target(
      "estate destroy requests",
      "1 DELETE per object, plus 1 fresh read of the site (refused while it has installs)",
      "destroy",
      (r) => `${r.requestsTotal} requests for ${estate?.objects} objects (${fmtEstateRequests(r.requests)})`,
    ),
  ];
}

const SHORT_ROUTE: Record<string, string> = {
  [ESTATE_ROUTES.createSite]: "POST site",
  [ESTATE_ROUTES.getSite]: "GET site",
  [ESTATE_ROUTES.deleteSite]: "DELETE site",
  [ESTATE_ROUTES.createInstall]: "POST install",
  [ESTATE_ROUTES.getInstall]: "GET install",
  [ESTATE_ROUTES.deleteInstall]: "DELETE install",
  [ESTATE_ROUTES.createDomain]: "POST domain",
  [ESTATE_ROUTES.listDomains]: "LIST domains",
  [ESTATE_ROUTES.getDomain]: "GET domain",
  [ESTATE_ROUTES.deleteDomain]: "DELETE domain",
  [ESTATE_ROUTES.createKey]: "POST key",
  [ESTATE_ROUTES.listKeys]: "LIST keys",
  [ESTATE_ROUTES.deleteKey]: "DELETE key",
};

/**
 * Requests by route, short, site first, then install, domains and keys (the log's arrival order varies
 * from run to run): `POST site 1, POST install 1, POST domain 10`.
 */
export function fmtEstateRequests(r: Record<string, number>): string {
  const order = Object.keys(SHORT_ROUTE);
  const rank = (route: string) => (order.includes(route) ? order.indexOf(route) : order.length);
  const parts = Object.entries(r)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([route, n]) => `${SHORT_ROUTE[route] ?? route} ${n}`);
  return parts.length ? parts.join(", ") : "0";
}

/** The estate steps as an aligned text table. */
export function formatEstateTable(estate: EstateReport): string {
  const header = ["step", "objects", "wall", "requests", "by route", "load"];
  const rows = estate.steps.map((r) => [
    r.label,
    String(estate.objects),
    fmtMs(r.wallMs),
    String(r.requestsTotal),
    fmtEstateRequests(r.requests),
    r.loadAvg1.toFixed(1),
  ]);
  const cells = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? "").length)));
  // Text columns left-aligned, numbers right-aligned.
  const left = new Set([0, 4]);
  return cells
    .map((row) =>
      row
        .map((c, i) => (left.has(i) ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}
