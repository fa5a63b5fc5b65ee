import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_VERSION, USER_AGENT } from "../../provider/client/version";

describe("version", () => {
  it("matches package.json, so the user-agent names the released version", () => {
    // From dist/tests/client up to the repository root.
    const pkg = JSON.parse(readFileSync(join(__dirname, "..", "..", "..", "package.json"), "utf8")) as {
      version: string;
    };
    assert.equal(PACKAGE_VERSION, pkg.version);
    assert.equal(USER_AGENT, `pulumi-wpengine/${pkg.version}`);
  });
});
