/**
 * `wpengine-import`'s reading side at agency scale, against the emulator over HTTP: every account's
 * sites, installs, domains and users come from paged list calls (one domain list per install, the
 * API having no account-wide one), never a GET per object, and the program is written for all.
 */
import assert from "node:assert/strict";
import { type RunningEmulator, SEED_COUNTS, startEmulator } from "../../emulator";
import { WpEngineClient } from "../../provider/client/client";
import { collectEstate, IMPORT_KINDS } from "../../sdk/importer/estate";
import { renderProgram } from "../../sdk/importer/program";

const LIST_ROUTES = new Set([
  "GET /accounts",
  "GET /sites",
  "GET /installs",
  "GET /installs/{install_id}/domains",
  "GET /accounts/{account_id}/account_users",
  "GET /ssh_keys",
]);

describe("wpengine-import: reading an agency's estate", function () {
  this.timeout(60_000);
  let emu: RunningEmulator;
  before(async () => {
    emu = await startEmulator({ port: 0, quiet: true });
  });
  after(async () => emu?.close());

  it("reads 225 installs and 600 domains with list calls only, and declares every one", async () => {
    // The seed's first installs are those of the accounts the credentials see.
    const visible = emu.store.listInstalls().slice(0, SEED_COUNTS.visibleInstalls);
    // 600 portal-made domains spread over the visible installs.
    for (let n = 0; n < 600; n++) {
      const install = visible[n % visible.length];
      assert.ok(install);
      emu.store.createDomain(install.id, { name: `d${n}.agency.example`, primary: false, redirect_to: null });
    }
    await fetch(`${emu.controlUrl}/requests`, { method: "DELETE" });
    const client = new WpEngineClient({
      apiUrl: emu.baseUrl,
      apiUserId: emu.apiUserId,
      apiPassword: emu.apiPassword,
    });
    const lines: string[] = [];
    const all = new Set(IMPORT_KINDS);
    const estate = await collectEstate(client, { accountIds: [], only: all, progress: (l) => lines.push(l) });
    const counts = (
      (await (await fetch(`${emu.controlUrl}/requests`)).json()) as { counts: Record<string, number> }
    ).counts;
    assert.deepEqual(
      Object.keys(counts).filter((r) => !LIST_ROUTES.has(r)),
      [],
      `list calls only: ${JSON.stringify(counts)}`,
    );
    const installCount = estate.accounts.reduce((n, a) => n + a.installs.length, 0);
    assert.equal(installCount, SEED_COUNTS.visibleInstalls);
    assert.equal(counts["GET /installs/{install_id}/domains"], installCount, "one domain list per install");
    const domainCount = estate.accounts.reduce((n, a) => n + [...a.domains.values()].flat().length, 0);
    assert.ok(domainCount >= 600, `${domainCount} domains read`);
    assert.equal(lines.length, estate.accounts.length, "one progress line per account");
    const program = renderProgram(estate, all);
    assert.equal(program.match(/new wpe\.Install\(/g)?.length, installCount);
    assert.equal(program.match(/new wpe\.Domain\(/g)?.length, domainCount);
  });
});
