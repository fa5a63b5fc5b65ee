import assert from "node:assert/strict";
import {
  isOwner,
  isPartial,
  isWrittenRole,
  parseWrittenRole,
  readFormOf,
  WRITTEN_ROLES,
} from "../../emulator/roles";

describe("emulator roles", () => {
  it("accepts exactly the five documented written forms", () => {
    assert.deepEqual([...WRITTEN_ROLES], ["owner", "full", "full,billing", "partial", "partial,billing"]);
    for (const role of WRITTEN_ROLES) assert.equal(isWrittenRole(role), true, role);
  });

  it("refuses read forms, reordered, spaced, upper-case and unknown roles on writes", () => {
    for (const role of [
      "billing, partial",
      "billing,partial",
      "partial, billing",
      "Owner",
      "billing",
      "admin",
      "",
      1,
      null,
    ]) {
      assert.equal(isWrittenRole(role), false, String(role));
    }
  });

  it("answers the documented read form: sorted names joined by comma and space", () => {
    assert.equal(readFormOf("owner"), "owner");
    assert.equal(readFormOf("full"), "full");
    assert.equal(readFormOf("full,billing"), "billing, full");
    assert.equal(readFormOf("partial"), "partial");
    assert.equal(readFormOf("partial,billing"), "billing, partial");
  });

  it("splits roles into base and billing flag", () => {
    assert.deepEqual(parseWrittenRole("partial,billing"), { base: "partial", billing: true });
    assert.deepEqual(parseWrittenRole("owner"), { base: "owner", billing: false });
    assert.equal(isPartial("partial,billing"), true);
    assert.equal(isPartial("full"), false);
    assert.equal(isOwner("owner"), true);
    assert.equal(isOwner("full,billing"), false);
  });
});
