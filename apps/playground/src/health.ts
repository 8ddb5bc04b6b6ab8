import type { SessionStore } from '@mcc/engine';

/** What `/healthz` tells a load balancer. */
export interface Readiness {
  /** True when this node can serve MCC requests (its store answers). */
  ready: boolean;
  /** Why not, when it cannot. */
  reason?: string;
}

/** Options of {@link createReadinessCheck}. */
export interface ReadinessOptions {
  /** Longest wait for the store's answer, in ms; slower is not ready. Default 1000. */
  timeoutMs?: number;
  /** How long one answer is reused, in ms (a probe flood asks the store once per window). Default 500. */
  cacheMs?: number;
  /** The clock. Default `Date.now`. */
  now?: () => number;
}

/** The id the probe reads: a plain identifier every store accepts, never a real session. */
const PROBE_ID = 'mcc-readiness-probe';

/**
 * Readiness from the store (issue 15, 10): one lock-free read of a session that does not exist,
 * within `timeoutMs`. Concurrent checks share one probe, and an answer is reused for `cacheMs`,
 * so `/healthz` never loads the database. Liveness (`/livez`) needs no check at all.
 */
export function createReadinessCheck(
  store: SessionStore,
  options: ReadinessOptions = {},
): () => Promise<Readiness> {
  const timeoutMs = options.timeoutMs ?? 1000;
  const cacheMs = options.cacheMs ?? 500;
  const now = options.now ?? Date.now;
  let last: { at: number; answer: Readiness } | undefined;
  let inFlight: Promise<Readiness> | undefined;

  async function probe(): Promise<Readiness> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<Readiness>((resolve) => {
      timer = setTimeout(
        () => resolve({ ready: false, reason: `the session store did not answer within ${timeoutMs} ms` }),
        timeoutMs,
      );
    });
    const read = store
      .read((tx) => tx.getSession(PROBE_ID))
      .then(
        (): Readiness => ({ ready: true }),
        (): Readiness => ({ ready: false, reason: 'the session store is not available' }),
      );
    try {
      return await Promise.race([read, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  return () => {
    if (last && now() - last.at < cacheMs) return Promise.resolve(last.answer);
    inFlight ??= probe().then((answer) => {
      last = { at: now(), answer };
      inFlight = undefined;
      return answer;
    });
    return inFlight;
  };
}
