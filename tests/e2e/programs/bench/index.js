// Benchmark and request-count program: N account users generated from stack config, so a stack of any
// size is described by a few numbers instead of a user list.
//   bench:users        N, the number of AccountUsers (user-000 ... user-N-1)
//   bench:accountIds   accounts to spread the users over, round robin (user i goes to i % length)
//   bench:changed      the first `changed` users get role "full,billing" instead of "full"
//   bench:installNames install names to resolve with getInstall({name}) (exported as installIds)
// Only the count and the looked-up ids are exported: outputs per user would grow the state the
// benchmark measures.
const pulumi = require("@pulumi/pulumi");
const wpe = require("pulumi-wpengine");

const cfg = new pulumi.Config("bench");
const count = cfg.getNumber("users") || 0;
const accountIds = cfg.requireObject("accountIds");
const changed = cfg.getNumber("changed") || 0;
const installNames = cfg.getObject("installNames") || [];

for (let i = 0; i < count; i++) {
  const n = String(i).padStart(3, "0");
  new wpe.AccountUser(`user-${n}`, {
    accountId: accountIds[i % accountIds.length],
    email: `bench.user.${n}@example.com`,
    firstName: "Bench",
    lastName: `User ${n}`,
    roles: i < changed ? "full,billing" : "full",
  });
}

module.exports = {
  users: count,
  installIds: installNames.map((name) => wpe.getInstallOutput({ name }).id),
};
