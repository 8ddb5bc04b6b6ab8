import { MccError } from '@mcc/core';
import type { SessionStore } from '@mcc/engine';

/** Switches for failing a store on purpose. */
export interface StoreFaults {
  /** The next `count` transactions or reads fail with `STORE_UNAVAILABLE` (or `STORE_TIMEOUT`). */
  failNext(count: number, kind?: 'unavailable' | 'timeout'): void;
  /** Stop failing. */
  clear(): void;
}

/**
 * Wraps a store so that tests can make its transactions and reads fail, as a database that went away
 * would: the failed transaction does nothing at all.
 */
export function createFaultyStore(inner: SessionStore): SessionStore & { faults: StoreFaults } {
  let remaining = 0;
  let kind: 'unavailable' | 'timeout' = 'unavailable';
  const fault = () =>
    kind === 'timeout'
      ? new MccError('STORE_TIMEOUT', 'injected fault: the store timed out')
      : new MccError('STORE_UNAVAILABLE', 'injected fault: the store is unavailable');
  return {
    get kind() {
      return inner.kind;
    },
    transaction(work) {
      if (remaining > 0) {
        remaining--;
        return Promise.reject(fault());
      }
      return inner.transaction(work);
    },
    read(work) {
      if (remaining > 0) {
        remaining--;
        return Promise.reject(fault());
      }
      return inner.read(work);
    },
    readEvents: (afterSeq, limit) => inner.readEvents(afterSeq, limit),
    close: () => inner.close(),
    faults: {
      failNext(count, k = 'unavailable') {
        remaining = count;
        kind = k;
      },
      clear() {
        remaining = 0;
      },
    },
  };
}
