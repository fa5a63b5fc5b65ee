/**
 * Guarantee: renaming a resource never removes the person. With `adopt: true` a renamed AccountUser
 * is created by adopting the same user and the old resource only leaves the state (with a warning),
 * never sending a DELETE. Users move from plain AccountUsers into an AccountTeam without a single
 * write: with `aliases` nothing is even planned; without them the team adopts and the old resources
 * leave the state only.
 */
import assert from "node:assert/strict";
import { SEED_IDS } from "../../../emulator";
import { Scenario, type UserSpec } from "../../chaos/support";
import { resourcesOf } from "../harness";
import { Agreement, guaranteesProgram } from "./agreement";

const A = SEED_IDS.mainAccountId;
const TORQUE = SEED_IDS.torquemagInstallId;

const person = (name: string, email: string): UserSpec => ({
  name,
  args: {
    accountId: A,
    email,
    firstName: name,
    lastName: "Guarantee",
    roles: "partial",
    installIds: [TORQUE],
    adopt: true,
  },
});

describe("guarantee: renaming a resource or moving it into a team never removes the person", function () {
  this.timeout(900_000);
  let sc: Scenario | undefined;
  after(async () => sc?.dispose());

  it("keeps the user through a rename and a move into an AccountTeam, with and without aliases", async () => {
    sc = await Scenario.open("rename and move", { program: guaranteesProgram() });
    const agreement = new Agreement(sc, [A]);
    const s = sc.s;
    const writes = () => sc?.writes().map((r) => `${r.method} ${r.route}`) ?? [];
    const idOf = async (suffix: string) =>
      resourcesOf(await s.deployment(), "AccountUser").find((r) => r.urn.endsWith(`::${suffix}`))?.id;
    const exists = (id: unknown) => s.emulator.store.snapshot().accountUsers.some((u) => u.user_id === id);

    await sc.declare({
      users: [person("casey", "casey@guarantee.example.com"), person("dana", "dana@guarantee.example.com")],
    });
    await s.up();
    const casey = await idOf("casey");
    const dana = await idOf("dana");
    await s.clearRequests();

    // Rename "casey" to "casey-renamed": create (adopting) the new, then delete the old.
    await sc.declare({
      users: [
        person("casey-renamed", "casey@guarantee.example.com"),
        person("dana", "dana@guarantee.example.com"),
      ],
    });
    await s.up();
    assert.deepEqual(writes(), [], "no DELETE and no POST for a rename");
    assert.ok(exists(casey), "casey keeps access");
    assert.equal(await idOf("casey-renamed"), casey, "the renamed resource holds the same user");
    assert.match(s.output.join(""), /casey@guarantee\.example\.com removed from the Pulumi state only/);

    // Move both into an AccountTeam: casey with an alias (nothing planned), dana without (adopted).
    const member = (u: UserSpec, aliases?: unknown[]) => ({
      email: u.args.email,
      firstName: u.args.firstName,
      lastName: u.args.lastName,
      roles: u.args.roles,
      installIds: u.args.installIds,
      ...(aliases ? { aliases } : {}),
    });
    await sc.declare({ users: [] });
    await s.setTestConfig("teams", [
      {
        name: "team",
        args: {
          accountId: A,
          members: [
            member(person("casey", "casey@guarantee.example.com"), [
              { name: "casey-renamed", parent: "root" },
            ]),
            member(person("dana", "dana@guarantee.example.com")),
          ],
        },
      },
    ]);
    const preview = await s.preview();
    assert.equal(preview.changeSummary.delete ?? 0, 1, "only dana's old resource is planned to go");
    await s.up();
    assert.deepEqual(writes(), [], "moving users into a team writes nothing");
    assert.ok(exists(casey) && exists(dana), "both keep access");
    assert.equal(await idOf("team-casey@guarantee.example.com"), casey, "moved by alias");
    assert.equal(await idOf("team-dana@guarantee.example.com"), dana, "moved by adoption");
    await agreement.check();
  });
});
