import assert from "node:assert/strict";
import { profileFromEnv, SEED_IDS } from "../../emulator";
import { sshKeyProvider } from "../../provider/resources/sshKey/provider";
import { judgePublicKey } from "../../provider/resources/sshKey/publicKey";
import { REAL_KEYS } from "../support/sshKeys";
import { caught, clearRequests, clientFactory, control, requestCounts, useEmulator } from "./support";

describe("provider: SshKey", () => {
  const ctx = useEmulator();
  const provider = () => sshKeyProvider(clientFactory(ctx.emu));
  const ed = { publicKey: REAL_KEYS.ed25519.line };

  it("fingerprints real keys as ssh-keygen -l -E md5 does", () => {
    for (const key of Object.values(REAL_KEYS)) {
      const judged = judgePublicKey(key.line);
      assert.ok(judged.ok);
      assert.equal(judged.fingerprint, key.md5);
    }
  });

  it("refuses at check, with the reason and without a request: private, cut, unknown type, several lines", async () => {
    await clearRequests(ctx.emu);
    const cases: [string, RegExp][] = [
      [
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\n-----END OPENSSH PRIVATE KEY-----",
        /PRIVATE key.*\.pub/,
      ],
      [REAL_KEYS.rsa.line.slice(0, 80), /not a valid ssh-rsa key/],
      ["ssh-dss AAAAB3NzaC1kc3MAAACB", /not a key type WP Engine accepts/],
      [`${REAL_KEYS.ed25519.line}\n${REAL_KEYS.rsa.line}`, /single line/],
    ];
    for (const [publicKey, reason] of cases) {
      const res = await provider().check({}, { publicKey });
      assert.equal(res.failures?.[0]?.property, "publicKey");
      assert.match(String(res.failures?.[0]?.reason), reason);
    }
    assert.deepEqual(await requestCounts(ctx.emu), {});
  });

  it("normalises the key line: surrounding space and runs of spaces", async () => {
    const res = await provider().check(
      {},
      { publicKey: `  ${REAL_KEYS.ed25519.line.replace(" ", "   ")}\n` },
    );
    assert.equal(res.inputs?.publicKey, REAL_KEYS.ed25519.line);
  });

  // The list before the POST proves the person does not have the key already (never taken over).
  it("adds the key with one POST after one list of the keys, and records WP Engine's id and fingerprint", async () => {
    await clearRequests(ctx.emu);
    const { id, outs } = await provider().create(ed);
    assert.deepEqual(await requestCounts(ctx.emu), { "GET /ssh_keys": 1, "POST /ssh_keys": 1 });
    assert.equal(outs.keyId, id);
    assert.equal(outs.fingerprint, REAL_KEYS.ed25519.md5);
  });

  it("keeps the key in place when only its comment changes, and adds another key before removing the old one", async () => {
    const p = provider();
    const olds = { ...ed, keyId: "k", fingerprint: REAL_KEYS.ed25519.md5 };
    const other = await p.diff("k", olds, { publicKey: REAL_KEYS.rsa.line });
    assert.deepEqual([other.replaces, other.deleteBeforeReplace], [["publicKey"], false]);
    const comment = await p.diff("k", olds, { publicKey: REAL_KEYS.ed25519.line.replace("dev@", "laptop@") });
    assert.deepEqual([comment.changes, comment.replaces], [true, []]);
    assert.equal((await p.diff("k", olds, { ...ed })).changes, false);
  });

  it("records a new comment of the same key with no request, keeping its id and WP Engine's comment", async () => {
    const p = provider();
    const { id, outs } = await p.create(ed);
    await clearRequests(ctx.emu);
    const relabelled = REAL_KEYS.ed25519.line.replace("dev@", "laptop@");
    const updated = await p.update(id, outs, { publicKey: relabelled });
    assert.deepEqual(await requestCounts(ctx.emu), {});
    assert.equal(updated.outs?.publicKey, relabelled);
    assert.equal(updated.outs?.keyId, id);
    assert.equal(updated.outs?.comment, outs.comment);
  });

  it("reads every key of a refresh with one list call, and a key removed in the portal as gone", async () => {
    const p = provider();
    const a = await p.create(ed);
    const b = await p.create({ publicKey: REAL_KEYS.rsa.line });
    await clearRequests(ctx.emu);
    const reads = await Promise.all([
      p.read(a.id, a.outs),
      p.read(b.id, b.outs),
      p.read(SEED_IDS.sshKeyId, {}),
    ]);
    assert.deepEqual(
      reads.map((r) => r.id),
      [a.id, b.id, SEED_IDS.sshKeyId],
    );
    assert.deepEqual(await requestCounts(ctx.emu), { "GET /ssh_keys": 1 });
    await clientFactory(ctx.emu)().deleteSshKey(a.id);
    const later = sshKeyProvider(clientFactory(ctx.emu));
    assert.equal((await later.read(a.id, a.outs)).id, "");
  });

  it("does not take over a key added outside the stack, and says how to proceed", async () => {
    await clientFactory(ctx.emu)().createSshKey(REAL_KEYS.rsa.line, REAL_KEYS.rsa.md5);
    const err = (await caught(() => provider().create({ publicKey: REAL_KEYS.rsa.line }))) as Error;
    // Under the minimal profile the list shows no fingerprints: WP Engine's own refusal is all there is.
    assert.match(
      err.message,
      profileFromEnv() === "minimal"
        ? /400 Bad Request/
        : /already has this key .*added outside this stack. Fix: adopt it into this stack with the `import` resource option/,
    );
  });

  it("treats a key already gone as deleted, but reports a refusal for a key still there", async () => {
    const p = provider();
    const { id, outs } = await p.create(ed);
    await p.delete(id, outs);
    await p.delete(id, outs);
    const kept = await p.create(ed);
    await control(ctx.emu, "POST", "/faults", {
      method: "DELETE",
      path: "^/v1/ssh_keys/",
      status: 403,
      count: 1,
    });
    const err = (await caught(() => p.delete(kept.id, kept.outs))) as Error;
    assert.match(err.message, /wpengine:SshKey delete of SSH key/);
  });

  it("finds the key it added when the create's answer was lost, without adding it twice", async () => {
    await control(ctx.emu, "POST", "/faults", {
      method: "POST",
      path: "^/v1/ssh_keys$",
      afterProcessing: true,
      count: 1,
    });
    const added = () =>
      control(ctx.emu, "GET", "/state").then((s) =>
        (s as { sshKeys: { uuid: string }[] }).sshKeys
          .map((k) => k.uuid)
          .filter((u) => u !== SEED_IDS.sshKeyId),
      );
    // Under minimal answers (no fingerprints listed) WP Engine's refusal of a second POST proves it.
    const { id, outs } = await provider().create(ed);
    assert.equal(outs.fingerprint, REAL_KEYS.ed25519.md5);
    assert.deepEqual(await added(), [id]);
  });

  describe("a key that existed before the create", () => {
    const rsa = { publicKey: REAL_KEYS.rsa.line };
    const keysWith = (line: string) => ctx.emu.store.listSshKeys().filter((k) => k.public_key === line);

    it("fails the create naming the field, the key's id and the fixes, sends no POST and leaves it untouched", async () => {
      const portal = ctx.emu.store.createSshKey(rsa.publicKey);
      const before = JSON.stringify(portal);
      await clearRequests(ctx.emu);
      const err = (await caught(() => provider().create(rsa))) as Error;
      if (profileFromEnv() === "minimal") {
        // No fingerprints listed: WP Engine's own refusal (one POST) is all there is, and it names no id.
        assert.match(err.message, /400 Bad Request/);
        assert.equal((await requestCounts(ctx.emu))["POST /ssh_keys"], 1);
      } else {
        assert.match(
          err.message,
          new RegExp(
            `wpengine:SshKey create of .*publicKey: nothing was added, because the person behind the API credentials already has this key \\(id ${portal.uuid}, fingerprint ${REAL_KEYS.rsa.md5}\\), added outside this stack`,
          ),
        );
        assert.ok(
          err.message.includes(
            `Fix: adopt it into this stack with the \`import\` resource option (\`{ import: "${portal.uuid}" }\`); or drop this SshKey from the program and read the key with getSshKeys()`,
          ),
          err.message,
        );
        assert.deepEqual(await requestCounts(ctx.emu), { "GET /ssh_keys": 1 }, "no POST");
      }
      assert.deepEqual(
        keysWith(rsa.publicKey).map((k) => JSON.stringify(k)),
        [before],
      );
    });

    it("sends the create once more when the first POST was not processed, and adds the key once", async () => {
      await control(ctx.emu, "POST", "/faults", {
        method: "POST",
        path: "^/v1/ssh_keys$",
        status: 502,
        count: 1,
      });
      const { id } = await provider().create(rsa);
      assert.deepEqual(
        keysWith(rsa.publicKey).map((k) => k.uuid),
        [id],
      );
      assert.equal((await requestCounts(ctx.emu))["POST /ssh_keys"], 2);
    });
  });

  describe("a key declared by its fingerprint only (adopted without its text)", () => {
    it("refuses a new key without its text at check, naming publicKey and the way to adopt it", async () => {
      await clearRequests(ctx.emu);
      const res = await provider().check({}, { fingerprint: `MD5:${REAL_KEYS.ed25519.md5.toUpperCase()}` });
      assert.equal(res.failures?.[0]?.property, "publicKey");
      assert.match(
        String(res.failures?.[0]?.reason),
        /cannot add one from its fingerprint.*\{ import: "<keyId>" \}/,
      );
      const none = await provider().check({}, {});
      assert.match(String(none.failures?.[0]?.reason), /publicKey is required/);
      const bad = await provider().check({}, { fingerprint: "SHA256:abc", importId: SEED_IDS.sshKeyId });
      assert.equal(bad.failures?.[0]?.property, "fingerprint");
      assert.deepEqual(await requestCounts(ctx.emu), {});
    });

    it("adopts a listed key by fingerprint with no write, and is then stable and kept when its text is pasted", async () => {
      if (profileFromEnv() === "minimal") {
        // No fingerprints in the list: nothing can show the listed key is the declared one.
        const res = await provider().check(
          {},
          { fingerprint: REAL_KEYS.ed25519.md5, importId: SEED_IDS.sshKeyId },
        );
        assert.match(String(res.failures?.[0]?.reason), /fingerprint its list does not report/);
        return;
      }
      const seeded = ctx.emu.store.listSshKeys().find((k) => k.uuid === SEED_IDS.sshKeyId);
      assert.ok(seeded);
      const p = provider();
      const declared = {
        fingerprint: seeded.fingerprint.toUpperCase(),
        importId: SEED_IDS.sshKeyId.toUpperCase(),
      };
      const checked = await p.check({}, declared);
      assert.deepEqual(checked.failures, []);
      await clearRequests(ctx.emu);
      const { id, outs } = await p.create(checked.inputs ?? {});
      assert.equal(id, SEED_IDS.sshKeyId);
      assert.equal(outs.fingerprint, seeded.fingerprint);
      assert.equal(outs.publicKey, undefined, "no key text is made up");
      const sent = Object.keys(await requestCounts(ctx.emu));
      assert.deepEqual(
        sent.filter((r) => r !== "GET /ssh_keys"),
        [],
        "list reads only",
      );
      const again = await p.check(outs, { fingerprint: seeded.fingerprint });
      assert.deepEqual(again.failures, []);
      assert.equal((await p.diff(id, outs, again.inputs ?? {})).changes, false);
      const read = await p.read(id, outs);
      assert.equal(read.props?.publicKey, undefined);
      assert.equal(
        (await p.diff(id, read.props ?? {}, again.inputs ?? {})).changes,
        false,
        "refresh is stable",
      );
      const pasted = await p.diff(id, outs, { publicKey: seeded.public_key });
      assert.deepEqual(
        [pasted.changes, pasted.replaces],
        [true, []],
        "the same key's text is recorded in place",
      );
      const other = await p.check(outs, { fingerprint: REAL_KEYS.rsa.md5 });
      assert.equal(other.failures?.[0]?.property, "publicKey", "another key would be added: needs its text");
    });
  });
});
