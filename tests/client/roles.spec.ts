import assert from "node:assert/strict";
import {
  hasBilling,
  isPartial,
  isRole,
  parseRole,
  ROLE_VALUES,
  tryParseRole,
} from "../../provider/client/roles";

describe("roles", () => {
  it("parses each canonical role to itself", () => {
    for (const role of ROLE_VALUES) assert.equal(parseRole(role), role);
  });

  it("accepts any order, spacing and case of the parts and answers the API's write form", () => {
    const cases: [string, string][] = [
      ["billing, partial", "partial,billing"],
      ["Partial,Billing", "partial,billing"],
      [" full ", "full"],
      ["BILLING ,  FULL", "full,billing"],
      ["full,billing,full", "full,billing"],
      ["Owner", "owner"],
    ];
    for (const [text, expected] of cases) assert.equal(parseRole(text), expected, text);
  });

  it("folds billing into owner, because owners always have billing and the API only takes 'owner'", () => {
    assert.equal(parseRole("owner, billing"), "owner");
    assert.equal(parseRole("billing,owner"), "owner");
  });

  it("rejects empty, unknown and contradictory roles with a message listing the valid values", () => {
    for (const bad of ["", "  ", ",", "admin", "full,partial", "owner,full", "billing", "partial,admin"]) {
      assert.throws(
        () => parseRole(bad),
        (err: Error) =>
          err.message.includes(`"${bad}"`) &&
          err.message.includes("owner | full | full,billing | partial | partial,billing"),
        bad,
      );
      assert.equal(tryParseRole(bad), undefined, bad);
    }
  });

  it("names the offending part in the error", () => {
    assert.throws(() => parseRole("full,admin"), /unknown part "admin"/);
    assert.throws(() => parseRole("full,partial"), /"full" and "partial"/);
  });

  it("tells partial roles and billing roles apart", () => {
    assert.deepEqual(
      ROLE_VALUES.map((r) => [r, isPartial(r), hasBilling(r)]),
      [
        ["owner", false, true],
        ["full", false, false],
        ["full,billing", false, true],
        ["partial", true, false],
        ["partial,billing", true, true],
      ],
    );
  });

  it("recognises only canonical spellings as roles", () => {
    assert.equal(isRole("partial,billing"), true);
    assert.equal(isRole("billing, partial"), false);
  });
});
