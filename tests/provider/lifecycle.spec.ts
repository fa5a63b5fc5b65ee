import assert from "node:assert/strict";
import { z } from "zod";
import { LifecycleProvider } from "../../provider/resources/lifecycle";

/** A kind with one in-place input and one replacing input, over a map standing in for the API. */
function kind(api: Map<string, Record<string, unknown>>, opts: { update?: boolean } = {}) {
  let next = 0;
  return new LifecycleProvider({
    type: "Thing",
    schema: z.object({ owner: z.string().min(1, { error: "owner must not be empty" }), label: z.string() }),
    inPlace: ["label"],
    subject: (props, id) => `thing ${String(props.label)}${id ? ` (${id})` : ""}`,
    create: async (inputs) => {
      const id = `t${++next}`;
      api.set(id, { ...inputs });
      return { id, outs: { ...inputs, thingId: id, extra: undefined } };
    },
    read: async (id, props) => {
      const found = api.get(id);
      return found && { ...props, ...found };
    },
    ...(opts.update === false
      ? {}
      : {
          update: async (id: string, _olds: Record<string, unknown>, inputs: { label: string }) => {
            const found = api.get(id);
            if (!found) throw new Error("gone");
            found.label = inputs.label;
            return { ...found, thingId: id };
          },
        }),
    delete: async (id) => {
      if (id === "stuck") throw new Error("refused by the API");
      api.delete(id);
    },
  });
}

describe("provider: the shared lifecycle of plain resource kinds", () => {
  it("fails check per property, and passes normalised inputs with the provider kept", async () => {
    const p = kind(new Map());
    const bad = await p.check({}, { owner: "", label: "x" });
    assert.deepEqual(bad.failures, [{ property: "owner", reason: "owner must not be empty" }]);
    const ok = await p.check({}, { owner: "o", label: "x", __provider: "shim" });
    assert.deepEqual(ok.inputs, { owner: "o", label: "x", __provider: "shim" });
  });

  it("changes in-place inputs in place and replaces for the others; nothing else is a change", async () => {
    const p = kind(new Map());
    const olds = { owner: "o", label: "x", thingId: "t1", __provider: "old shim" };
    assert.deepEqual(await p.diff("t1", olds, { owner: "o", label: "y" }), {
      changes: true,
      replaces: [],
      stables: ["owner"],
      deleteBeforeReplace: false,
    });
    assert.deepEqual((await p.diff("t1", olds, { owner: "p", label: "x" })).replaces, ["owner"]);
    assert.equal((await p.diff("t1", olds, { owner: "o", label: "x" })).changes, false);
  });

  it("leaves an in-place input the program does not declare unmanaged", async () => {
    const p = kind(new Map());
    const d = await p.diff("t1", { owner: "o", label: "set in the portal" }, { owner: "o" });
    assert.equal(d.changes, false);
  });

  it("sends nothing on an update with no in-place change (only the shim moved on)", async () => {
    const p = kind(new Map());
    // The kind's update would throw for an unknown id: it must not be called at all.
    const res = await p.update(
      "missing",
      { owner: "o", label: "x", thingId: "t9" },
      { owner: "o", label: "x" },
    );
    assert.deepEqual(res.outs, { owner: "o", label: "x", thingId: "t9" });
  });

  it("replaces for every change when the kind cannot update", async () => {
    const p = kind(new Map(), { update: false });
    const d = await p.diff("t1", { owner: "o", label: "x" }, { owner: "o", label: "y" });
    assert.deepEqual(d.replaces, ["label"]);
  });

  it("drops undefined outputs, reads drift back as inputs, and blanks the id only when gone", async () => {
    const api = new Map<string, Record<string, unknown>>();
    const p = kind(api);
    const { id, outs } = await p.create({ owner: "o", label: "x" });
    assert.equal("extra" in outs, false);
    (api.get(id) as Record<string, unknown>).label = "changed in the portal";
    const read = await p.read(id, { ...outs, __provider: "shim" });
    assert.deepEqual(read.inputs, { owner: "o", label: "changed in the portal" });
    assert.equal("__provider" in (read.props ?? {}), false);
    api.delete(id);
    assert.equal((await p.read(id, outs)).id, "");
  });

  it("names the kind, the operation and the object when the API refuses", async () => {
    const p = kind(new Map());
    await assert.rejects(
      p.delete("stuck", { label: "x" }),
      /wpengine:Thing delete of thing x \(stuck\) failed: refused by the API/,
    );
    await assert.rejects(
      p.update("nope", { label: "x" }, { owner: "o", label: "y" }),
      /wpengine:Thing update of thing x \(nope\) failed: gone/,
    );
  });
});
