import type { StoreReadTx, StoreTx } from '@mcc/engine';

/**
 * One value a transaction read or wrote: a session's record (JSON text; `undefined`: gone) or a
 * state value (JSON text; `null`: absent).
 */
export type Observation =
  | { readonly session: string; readonly record: string | undefined }
  | { readonly state: string; readonly value: string | null };

/** A state value as the cache and `mcc_apply` hold it: JSON text, `null` when absent. */
export function stateText(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

/**
 * What this node last saw committed of the rows it read and wrote — the predictions of its
 * speculative transactions (speculative-tx.ts). Bounded: past `size` entries of a kind, the
 * least recently seen goes. Never a source of truth: every prediction a speculative transaction
 * uses is checked by PostgreSQL under the lock the regular read takes, and a wrong one only
 * costs a rerun as a regular transaction. Values are JSON text, so that each reader gets a
 * fresh copy. Keys are looked up in Maps (never plain objects): they come from requests.
 */
export class SpeculationCache {
  readonly #sessions = new Map<string, string>();
  readonly #state = new Map<string, string | null>();

  constructor(readonly size: number) {}

  /** The session's record as last committed here, or undefined when not known. */
  session(id: string): string | undefined {
    return this.#sessions.get(id);
  }

  /** The state value as last committed here (`null`: absent), or undefined when not known. */
  state(key: string): string | null | undefined {
    return this.#state.get(key);
  }

  /** Records what a committed transaction read and wrote, in the order it did. */
  committed(observations: readonly Observation[]): void {
    for (const o of observations) {
      if ('session' in o) {
        if (o.record === undefined) this.#sessions.delete(o.session);
        else remember(this.#sessions, o.session, o.record, this.size);
      } else remember(this.#state, o.state, o.value, this.size);
    }
  }

  /** Forgets the values a failed speculation relied on or wrote: some of them were stale. */
  forget(observations: readonly Observation[]): void {
    for (const o of observations) {
      if ('session' in o) this.#sessions.delete(o.session);
      else this.#state.delete(o.state);
    }
  }
}

function remember<V>(map: Map<string, V>, key: string, value: V, size: number): void {
  // Deleted first, so that the key moves to the end of the Map's order (the most recent).
  map.delete(key);
  map.set(key, value);
  if (map.size > size) map.delete(map.keys().next().value as string);
}

/**
 * The regular transaction `tx`, noting in `observations` every session and state value it reads
 * or writes (a session read locks the row: its record is the committed one until the end). The
 * caller hands them to {@link SpeculationCache.committed} once the transaction has committed.
 */
export function observing(tx: StoreTx, observations: Observation[]): StoreTx {
  return {
    ...observingReads(tx, observations),
    async insertSession(session) {
      const inserted = await tx.insertSession(session);
      if (inserted) observations.push({ session: session.id, record: JSON.stringify(session) });
      return inserted;
    },
    updateSession(session) {
      observations.push({ session: session.id, record: JSON.stringify(session) });
      return tx.updateSession(session);
    },
    deleteSession(id) {
      observations.push({ session: id, record: undefined });
      return tx.deleteSession(id);
    },
    putState(key, value) {
      observations.push({ state: key, value: stateText(value) });
      return tx.putState(key, value);
    },
  };
}

/** `tx` (a transaction or the store's unlocked reads), noting each session and state value it reads. */
export function observingReads<T extends StoreReadTx>(tx: T, observations: Observation[]): T {
  return {
    ...tx,
    async getSession(id: string) {
      const record = await tx.getSession(id);
      observations.push({ session: id, record: record && JSON.stringify(record) });
      return record;
    },
    async getState<V>(key: string) {
      const value = await tx.getState<V>(key);
      observations.push({ state: key, value: stateText(value) });
      return value;
    },
  };
}
