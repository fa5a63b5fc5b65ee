/**
 * Guarantee: personal data stays out of plain text. Phone numbers of managed users are secret outputs
 * (encrypted in the state, `[secret]` in `pulumi stack output`), also after a refresh; an AccountTeam
 * keeps only what the report needs about the account's other users (no names, no phones).
 */
import assert from "node:assert/strict";
import { defaultSeed, SEED_IDS, SEED_OWNER_EMAIL } from "../../../emulator";
import { Scenario } from "../../chaos/support";
import { Agreement, adoptSeeded, guaranteesProgram } from "./agreement";

const A = SEED_IDS.mainAccountId;
const B = SEED_IDS.secondAccountId;

function seedWithPhones() {
  const seed = defaultSeed();
  const phones: Record<string, string> = {
    "frank.full@example.com": "+1 512 555 0111",
    "bill.billing@example.com": "+44 20 7946 0958",
    "fiona.full@example.com": "+49 30 901820",
  };
  for (const u of seed.accountUsers) if (phones[u.email]) u.phone = phones[u.email] ?? null;
  return seed;
}

describe("guarantee: no phone number in plain text in the state or any output", function () {
  this.timeout(900_000);
  let sc: Scenario | undefined;
  after(async () => sc?.dispose());

  it("keeps the phones of managed and unmanaged users out of state, exports, outputs and CLI output", async () => {
    sc = await Scenario.open("personal data", {
      program: guaranteesProgram(),
      emulator: { seed: seedWithPhones() },
    });
    const s = sc.s;
    const agreement = new Agreement(sc, [A, B]);
    await sc.declare({
      users: [adoptSeeded("olivia", SEED_OWNER_EMAIL), adoptSeeded("frank", "frank.full@example.com")],
    });
    await s.setTestConfig("teams", [
      {
        name: "globex",
        args: {
          accountId: B,
          members: [
            { email: "sam.second@example.com", firstName: "Sam", lastName: "Second", roles: "owner" },
          ],
        },
      },
    ]);
    await s.up();
    await s.refresh();
    const shown = await sc.cli(["stack", "output", "users", "--json"]);
    const users = JSON.parse(shown.stdout) as Record<string, Record<string, unknown>>;
    assert.equal(users.olivia?.phone, "[secret]", "the phone is a secret output");
    assert.equal(users.frank?.email, "frank.full@example.com", "identity stays readable");
    const revealed = await sc.cli(["stack", "output", "users", "--json", "--show-secrets"]);
    assert.match(revealed.stdout, /\+1 512 555 0111/, "the phone is kept, encrypted");
    const exported = await sc.cli(["stack", "export"]);
    assert.doesNotMatch(exported.stdout, /"firstName":\s*"(Bill|Fiona)"/, "no names of unmanaged users");
    await agreement.check();
  });
});
