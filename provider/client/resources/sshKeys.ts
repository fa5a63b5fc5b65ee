/** The credentials' SSH keys: their routes, and how a create finds its key after an unknown outcome. */
import { AlreadyExistsError, AmbiguousWriteError, BadRequestError } from "../errors";
import { collect, paginate } from "../paginate";
import { CreateSshKeyBodySchema, type SshKey, SshKeySchema } from "../schemas";
import { parseRequest, uuidPathParam } from "../validate";
import { ApiResource } from "./base";

/** `/ssh_keys`. */
export class SshKeys extends ApiResource {
  /** `GET /ssh_keys`, every page: the SSH keys of the person behind the credentials. */
  listSshKeys(): AsyncIterable<SshKey> {
    return paginate(this.http, "/ssh_keys", SshKeySchema, {}, { operation: "listSshKeys" });
  }

  /**
   * `POST /ssh_keys`. A key is unique per person (by fingerprint). The keys are listed first: a key
   * with this fingerprint already there (added by hand, or by another stack) is an
   * AlreadyExistsError and nothing is sent, since a resource that recorded it would remove it on
   * destroy. After an unknown outcome the keys are listed again and only a key that was not in the
   * first list is taken; no new key at all means the POST was not processed and it is sent once
   * more. A new key listed without its fingerprint (the contract requires no field) could be this
   * one or another, so that is an AmbiguousWriteError. An answer without `uuid` or `fingerprint`
   * gets the caller's fingerprint, so the key can still be found.
   *
   * @throws AlreadyExistsError when the key is already listed (nothing was sent).
   */
  async createSshKey(publicKey: string, fingerprint: string): Promise<SshKey> {
    const op = "createSshKey";
    const body = parseRequest(CreateSshKeyBodySchema, { public_key: publicKey }, op, "input");
    const before = await collect(this.listSshKeys());
    const existing = before.find((k) => k.fingerprint === fingerprint);
    if (existing !== undefined) {
      throw new AlreadyExistsError({
        kind: "SSH key",
        identifier: fingerprint,
        scope: "the SSH keys of the person behind the API credentials",
        existingId: existing.uuid,
        alternative: "use another key",
        lookup: "getSshKeys()",
      });
    }
    const post = async () => {
      const response = await this.http.request({ method: "POST", path: "/ssh_keys", body, operation: op });
      const parsed = SshKeySchema.safeParse(response.body);
      const key = parsed.success ? parsed.data : {};
      return { ...key, fingerprint: key.fingerprint ?? fingerprint };
    };
    try {
      return await post();
    } catch (err) {
      if (!(err instanceof AmbiguousWriteError)) throw err;
      const added = (await collect(this.listSshKeys())).filter((k) => !wasListed(before, k));
      const ours = added.find((k) => k.fingerprint === fingerprint);
      if (ours !== undefined) return ours;
      const unidentified = added.filter((k) => k.fingerprint === undefined);
      // No key appeared: the POST was not processed.
      if (unidentified.length === 0) return post();
      // New keys without a fingerprint (minimal answers): WP Engine itself can tell. A key is unique
      // per person, so sending it again adds it when the first POST was not processed, and is refused
      // when it was; then the one key that appeared since the first list is this one. With several
      // new keys there is no telling which, and nothing is claimed.
      try {
        return await post();
      } catch (again) {
        const [only, ...more] = unidentified;
        if (again instanceof BadRequestError && only !== undefined && more.length === 0)
          return { ...only, fingerprint };
        throw new AmbiguousWriteError(
          { method: "POST", path: "/ssh_keys", attempts: 2 },
          err,
          `WP Engine lists ${unidentified.length} new key(s) without a fingerprint, so it cannot be told which, if any, is this key (${fingerprint}). ` +
            "Check the SSH keys in the WP Engine User Portal (or getSshKeys): if it is there, remove it, then run the update again.",
        );
      }
    }
  }

  /**
   * `DELETE /ssh_keys/{ssh_key_id}`. The contract documents no 404 here, so a key that is already
   * gone fails like any refusal; callers look the key up to tell the two apart.
   */
  async deleteSshKey(keyId: string): Promise<void> {
    const op = "deleteSshKey";
    const id = uuidPathParam(op, "keyId", keyId);
    await this.http.request({ method: "DELETE", path: `/ssh_keys/${id}`, operation: op });
  }
}

/**
 * Whether an SSH key was in `before`: by `uuid`; a key listed without one, by fingerprint. A key
 * listed with neither cannot be matched, so it counts as new (and so as undecided).
 */
function wasListed(before: readonly SshKey[], key: SshKey): boolean {
  if (key.uuid !== undefined) {
    const uuid = key.uuid.toLowerCase();
    return before.some((b) => b.uuid?.toLowerCase() === uuid);
  }
  return (
    key.fingerprint !== undefined &&
    before.some((b) => b.uuid === undefined && b.fingerprint === key.fingerprint)
  );
}
