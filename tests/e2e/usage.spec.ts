/**
 * The read-only lookups (usage, account limits, certificates) through the real Pulumi CLI: a program
 * exports them, they wait for an install id that is unknown at preview without sending anything, they
 * read what the emulator measured, and a bad range fails at preview naming the argument, with zero
 * requests. Each test opens its own stack and emulator.
 */
import assert from "node:assert/strict";
import { SEED_IDS } from "../../emulator";
import { dailyFigures } from "../../emulator/usage";
import { type E2EStack, occurrences, openStack, secretForms } from "./harness";

const MAIN = SEED_IDS.mainAccountId;

/** The last `n` days up to today (UTC). */
function lastDays(n: number): { firstDate: string; lastDate: string; days: string[] } {
  const days = Array.from({ length: n }, (_, i) =>
    new Date(Date.now() - (n - 1 - i) * 86_400_000).toISOString().slice(0, 10),
  );
  return { firstDate: days[0] ?? "", lastDate: days[n - 1] ?? "", days };
}

interface Reads {
  install: { installName: string; days: { date: string; visitCount: number }[] };
  account: { installName: string }[];
  summary: { visitCount: { sum: number } };
  insights: { visitCount: { total: number } };
  limits: { visitors: number | null };
  certificates: unknown[];
}

describe("usage lookups through the real Pulumi CLI", function () {
  this.timeout(900_000);
  let s: E2EStack | undefined;

  afterEach(async () => {
    await s?.dispose();
    s = undefined;
  });

  it("reads a new install's usage once its id is known, sending nothing at preview, and exports the account's figures", async () => {
    s = await openStack({ program: "estate" });
    const range = lastDays(3);
    await s.setTestConfig("sites", [
      { name: "pr", args: { accountId: MAIN, name: "PR 7", deletionProtection: false } },
    ]);
    await s.setTestConfig("installs", [
      {
        name: "web",
        siteRef: "pr",
        args: { accountId: MAIN, name: "torquepr7", environment: "development", deletionProtection: false },
      },
    ]);
    await s.setTestConfig("usage", {
      accountId: MAIN,
      installRef: "web",
      firstDate: range.firstDate,
      lastDate: range.lastDate,
    });
    await s.clearRequests();
    await s.preview();
    // The account lookups have known arguments and run at preview; the install's wait for its id.
    const atPreview = await s.requestCounts();
    assert.equal(atPreview["GET /installs/{install_id}/usage"] ?? 0, 0, JSON.stringify(atPreview));
    assert.equal(atPreview["GET /installs/{install_id}/ssl_certificates"] ?? 0, 0, JSON.stringify(atPreview));
    assert.equal(atPreview["POST /installs"] ?? 0, 0);

    // The account lookups have known arguments, so they read the account before the install exists.
    const installs = s.emulator.store.listInstalls(MAIN);
    await s.clearRequests();
    await s.up();
    const reads = (await s.stack.outputs()).reads?.value as Reads;
    const install = s.emulator.store.listInstalls(MAIN).find((i) => i.name === "torquepr7");
    assert.ok(install, "the install was created");
    assert.equal(reads.install.installName, "torquepr7");
    assert.deepEqual(
      reads.install.days.map((d) => [d.date, d.visitCount]),
      range.days.map((d) => [d, dailyFigures(install.id, d).visit_count]),
    );
    assert.deepEqual(reads.account.map((e) => e.installName).sort(), installs.map((i) => i.name).sort());
    let visits = 0;
    for (const i of installs) for (const d of range.days) visits += dailyFigures(i.id, d).visit_count;
    assert.equal(reads.summary.visitCount.sum, visits);
    assert.equal(reads.insights.visitCount.total, visits);
    assert.equal(reads.limits.visitors, 25000);
    assert.deepEqual(reads.certificates, [], "a new install has no certificates");
    assert.deepEqual(await s.requestCounts(), {
      // Each create first looks whether the name is taken (and pages once more to be sure).
      "GET /sites": 2,
      "POST /sites": 1,
      "GET /installs": 2,
      "POST /installs": 1,
      "GET /installs/{install_id}/usage": 1,
      "GET /accounts/{account_id}/usage": 1,
      "GET /accounts/{account_id}/usage/summary": 1,
      "GET /accounts/{account_id}/usage/insights": 1,
      "GET /accounts/{account_id}/limits": 1,
      // "No SSL certs found" is a 404; one read of the install tells it from an unknown install.
      "GET /installs/{install_id}/ssl_certificates": 1,
      "GET /installs/{install_id}": 1,
    });
    const state = await s.stateText();
    for (const secret of secretForms(s.emulator)) {
      assert.equal(occurrences(state, secret), 0, "a credential is in the state");
      assert.equal(occurrences(s.output.join(""), secret), 0, "a credential is in the CLI output");
    }
    await s.destroy();
  });

  it("refuses a half or malformed range at preview, naming the argument, without sending any usage read", async () => {
    const st = await openStack({ program: "estate" });
    s = st;
    for (const [range, reason] of [
      [{ firstDate: "2026-11-01" }, /lastDate is missing/],
      [{ firstDate: "2026-11-01", lastDate: "1 Dec 2026" }, /lastDate must be a calendar date as YYYY-MM-DD/],
    ] as const) {
      await st.setTestConfig("usage", { accountId: MAIN, installId: SEED_IDS.torquemagInstallId, ...range });
      await st.clearRequests();
      await assert.rejects(st.preview(), reason);
      // The lookups without a range (limits, certificates) still run; no usage read is sent.
      const usageReads = Object.keys(await st.requestCounts()).filter((route) => route.includes("/usage"));
      assert.deepEqual(usageReads, []);
    }
  });
});
