import assert from "node:assert/strict";
import { configFromArgs } from "../../plugin/config";
import { kindOfUrn, PLUGIN_KINDS, parseImportId } from "../../plugin/kinds";

const kind = (name: string) => {
  const found = PLUGIN_KINDS.find((k) => k.kind === name);
  assert.ok(found);
  return found;
};

describe("plugin kinds", () => {
  it("finds the kind of a URN, also of a child resource, and no kind for another package's type", () => {
    assert.equal(kindOfUrn("urn:pulumi:dev::p::wpengine:index:Install::shop")?.kind, "Install");
    assert.equal(
      kindOfUrn("urn:pulumi:dev::p::my:Component$wpengine:index:AccountUser::a")?.kind,
      "AccountUser",
    );
    assert.equal(kindOfUrn("urn:pulumi:dev::p::aws:s3:Bucket::b"), undefined);
  });

  it("splits a composite import id into the resource id and its parents, in lower case", () => {
    assert.deepEqual(parseImportId(kind("AccountUser"), "EEDA/U1"), {
      id: "u1",
      props: { accountId: "eeda" },
    });
    assert.deepEqual(parseImportId(kind("Domain"), "i1/d1"), { id: "d1", props: { installId: "i1" } });
    assert.deepEqual(parseImportId(kind("Install"), "I1"), { id: "i1", props: {} });
  });

  it("names the form when an import id has the wrong shape, and refuses kinds that cannot be imported", () => {
    const user = parseImportId(kind("AccountUser"), "u1");
    assert.ok("error" in user && user.error.includes('"<accountId>/<userId>"'));
    const domain = parseImportId(kind("Domain"), "i1/");
    assert.ok("error" in domain && domain.error.includes("<installId>/<domainId>"));
    const backup = parseImportId(kind("Backup"), "b1");
    assert.ok("error" in backup && backup.error.includes("cannot be imported"));
  });
});

describe("plugin configuration", () => {
  it("reads the provider's arguments as wpengine:* keys, then the variables map, and treats empty as unset", () => {
    const vars = new Map([["wpengine:config:apiUrl", "http://127.0.0.1:1/v1"]]);
    const config = configFromArgs({ apiUserId: "u", apiPassword: "", version: "1" }, vars);
    assert.equal(config.get("wpengine:apiUserId"), "u");
    assert.equal(config.get("wpengine:apiPassword"), undefined);
    assert.equal(config.get("wpengine:apiUrl"), "http://127.0.0.1:1/v1");
    assert.throws(() => config.require("wpengine:apiPassword"), /wpengine:apiPassword/);
  });
});
