/**
 * The quick start guide's requests sent with curl, as the guide writes them (method, path and JSON
 * body from the guide, base URL swapped for the emulator's), answering the statuses the contract
 * documents and the fields the guide shows. The requests come from the guide itself when it is
 * available, else from its committed facts (tests/contract/quickstart.facts.json).
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { obj, objs, useTestEmulator } from "../emulator/client";
import { quickStartFacts } from "../support/quickStart";
import { ContractValidator } from "../support/swagger";

describe("contract: the quick start's curl commands against the emulator", () => {
  const t = useTestEmulator();
  const guide = quickStartFacts();
  const contract = new ContractValidator();
  // Asynchronous: the emulator runs in this process and must keep serving while curl waits.
  const curl = async (...args: string[]) => {
    const { stdout: out } = await promisify(execFile)(
      "curl",
      ["-s", "-m", "20", "-w", "\n%{http_code}", ...args],
      {
        encoding: "utf8",
      },
    );
    const cut = out.lastIndexOf("\n");
    return { status: Number(out.slice(cut + 1)), body: JSON.parse(out.slice(0, cut)) as unknown };
  };
  const auth = () => `${t.emulator.apiUserId}:${t.emulator.apiPassword}`;

  /** The contract's path template for a concrete path, and the one success status it documents there. */
  function success(method: string, concrete: string): number {
    const op = contract
      .operations()
      .find(
        (o) => o.method === method && new RegExp(`^${o.path.replace(/\{[^}]+\}/g, "[^/]+")}$`).test(concrete),
      );
    assert.ok(op, `the contract has no ${method} ${concrete}`);
    const ok = op.statuses.filter((s) => s >= 200 && s < 300);
    assert.equal(ok.length, 1, `${method} ${op.path} documents one success status`);
    return ok[0] ?? 0;
  }

  it("answers each step with the documented status and the fields the guide shows", async () => {
    // The guide polls the backup it created; its example id stands for the one the server answers.
    const ids = new Map<string, string>();
    assert.equal(guide.steps.length, 6, "the guide's six requests");
    for (const step of guide.steps) {
      let path = step.path;
      for (const [example, real] of ids) path = path.replace(example, real);
      const body =
        step.body === undefined
          ? []
          : ["-H", "Content-Type: application/json", "-d", JSON.stringify(step.body)];
      const res = await curl("-X", step.method, `${t.emulator.baseUrl}${path}`, "-u", auth(), ...body);
      const what = `${step.method} ${step.path}`;
      assert.equal(res.status, success(step.method, path), what);
      const answer = obj(res.body);
      for (const key of Object.keys(step.response)) assert.ok(key in answer, `${what}: ${key}`);
      const exampleResults = step.response.results;
      if (Array.isArray(exampleResults)) {
        // A list: the guide's first item is in the answer, under the same id, with the same name.
        const shown = obj(objs(exampleResults)[0]);
        const found = objs(answer.results).find((r) => r.id === shown.id);
        assert.equal(found?.name, shown.name, `${what}: ${String(shown.id)}`);
      }
      if (step.method === "POST" && typeof step.response.id === "string") {
        ids.set(step.response.id, String(answer.id));
      }
      const shownUser = step.response.account_user;
      if (shownUser !== undefined) {
        for (const key of Object.keys(obj(shownUser)))
          assert.ok(key in obj(answer.account_user), `account_user.${key}`);
        assert.equal(obj(answer.account_user).roles, obj(shownUser).roles);
      }
    }
  });
});
