import assert from "node:assert/strict";
import { z } from "zod";
import { defined, runCheck } from "../../provider/resources/check";
import { UNKNOWN } from "../../provider/resources/unknown";

/** A small schema with a transform, a required field and an optional one, like the resources' schemas. */
const schema = z.object({
  name: z.string().trim().min(1, { error: "name must not be empty; set the member's name" }),
  size: z.number({ error: "size must be a number" }).int().positive(),
  tags: z
    .array(z.string())
    .transform((t) => [...new Set(t)].sort())
    .optional(),
});

describe("runCheck", () => {
  it("returns the normalised inputs and no failures for valid inputs", () => {
    const result = runCheck(schema, { name: "  web  ", size: 3, tags: ["b", "a", "b"] });
    assert.deepEqual(result.failures, []);
    assert.deepEqual(result.inputs, { name: "web", size: 3, tags: ["a", "b"] });
  });

  it("turns every issue into a failure on the top-level property, keeping the message as reason", () => {
    const result = runCheck(schema, { name: " ", size: "big", tags: ["ok", 5] });
    assert.deepEqual(result.failures.map((f) => f.property).sort(), ["name", "size", "tags"]);
    const byProperty = Object.fromEntries(result.failures.map((f) => [f.property, f.reason]));
    assert.equal(byProperty.name, "name must not be empty; set the member's name");
    assert.equal(byProperty.size, "size must be a number");
  });

  it("returns the inputs untouched when they fail, so the engine shows what was given", () => {
    const news = { name: "", size: 1 };
    const result = runCheck(schema, news);
    assert.equal(result.failures.length, 1);
    assert.deepEqual(result.inputs, news);
  });

  it("reports a missing required property by name", () => {
    const result = runCheck(schema, { name: "web" });
    assert.deepEqual(
      result.failures.map((f) => f.property),
      ["size"],
    );
  });

  it("leaves unknown properties out of validation and passes them through untouched", () => {
    const result = runCheck(schema, { name: UNKNOWN, size: 2 });
    assert.deepEqual(result.failures, []);
    assert.deepEqual(result.inputs, { name: UNKNOWN, size: 2 });
  });

  it("finds the unknown placeholder nested inside lists and maps", () => {
    const result = runCheck(schema, { name: "web", size: 2, tags: ["z", UNKNOWN] });
    assert.deepEqual(result.failures, []);
    assert.deepEqual(result.inputs.tags, ["z", UNKNOWN], "an unknown list is not normalised");
  });

  it("still demands absent required properties and checks the known ones when another is unknown", () => {
    assert.deepEqual(
      runCheck(schema, { name: UNKNOWN }).failures.map((f) => f.property),
      ["size"],
    );
    const bad = runCheck(schema, { name: UNKNOWN, size: -1 });
    assert.deepEqual(
      bad.failures.map((f) => f.property),
      ["size"],
    );
  });

  it("works with schemas that carry cross-field refinements when a value is unknown", () => {
    // The AccountUser schema has such a refinement (installIds only with partial roles).
    const refined = schema.superRefine((v, ctx) => {
      if (v.tags?.length && v.size === 1)
        ctx.addIssue({ code: "custom", path: ["tags"], message: "no tags at size 1" });
    });
    assert.deepEqual(runCheck(refined, { name: "web", size: 1, tags: ["a"] }).failures, [
      { property: "tags", reason: "no tags at size 1" },
    ]);
    const withUnknown = runCheck(refined, { name: UNKNOWN, size: 2 });
    assert.deepEqual(withUnknown.failures, []);
    assert.equal(withUnknown.inputs.name, UNKNOWN);
  });

  it("keeps the serialized provider beside the inputs, though the schema does not declare it", () => {
    const result = runCheck(schema, { name: "web", size: 1, __provider: "exports.handler = 1" });
    assert.equal(result.inputs.__provider, "exports.handler = 1");
    const withUnknown = runCheck(schema, { name: UNKNOWN, size: 1, __provider: "exports.handler = 1" });
    assert.equal(withUnknown.inputs.__provider, "exports.handler = 1");
  });

  it("drops undeclared properties other than the provider", () => {
    const result = runCheck(schema, { name: "web", size: 1, extra: true });
    assert.equal("extra" in result.inputs, false);
  });
});

describe("defined", () => {
  it("removes undefined values, which the engine rejects, and keeps null, false, 0 and empty strings", () => {
    assert.deepEqual(defined({ a: undefined, b: null, c: false, d: 0, e: "", f: [] }), {
      b: null,
      c: false,
      d: 0,
      e: "",
      f: [],
    });
  });
});
