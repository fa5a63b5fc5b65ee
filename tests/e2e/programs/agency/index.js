// Agency-scale benchmark program (issue 14): N users over several client accounts, declared the way an
// agency keeps many accounts in one stack: one AccountTeam per account. Same `bench:*` config and the
// same rule as the bench program, so the benchmark's baseline script sends exactly these users:
//   bench:users        N, the number of users (bench.user.000 ... )
//   bench:accountIds   the client accounts; user i belongs to account i % length
//   bench:changed      the first `changed` users get role "full,billing" instead of "full"
// Each team reads its account once per run (the AccountTeam's authoritative read, which reports
// users that are not declared); the benchmark reports those program-time requests separately.
const pulumi = require("@pulumi/pulumi");
const wpe = require("pulumi-wpengine");

const cfg = new pulumi.Config("bench");
const count = cfg.getNumber("users") || 0;
const accountIds = cfg.requireObject("accountIds");
const changed = cfg.getNumber("changed") || 0;

const members = accountIds.map(() => []);
for (let i = 0; i < count; i++) {
  const n = String(i).padStart(3, "0");
  members[i % accountIds.length].push({
    email: `bench.user.${n}@example.com`,
    firstName: "Bench",
    lastName: `User ${n}`,
    roles: i < changed ? "full,billing" : "full",
  });
}

accountIds.forEach((accountId, a) => {
  if (members[a].length === 0) return;
  new wpe.AccountTeam(`team-${String(a).padStart(2, "0")}`, { accountId, members: members[a] });
});

module.exports = { users: count, teams: members.filter((m) => m.length > 0).length };
