import type { UsernameToken } from './ws-security.js';

/** Options of {@link createReplayGuard}. */
export interface ReplayGuardOptions {
  /** Oldest accepted `wsu:Created`, as an age in ms. Default 5 minutes. */
  maxAgeMs?: number;
  /** How far ahead of this server's clock a `wsu:Created` may be (clock skew), in ms. Default 1 minute. */
  clockSkewMs?: number;
  /** Most nonces remembered at once. Default 100 000. */
  maxNonces?: number;
  /** The clock. Default `Date.now`. */
  now?: () => number;
}

/** Why a token is refused before its password is even checked. */
export type TokenRefusal = 'stale' | 'future' | 'malformed' | 'replayed';

/**
 * Replay protection for WS-Security UsernameTokens (OASIS UsernameToken Profile 1.0 §4): a token's
 * `wsu:Created` must be within the freshness window, and a `wsse:Nonce` may be used once within it.
 */
export interface ReplayGuard {
  /** Why `token` is refused (not fresh, or nonce already used), or `undefined` if it may be checked. */
  check(token: UsernameToken): TokenRefusal | undefined;
  /**
   * Remembers the nonce of a token whose password was verified; false when the same nonce was
   * accepted meanwhile (two copies in flight at once).
   */
  remember(token: UsernameToken): boolean;
}

/**
 * A nonce cache with an expiry window. Nonces are kept until their token leaves the freshness
 * window. When the cache is full the oldest nonce is forgotten and every token created before it
 * is refused as stale from then on, so a forgotten nonce cannot be replayed.
 */
export function createReplayGuard(options: ReplayGuardOptions = {}): ReplayGuard {
  const maxAge = options.maxAgeMs ?? 5 * 60_000;
  const skew = options.clockSkewMs ?? 60_000;
  const maxNonces = options.maxNonces ?? 100_000;
  const now = options.now ?? Date.now;
  /** Nonce → its token's `Created` in ms, in insertion order. */
  const seen = new Map<string, number>();
  /** Tokens created at or before this are refused (nonces forgotten to make room). */
  let floor = Number.NEGATIVE_INFINITY;

  function createdAt(token: UsernameToken): number | 'malformed' | undefined {
    if (token.created === undefined) return undefined;
    const at = Date.parse(token.created);
    return Number.isNaN(at) ? 'malformed' : at;
  }

  function prune(time: number): void {
    for (const [nonce, created] of seen) {
      if (created >= time - maxAge - skew && seen.size <= maxNonces) break;
      seen.delete(nonce);
      if (created >= time - maxAge - skew) floor = Math.max(floor, created);
    }
  }

  return {
    check(token) {
      const created = createdAt(token);
      if (created === 'malformed') return 'malformed';
      const time = now();
      if (created !== undefined) {
        if (created > time + skew) return 'future';
        if (created < time - maxAge || created <= floor) return 'stale';
      } else if (token.nonce !== undefined) {
        // A nonce without a creation time cannot be forgotten safely.
        return 'malformed';
      }
      if (token.nonce !== undefined && seen.has(token.nonce)) return 'replayed';
      return undefined;
    },
    remember(token) {
      if (token.nonce === undefined) return true;
      if (seen.has(token.nonce)) return false;
      const created = createdAt(token);
      seen.set(token.nonce, typeof created === 'number' ? created : now());
      prune(now());
      return true;
    },
  };
}
