/**
 * Deletion protection through the real Pulumi CLI: a site and an install are protected unless the
 * program says `deletionProtection: false`, so a rename, an account move, a removal from the program
 * and `pulumi destroy` each fail at preview with zero writes, naming the website and the fix; turning
 * protection off is an in-place change with zero requests, after which the same plans proceed. Each
 * test starts from the seeded account (portal-made sites and installs) and ends with the state and
 * WP Engine compared object by object.
 */
import assert from "node:assert/strict";
import { SEED_IDS } from "../../../emulator";
import { type E2EStack, estateStacks, resourcesOf, writeRoutes } from "../harness";

const MAIN = SEED_IDS.mainAccountId;

const writes = writeRoutes;

describe("deletion protection of sites and installs (real CLI)", function () {
  this.timeout(900_000);
  const stacks = estateStacks();
  const open = stacks.open;

  /** Declares the site "PR 7" and the install `name` in it, optionally with protection off. */
  async function declare(
    st: E2EStack,
    install: { name: string; accountId?: string; environment?: string; off?: boolean } | undefined,
    siteOff = false,
  ): Promise<void> {
    const off = (flag: boolean | undefined) => (flag ? { deletionProtection: false } : {});
    await st.setTestConfig("sites", [
      { name: "pr", args: { accountId: MAIN, name: "PR 7", ...off(siteOff) } },
    ]);
    await st.setTestConfig(
      "installs",
      install
        ? [
            {
              name: "web",
              siteRef: "pr",
              args: {
                accountId: install.accountId ?? MAIN,
                name: install.name,
                environment: install.environment ?? "development",
                ...off(install.off),
              },
            },
          ]
        : [],
    );
  }

  it("refuses a rename, an account move, a removal and a destroy of a protected install at preview with zero writes, then proceeds once protection is turned off with zero requests", async () => {
    const st = await open();
    await declare(st, { name: "torquepr7" });
    await st.up();
    const [install] = resourcesOf(await st.deployment(), "Install");
    const id = String(install?.id);
    assert.equal(install?.outputs?.deletionProtection, true, "protected by default");
    assert.equal(
      (install as { protect?: boolean } | undefined)?.protect,
      true,
      "the engine's protect is set",
    );

    // A rename would delete torquepr7.wpengine.com: refused at preview, naming the website and both fixes.
    await declare(st, { name: "torquepr7b" });
    await st.clearRequests();
    await assert.rejects(
      st.preview(),
      (err: Error) =>
        /torquepr7\.wpengine\.com/.test(err.message) &&
        /deletionProtection: false/.test(err.message) &&
        /keep the old value of name/.test(err.message),
    );
    await assert.rejects(st.up(), /deletionProtection/);
    assert.deepEqual(await writes(st), [], "no write for the rename");

    // A move to another account: the same refusal.
    await declare(st, { name: "torquepr7", accountId: SEED_IDS.secondAccountId });
    await assert.rejects(st.preview(), /torquepr7\.wpengine\.com.*deletionProtection: false/s);
    assert.deepEqual(await writes(st), [], "no write for the account move");

    // Removed from the program, and destroyed: the engine's protect refuses at preview.
    await declare(st, undefined);
    await assert.rejects(st.preview(), /protect/);
    await assert.rejects(st.up(), /protect/);
    await assert.rejects(st.destroy(), /protect/);
    assert.deepEqual(await writes(st), [], "no write for the removal or the destroy");
    assert.equal(st.emulator.store.install(id).name, "torquepr7", "the website is still there");
    assert.deepEqual(await stacks.disagreements(st), []);

    // Protection off: an in-place change that sends nothing to WP Engine.
    await declare(st, { name: "torquepr7", off: true }, true);
    await st.clearRequests();
    const off = await st.up();
    assert.equal(off.summary.resourceChanges?.update, 2, "site and install updated in the state only");
    assert.deepEqual(await st.requestCounts(), {}, "turning protection off makes no request");
    const [unprotected] = resourcesOf(await st.deployment(), "Install");
    assert.equal(unprotected?.outputs?.deletionProtection, false);
    assert.notEqual((unprotected as { protect?: boolean } | undefined)?.protect, true, "protect is lifted");
    await st.preview({ expectNoChanges: true });

    // Now the rename proceeds, create-first (the new website exists before the old one goes; a site
    // holds one install per environment, so the new one is staging), and destroy deletes both.
    await declare(st, { name: "torquepr7b", environment: "staging", off: true }, true);
    await st.clearRequests();
    await st.up();
    assert.deepEqual(await writes(st), ["POST /installs", "DELETE /installs/{install_id}"]);
    assert.deepEqual(await stacks.disagreements(st), []);
    await st.clearRequests();
    await st.destroy();
    assert.deepEqual(await writes(st), ["DELETE /installs/{install_id}", "DELETE /sites/{site_id}"]);
    assert.deepEqual(await stacks.disagreements(st), []);
  });

  it("refuses to destroy or move a protected site with zero writes, and deletes it once protection is off", async () => {
    const st = await open();
    await declare(st, undefined);
    await st.up();
    const [site] = resourcesOf(await st.deployment(), "Site");
    const id = String(site?.id);
    await st.setTestConfig("sites", [
      { name: "pr", args: { accountId: SEED_IDS.secondAccountId, name: "PR 7" } },
    ]);
    await st.clearRequests();
    await assert.rejects(st.preview(), /site "PR 7".*deletionProtection: false/s);
    await declare(st, undefined);
    await assert.rejects(st.destroy(), /protect/);
    assert.deepEqual(await writes(st), []);
    assert.equal(st.emulator.store.site(id).name, "PR 7");
    assert.deepEqual(await stacks.disagreements(st), []);

    await declare(st, undefined, true);
    await st.clearRequests();
    await st.up();
    assert.deepEqual(await st.requestCounts(), {}, "turning protection off makes no request");
    await st.destroy();
    assert.deepEqual(await writes(st), ["DELETE /sites/{site_id}"]);
    assert.deepEqual(await stacks.disagreements(st), []);
  });

  it("warns in the preview, naming the website, when an unprotected install would be replaced", async () => {
    const st = await open();
    await declare(st, { name: "torquepr7", off: true }, true);
    await st.up();
    await declare(st, { name: "torquepr7b", off: true }, true);
    const before = st.output.length;
    await st.clearRequests();
    await st.preview();
    const text = st.output.slice(before).join("");
    assert.match(text, /will be REPLACED.*the website torquepr7\.wpengine\.com and all its content/s);
    assert.deepEqual(await writes(st), [], "a preview writes nothing");
    await st.destroy();
    assert.deepEqual(await stacks.disagreements(st), []);
  });
});
