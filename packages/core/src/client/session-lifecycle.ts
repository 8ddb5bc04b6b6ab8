import type { SessionStatus } from '../wire/enums.js';

/**
 * The statuses each status can still lead to (semantics.md §4): NEW → QUEUED → BOOKED → ASSIGNED,
 * a BOOKED session back to QUEUED (decline, booking timeout, agent logout), any of them → CLOSED.
 * CLOSED leads nowhere. `UNKNOW` and values this toolkit does not know may lead anywhere.
 */
const reachable: ReadonlyMap<string, ReadonlySet<SessionStatus>> = new Map([
  ['NEW', new Set<SessionStatus>(['QUEUED', 'BOOKED', 'ASSIGNED', 'CLOSED'])],
  ['QUEUED', new Set<SessionStatus>(['BOOKED', 'ASSIGNED', 'CLOSED'])],
  ['BOOKED', new Set<SessionStatus>(['QUEUED', 'ASSIGNED', 'CLOSED'])],
  ['ASSIGNED', new Set<SessionStatus>(['CLOSED'])],
  ['CLOSED', new Set<SessionStatus>()],
]);

/** Whether a session in status `from` can still, later, be in status `to`. */
export function canStillReach(from: string, to: string): boolean {
  if (from === to) return true;
  const next = reachable.get(from);
  return next === undefined || next.has(to as SessionStatus);
}

/** Whether `status` is final: a session in it never changes again. */
export function isFinalStatus(status: string): boolean {
  return reachable.get(status)?.size === 0;
}
