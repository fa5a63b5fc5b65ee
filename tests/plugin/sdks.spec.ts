/**
 * The generated SDKs (sdks/go, sdks/python) are what scripts/sdkgen writes from schema.json: a
 * stale SDK fails here as a stale schema fails tests/plugin/schema.spec.ts. The generator is a Go
 * program over Pulumi's own code generators (the Go module proxy serves them; no language host can).
 */
import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { appendFileSync, cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "../e2e/harness";

const run = promisify(execFile);

describe("the generated Go and Python SDKs", function () {
  // A cold Go cache compiles Pulumi's codegen packages first (about 2 minutes on 2 cores).
  this.timeout(600_000);
  const scratch = mkdtempSync(join(tmpdir(), "pulumi-wpengine-sdkgen-"));
  const sdkgen = join(scratch, "sdkgen");
  const check = (out: string) =>
    run(sdkgen, ["-check", "-schema", join(repoRoot, "schema.json"), "-out", out], { encoding: "utf8" });

  before(() => {
    execFileSync("go", ["build", "-o", sdkgen, "."], {
      cwd: join(repoRoot, "scripts/sdkgen"),
      env: { ...process.env, GOFLAGS: "-mod=mod" },
      stdio: ["ignore", "ignore", "inherit"],
    });
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it("are current: sdkgen -check finds nothing to change in sdks/", async () => {
    await check(join(repoRoot, "sdks"));
  });

  it("fails the check when a generated file was edited, naming it and the fix", async () => {
    const copy = join(scratch, "sdks");
    cpSync(join(repoRoot, "sdks"), copy, { recursive: true });
    appendFileSync(join(copy, "go/wpengine/install.go"), "\n// edited by hand\n");
    await assert.rejects(check(copy), (err: Error & { stderr?: string }) => {
      assert.match(String(err.stderr), /stale \(run `npm run sdks`\)/);
      assert.match(String(err.stderr), /go\/wpengine\/install\.go/);
      return true;
    });
  });

  it("ship a Go package for every resource kind and function of the schema", () => {
    const files = readdirSync(join(repoRoot, "sdks/go/wpengine"));
    for (const kind of ["accountUser", "backup", "site", "install", "domain", "sshKey", "domainCertificate"])
      assert.ok(files.includes(`${kind}.go`), kind);
    for (const fn of ["getSite", "getSites", "getInstall", "getInstalls", "getDomains", "getSshKeys"])
      assert.ok(files.includes(`${fn}.go`), fn);
  });

  it("ship a Python package whose every module parses", () => {
    const dir = join(repoRoot, "sdks/python/pulumi_wpengine");
    const modules = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".py"));
    assert.ok(modules.includes("install.py") && modules.includes("account_user.py"), modules.join(", "));
    // PyPI cannot be reached here, so the SDK cannot be imported (no `pulumi` package): parse it.
    execFileSync(
      "python3",
      [
        "-c",
        "import ast, sys\nfor f in sys.argv[1:]: ast.parse(open(f).read(), f)",
        ...modules.map((m) => join(dir, m)),
      ],
      { stdio: ["ignore", "ignore", "inherit"] },
    );
  });
});
