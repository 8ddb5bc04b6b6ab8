/** Marks a key known to have no row (a cached miss). */
const ABSENT: unique symbol = Symbol('absent');

/**
 * A bounded cache of rows of the one connection, by key: what a statement last read or wrote, so
 * that the hot reads (a polled session, the channel and service switches of every start) skip the
 * statement and the JSON parse.
 *
 * Coherent because the file is this process's alone and every write goes through this connection:
 * the store writes through (`set` / `forget` after each successful write) and calls `clear` on every
 * rollback (a savepoint's or the whole transaction's, or a failed COMMIT), which drops whatever an
 * uncommitted transaction may have put here. So at any moment between transactions it holds only
 * committed rows. It never answers anything early: reads still run in the group commit's batches
 * and wait for the fsync covering what they saw, as reads from the file do.
 *
 * Values are shared, not copied: store only immutable values (session records) or text.
 */
export class ReadCache<V> {
  readonly #rows = new Map<string, V | typeof ABSENT>();
  readonly #limit: number;

  /** `limit`: most keys kept; the oldest written or read first is dropped beyond it. */
  constructor(limit: number) {
    this.#limit = limit;
  }

  /** The cached value, `null` for a cached "no row", `undefined` when the cache does not know. */
  get(key: string): V | null | undefined {
    const value = this.#rows.get(key);
    return value === ABSENT ? null : value;
  }

  /** Notes what the row of `key` now is (`undefined`: there is none). */
  set(key: string, value: V | undefined): void {
    if (this.#limit <= 0) return;
    this.#rows.delete(key);
    this.#rows.set(key, value === undefined ? ABSENT : value);
    if (this.#rows.size > this.#limit) {
      const oldest = this.#rows.keys().next();
      if (!oldest.done) this.#rows.delete(oldest.value);
    }
  }

  /** Forgets `key` (its row changed in a way not worth caching). */
  forget(key: string): void {
    this.#rows.delete(key);
  }

  /** Forgets everything (a rollback). */
  clear(): void {
    this.#rows.clear();
  }

  /** Keys held now. */
  get size(): number {
    return this.#rows.size;
  }
}
