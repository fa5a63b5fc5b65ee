import assert from "node:assert/strict";
import { SEED_IDS } from "../../emulator";
import { md5Fingerprint, parsePublicKey } from "../../emulator/publicKeys";
import { REAL_KEYS } from "../support/sshKeys";
import { obj, objs, useTestEmulator } from "./client";

describe("emulator SSH keys: list, add, remove", () => {
  const t = useTestEmulator();

  const list = async () => objs(obj((await t.client.api("GET", "/ssh_keys")).body).results);

  it("fingerprints keys exactly as ssh-keygen -l -E md5 does", () => {
    for (const key of Object.values(REAL_KEYS)) {
      const parsed = parsePublicKey(key.line);
      assert.ok(parsed);
      assert.equal(md5Fingerprint(parsed.blob), key.md5);
    }
  });

  it("adds a key and answers its uuid, fingerprint and comment; the list then has it", async () => {
    const res = await t.client.api("POST", "/ssh_keys", { json: { public_key: REAL_KEYS.ed25519.line } });
    assert.equal(res.status, 201);
    const key = obj(res.body);
    assert.equal(key.fingerprint, REAL_KEYS.ed25519.md5);
    assert.equal(key.comment, "dev@example.com");
    assert.ok((await list()).some((k) => k.uuid === key.uuid));
  });

  it("refuses the same key twice, even with another comment", async () => {
    await t.client.api("POST", "/ssh_keys", { json: { public_key: REAL_KEYS.rsa.line } });
    const again = REAL_KEYS.rsa.line.replace("ci@example.com", "other");
    const res = await t.client.api("POST", "/ssh_keys", { json: { public_key: again } });
    assert.equal(res.status, 400);
    assert.match(res.text, /already been added/);
  });

  it("refuses lines that are not public keys: wrong type, cut data, a private key", async () => {
    const cut = REAL_KEYS.rsa.line.slice(0, 60);
    for (const bad of ["ssh-dss AAAA", cut, "-----BEGIN OPENSSH PRIVATE KEY-----", "ssh-ed25519 !!!"]) {
      const res = await t.client.api("POST", "/ssh_keys", { json: { public_key: bad } });
      assert.equal(res.status, 400, bad);
    }
    assert.equal((await list()).length, 1);
  });

  it("removes a key; removing it again is refused without a body (no 404 is documented)", async () => {
    assert.equal((await t.client.api("DELETE", `/ssh_keys/${SEED_IDS.sshKeyId}`)).status, 204);
    assert.deepEqual(await list(), []);
    const again = await t.client.api("DELETE", `/ssh_keys/${SEED_IDS.sshKeyId}`);
    assert.equal(again.status, 403);
    assert.equal(again.text, "");
  });
});
