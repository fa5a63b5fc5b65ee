/**
 * The usage and certificate reads of WpEngineClient against the emulator (both profiles): figures
 * as numbers, every page, ranges checked before sending, and the API's latitude (int64 as number or
 * string, fields left out, a 404 that means "none") read the way a program expects.
 */
import assert from "node:assert/strict";
import { SEED_IDS } from "../../emulator";
import { dailyFigures } from "../../emulator/usage";
import {
  BadRequestError,
  collect,
  InvalidArgumentError,
  NotFoundError,
  PaginationError,
} from "../../provider/client";
import { caught, clientFor, countOf, fault, requestLog, totalRequests, useEmulator } from "./helpers";

const MAIN = SEED_IDS.mainAccountId;
const TORQUEMAG = SEED_IDS.torquemagInstallId;
const UNKNOWN = "00000000-0000-4000-8000-000000000000";
const ORDER = {
  email_address: "jane@example.com",
  given_name: "Jane",
  family_name: "Doe",
  region_code: "US",
};

/** The last `n` days up to today (UTC), as a range. */
function lastDays(n: number): { firstDate: string; lastDate: string } {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { firstDate: day(Date.now() - (n - 1) * 86_400_000), lastDate: day(Date.now()) };
}

describe("WpEngineClient usage and certificate reads", () => {
  const ctx = useEmulator();
  const minimal = () => ctx.emu.store.config.profile === "minimal";

  it("reads an install's daily visits as numbers, one entry per day of the range", async () => {
    const range = lastDays(3);
    const usage = await clientFor(ctx.emu).getInstallUsage(TORQUEMAG, range);
    assert.equal(usage.installName, "torquemag");
    assert.deepEqual(
      usage.days.map((d) => d.date),
      [0, 1, 2].map((i) => new Date(Date.now() - (2 - i) * 86_400_000).toISOString().slice(0, 10)),
    );
    for (const d of usage.days) assert.equal(d.visitCount, dailyFigures(TORQUEMAG, d.date).visit_count);
    const log = await requestLog(ctx.emu);
    assert.equal(log.requests[0]?.query, `first_date=${range.firstDate}&last_date=${range.lastDate}`);
  });

  it("reads storage and traffic as null when WP Engine leaves them out (minimal) and as numbers otherwise", async () => {
    const [day] = (await clientFor(ctx.emu).getInstallUsage(TORQUEMAG, lastDays(1))).days;
    assert.ok(day);
    if (minimal()) {
      assert.equal(day.storageFileBytes, null);
      assert.equal(day.trafficMetricsSource, null);
    } else {
      assert.equal(day.storageFileBytes, dailyFigures(TORQUEMAG, day.date).storage_file_bytes);
      assert.equal(day.networkTotalBytes, (day.networkOriginBytes ?? 0) + (day.networkCdnBytes ?? 0));
    }
  });

  it("reads every install of an account's usage in one request of up to 1,000 installs", async () => {
    const installs = ctx.emu.store.listInstalls(MAIN);
    assert.ok(installs.length > 1);
    const all = await collect(clientFor(ctx.emu).listAccountUsage(MAIN, lastDays(2)));
    assert.equal(all.length, installs.length);
    if (!minimal())
      assert.deepEqual(all.map((e) => e.installName).sort(), installs.map((i) => i.name).sort());
    assert.equal(await countOf(ctx.emu, "GET /accounts/{account_id}/usage"), 1);
  });

  it("follows next_page_token as the offset of the next request", async () => {
    const page = (token: string | null, name: string) => ({
      environment_metrics: [{ environment_name: name, metrics: [{ date: "2026-11-01", visit_count: 5 }] }],
      ...(token ? { next_page_token: token } : {}),
    });
    const path = `/v1/accounts/${MAIN}/usage`;
    await fault(ctx.emu, { method: "GET", path, status: 200, body: page("p2", "one"), count: 1 });
    await fault(ctx.emu, { method: "GET", path, status: 200, body: page(null, "two"), count: 1 });
    const all = await collect(clientFor(ctx.emu).listAccountUsage(MAIN));
    assert.deepEqual(
      all.map((e) => [e.installName, e.days[0]?.visitCount]),
      [
        ["one", 5],
        ["two", 5],
      ],
      "an int64 sent as a JSON number reads like one sent as a string",
    );
    const queries = (await requestLog(ctx.emu)).requests.map((r) => r.query);
    assert.deepEqual(queries, ["limit=1000", "limit=1000&offset=p2"]);
  });

  it("fails instead of looping when a next_page_token comes back again", async () => {
    const body = { environment_metrics: [], next_page_token: "same" };
    await fault(ctx.emu, { method: "GET", path: `/v1/accounts/${MAIN}/usage`, status: 200, body, count: 5 });
    const err = await caught(() => collect(clientFor(ctx.emu).listAccountUsage(MAIN)));
    assert.ok(err instanceof PaginationError, String(err));
    assert.match(String(err), /next_page_token "same" twice/);
    assert.equal(await totalRequests(ctx.emu), 2);
  });

  it("sums an account's visits over its installs and days in the summary, per environment type in the insights", async () => {
    const range = lastDays(4);
    const client = clientFor(ctx.emu);
    const summary = await client.getAccountUsageSummary(MAIN, range);
    const insights = await client.getAccountUsageInsights(MAIN, range);
    let expected = 0;
    let production = 0;
    for (const install of ctx.emu.store.listInstalls(MAIN)) {
      for (const d of (await client.getInstallUsage(install.id, range)).days) {
        expected += d.visitCount ?? 0;
        if (install.environment === "production") production += d.visitCount ?? 0;
      }
    }
    assert.equal(summary.visitCount?.sum, expected);
    assert.equal(summary.visitCount?.average, Math.floor(expected / 4));
    assert.equal(insights.visitCount?.total, expected);
    assert.equal(insights.visitCount?.environmentTypes?.production, production);
    if (minimal()) assert.equal(summary.storageFileBytes, null);
    else assert.equal(typeof summary.storageFileBytes?.latest?.value, "number");
  });

  for (const [what, range, parameter] of [
    ["only a first date", { firstDate: "2026-11-01" }, "lastDate"],
    ["only a last date", { lastDate: "2026-11-01" }, "firstDate"],
    ["a date that is not YYYY-MM-DD", { firstDate: "11/01/2026", lastDate: "2026-11-02" }, "firstDate"],
    ["a day that does not exist", { firstDate: "2026-11-01", lastDate: "2026-11-31" }, "lastDate"],
    ["a first date after the last", { firstDate: "2026-11-05", lastDate: "2026-11-01" }, "firstDate"],
  ] as const) {
    it(`refuses ${what} before sending anything, naming ${parameter}`, async () => {
      const client = clientFor(ctx.emu);
      for (const read of [
        () => client.getInstallUsage(TORQUEMAG, range),
        () => client.getAccountUsageSummary(MAIN, range),
        () => client.getAccountUsageInsights(MAIN, range),
        () => collect(client.listAccountUsage(MAIN, range)),
      ]) {
        const err = await caught(read);
        assert.ok(err instanceof InvalidArgumentError, String(err));
        assert.equal(err.parameter, parameter);
      }
      assert.equal(await totalRequests(ctx.emu), 0);
    });
  }

  it("passes WP Engine's refusal of a range older than 13 months on as a bad request", async () => {
    const err = await caught(() =>
      clientFor(ctx.emu).getInstallUsage(TORQUEMAG, { firstDate: "2020-01-01", lastDate: "2020-01-02" }),
    );
    assert.ok(err instanceof BadRequestError, String(err));
    // The minimal profile answers error bodies without WP Engine's wording.
    if (!minimal()) assert.match(String(err), /13 months/);
  });

  it("lists an install's certificates once one was ordered, with status and common name", async () => {
    const client = clientFor(ctx.emu);
    await client.orderCertificate(TORQUEMAG, SEED_IDS.torquemagDomainId, ORDER);
    const certificates = await client.listInstallCertificates(TORQUEMAG);
    assert.equal(certificates.length, 1);
    assert.equal(certificates[0]?.status, "SUBMITTED");
    assert.equal(
      certificates[0]?.commonName,
      ctx.emu.store.domain(TORQUEMAG, SEED_IDS.torquemagDomainId).name,
    );
    assert.ok(!("authFile" in (certificates[0] ?? {})), "the validation file is left out");
  });

  it("reads the 404 of an install without certificates as an empty list, checking the install once", async () => {
    assert.deepEqual(await clientFor(ctx.emu).listInstallCertificates(TORQUEMAG), []);
    assert.equal(await countOf(ctx.emu, "GET /installs/{install_id}/ssl_certificates"), 1);
    assert.equal(await countOf(ctx.emu, "GET /installs/{install_id}"), 1);
  });

  it("keeps the 404 of an unknown install an error", async () => {
    const err = await caught(() => clientFor(ctx.emu).listInstallCertificates(UNKNOWN));
    assert.ok(err instanceof NotFoundError, String(err));
  });

  it("refuses ids that are not UUIDs before sending anything", async () => {
    const client = clientFor(ctx.emu);
    for (const read of [
      () => client.getInstallUsage("../installs"),
      () => client.getAccountUsageSummary("acme"),
      () => client.listInstallCertificates("x/y"),
      () => collect(client.listAccountUsage("acme")),
    ]) {
      assert.ok((await caught(read)) instanceof InvalidArgumentError);
    }
    assert.equal(await totalRequests(ctx.emu), 0);
  });
});
