/**
 * The account users that resources of the running update adopted, so that no other resource of the
 * same update deletes them (a user created by a POST has a new id that no other state can hold). Renaming a resource with `adopt` (or moving members into an
 * `AccountTeam`) creates the new resource by adopting the same person, then deletes the old resource:
 * without this record that delete would remove the person the new resource just took over.
 */
export class UpdateLedger {
  private readonly claimed = new Map<string, string>();

  /** Records that a resource of this update now holds `userId` (adopted it). */
  claim(accountId: string, userId: string, email: string): void {
    this.claimed.set(keyOf(accountId, userId), email);
  }

  /** Whether a resource of this update adopted `userId`. */
  isClaimed(accountId: string, userId: string): boolean {
    return this.claimed.has(keyOf(accountId, userId));
  }
}

function keyOf(accountId: string, userId: string): string {
  return `${accountId.trim().toLowerCase()}/${userId.trim().toLowerCase()}`;
}

const LEDGER = Symbol.for("pulumi-wpengine.updateLedger");

/**
 * The ledger of this provider process. The one deliberate piece of process-wide state: one process
 * serves exactly one update, but the dynamic-provider runtime builds a separate provider object per
 * distinct `__provider` text (per resource kind, and again for resources written by an older package
 * version), and the rename case spans two of them. Held under a registered symbol so that two loaded
 * copies of this package share it too. It holds user ids only: no credentials, no client.
 */
export function processLedger(): UpdateLedger {
  const slot = globalThis as { [LEDGER]?: UpdateLedger };
  slot[LEDGER] ??= new UpdateLedger();
  return slot[LEDGER];
}
