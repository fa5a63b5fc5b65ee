import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { defaultSeed } from "../../emulator";
import { parseCli } from "../../emulator/cli";
import { basic, obj } from "./client";

const CLI = path.resolve(__dirname, "../../emulator/cli.js");

interface Started {
  child: ChildProcess;
  lines: string[];
}

/** Spawns the CLI and resolves once it printed two lines (listening + credentials). */
function spawnCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Started> {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`CLI did not start: ${lines.join("\n")}`)), 10_000);
    createInterface({ input: child.stdout! }).on("line", (line) => {
      lines.push(line);
      if (lines.length === 2) {
        clearTimeout(timer);
        resolve({ child, lines });
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`CLI exited early with ${code}`));
    });
  });
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve({ code: child.exitCode, signal: null });
    else child.once("exit", (code, signal) => resolve({ code, signal }));
  });
}

describe("emulator CLI", () => {
  it("prints the listening line first, serves the API, and stops cleanly on SIGTERM", async () => {
    const { child, lines } = await spawnCli(["--port", "0"], {
      WPENGINE_EMULATOR_API_USER_ID: "cli-user",
      WPENGINE_EMULATOR_API_PASSWORD: "cli-pass",
    });
    try {
      const match = /^WP Engine API emulator listening on (http:\/\/127\.0\.0\.1:\d+\/v1)$/.exec(
        lines[0] ?? "",
      );
      assert.ok(match, lines[0]);
      const baseUrl = match[1]!;
      assert.match(lines[1] ?? "", /cli-user/);
      assert.match(lines[1] ?? "", /cli-pass/);
      assert.equal((await fetch(`${baseUrl}/status`)).status, 200);
      const user = await fetch(`${baseUrl}/user`, {
        headers: { authorization: basic("cli-user", "cli-pass") },
      });
      assert.equal(user.status, 200);
      assert.equal(obj(await user.json()).email, "owner@example.com");
    } finally {
      child.kill("SIGTERM");
    }
    assert.deepEqual(await exitOf(child), { code: 0, signal: null });
  });

  it("prefers flags over environment variables and loads --seed FILE", async () => {
    const seed = defaultSeed();
    seed.accounts[0] = { ...seed.accounts[0]!, nickname: "Seeded From File" };
    const dir = mkdtempSync(path.join(tmpdir(), "wpe-emulator-"));
    const file = path.join(dir, "seed.json");
    writeFileSync(file, JSON.stringify(seed));
    const { child, lines } = await spawnCli(
      ["--port", "0", "--seed", file, "--api-user-id", "flag-user", "--api-password", "flag-pass"],
      { WPENGINE_EMULATOR_API_USER_ID: "env-user" },
    );
    try {
      const baseUrl = (lines[0] ?? "").split(" ").pop()!;
      const res = await fetch(`${baseUrl}/accounts/${seed.accounts[0]!.id}`, {
        headers: { authorization: basic("flag-user", "flag-pass") },
      });
      assert.equal(res.status, 200);
      assert.equal(obj(await res.json()).nickname, "Seeded From File");
    } finally {
      child.kill("SIGINT");
    }
    assert.equal((await exitOf(child)).code, 0);
  });

  it("prints usage for --help and exits 0", async () => {
    const child = spawn(process.execPath, [CLI, "--help"], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (c) => {
      out += c.toString();
    });
    assert.equal((await exitOf(child)).code, 0);
    assert.match(out, /Usage: wpengine-emulator/);
  });

  it("parses options with environment fallbacks and refuses bad values", () => {
    const parsed = parseCli(["--port", "8080", "--latency", "25"], { WPENGINE_EMULATOR_API_PASSWORD: "pw" });
    assert.equal(parsed.port, 8080);
    assert.equal(parsed.latencyMs, 25);
    assert.equal(parsed.apiPassword, "pw");
    assert.equal(parsed.apiUserId, undefined);
    assert.throws(() => parseCli(["--port", "70000"], {}));
    assert.throws(() => parseCli(["--latency", "-1"], {}));
    assert.throws(() => parseCli(["--bogus"], {}));
  });

  it("exits with status 2 on a bad option", async () => {
    const child = spawn(process.execPath, [CLI, "--port", "nope"], { stdio: "ignore" });
    assert.equal((await exitOf(child)).code, 2);
  });
});
