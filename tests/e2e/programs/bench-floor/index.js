// The benchmark's floor: what Pulumi itself costs for the bench program's N account users. The same
// resources (type token wpengine:AccountUser, same names, same inputs, same `bench:*` config) through
// a dynamic provider that does no I/O at all: create returns at once, read returns what the state
// holds, delete does nothing. `npm run bench` runs it beside the real program, step for step, and
// reports ours / floor: what pulumi-wpengine adds on top of the engine, the program and the
// dynamic-provider process.
const pulumi = require("@pulumi/pulumi");

// A plain object without captured variables, so its serialized closure is small, like our shim.
const noIo = {
  async check(_olds, news) {
    return { inputs: news };
  },
  async diff(_id, olds, news) {
    const replaces = ["accountId", "email", "firstName", "lastName"].filter((k) => olds[k] !== news[k]);
    const changes = replaces.length > 0 || olds.roles !== news.roles;
    return { changes, replaces, deleteBeforeReplace: replaces.length > 0 };
  },
  async create(inputs) {
    return { id: `floor-${inputs.email}`, outs: inputs };
  },
  async read(id, props) {
    return { id, props };
  },
  async update(_id, _olds, news) {
    return { outs: news };
  },
  async delete() {},
};

class FloorUser extends pulumi.dynamic.Resource {
  constructor(name, args, opts) {
    super(noIo, name, args, { deleteBeforeReplace: true, ...opts }, "wpengine", "AccountUser");
  }
}

const cfg = new pulumi.Config("bench");
const count = cfg.getNumber("users") || 0;
const accountIds = cfg.requireObject("accountIds");
const changed = cfg.getNumber("changed") || 0;

for (let i = 0; i < count; i++) {
  const n = String(i).padStart(3, "0");
  new FloorUser(`user-${n}`, {
    accountId: accountIds[i % accountIds.length],
    email: `bench.user.${n}@example.com`,
    firstName: "Bench",
    lastName: `User ${n}`,
    roles: i < changed ? "full,billing" : "full",
  });
}

module.exports = { users: count, installIds: [] };
