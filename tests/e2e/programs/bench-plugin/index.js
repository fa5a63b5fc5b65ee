// The benchmark's plugin column: tests/e2e/programs/bench's users, served by pulumi-resource-wpengine
// instead of the dynamic provider. A CustomResource of the plugin's type token is what a generated
// SDK's class is (no Node SDK is generated: the Node language host here cannot generate one), so the
// engine, the program and the provider do the work a plugin user's program does.
const pulumi = require("@pulumi/pulumi");

class AccountUser extends pulumi.CustomResource {
  constructor(name, args, opts) {
    super("wpengine:index:AccountUser", name, args, opts);
  }
}

const cfg = new pulumi.Config("bench");
const count = cfg.getNumber("users") || 0;
const accountIds = cfg.requireObject("accountIds");
const changed = cfg.getNumber("changed") || 0;

for (let i = 0; i < count; i++) {
  const n = String(i).padStart(3, "0");
  new AccountUser(`user-${n}`, {
    accountId: accountIds[i % accountIds.length],
    email: `bench.user.${n}@example.com`,
    firstName: "Bench",
    lastName: `User ${n}`,
    roles: i < changed ? "full,billing" : "full",
  });
}

module.exports = { users: count, installIds: [] };
