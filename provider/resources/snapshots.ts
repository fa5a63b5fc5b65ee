/**
 * How long a settled read serves further reads: the reads of one refresh. They do not arrive at once:
 * the engine hands them out as it walks the state, over about 15 s for 1,000 resources on 2 cores
 * (measured, docs/benchmarks.md), and a 2 s window split such a refresh into two list calls. One list
 * per refresh is also the more consistent view: every resource is judged against the same moment.
 * Reads are the only users (writes `forget`, and the lockout guard always reads fresh), and a provider
 * process serves one command.
 */
export const SNAPSHOT_MS = 60_000;

/**
 * Reads shared by key within one provider process: concurrent reads of one key (a refresh reads
 * every resource of an install or a person at once) share ONE list call, and a settled result serves
 * for {@link SNAPSHOT_MS}. Writes call `forget`. A failed read is not kept. State lives in the
 * provider instance, never at module level.
 */
export class Snapshots<T> {
  private readonly entries = new Map<string, { value: Promise<T>; at?: number }>();

  /**
   * @param maxAgeMs - how long a settled read serves (default {@link SNAPSHOT_MS}); `Infinity` for a
   * view that is only a hint, checked again before anything relies on it.
   */
  constructor(
    private readonly load: (key: string) => Promise<T>,
    private readonly now: () => number = Date.now,
    private readonly maxAgeMs: number = SNAPSHOT_MS,
  ) {}

  /** The value for `key`, from a fresh or in-flight read when there is one. */
  get(key: string): Promise<T> {
    const k = key.toLowerCase();
    const hit = this.entries.get(k);
    if (hit && (hit.at === undefined || this.now() - hit.at < this.maxAgeMs)) return hit.value;
    const entry: { value: Promise<T>; at?: number } = { value: this.load(key) };
    this.entries.set(k, entry);
    entry.value.then(
      () => {
        entry.at = this.now();
      },
      () => {
        if (this.entries.get(k) === entry) this.entries.delete(k);
      },
    );
    return entry.value;
  }

  /** Forgets `key`'s value: the next read lists again. */
  forget(key: string): void {
    this.entries.delete(key.toLowerCase());
  }
}
