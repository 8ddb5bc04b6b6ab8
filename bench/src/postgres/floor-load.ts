// What pg-floor.ts and one-statement-probe.ts share: the session a baseline's start opens, and the
// closed loops that drive transactions without HTTP (the concurrency of wrk's connections); with
// scale-out.ts, each node's share of the PostgreSQL connections.
import type { SessionRecord } from '@mcc/engine';

/** One transaction of a baseline: a start or a close. */
export type Transaction = () => Promise<void>;

/** Each node's share of the PostgreSQL connections in all (the bench's nodes and the crossing baseline's). */
export const connectionsPerNode = (total: number, nodes: number) => Math.max(1, Math.round(total / nodes));

/** The session a baseline's start inserts: channel 1003, service SUPPORT, expiring in an hour. */
export function floorSession(id: string, now: number): SessionRecord {
  return {
    id,
    channelId: 1003,
    serviceCode: 'SUPPORT',
    status: 'NEW',
    createdAt: now,
    updatedAt: now,
    timer: 'expire',
    timerAt: now + 3_600_000,
  };
}

/**
 * Runs `loops` closed loops for `ms` milliseconds, each running the transactions `next()` returns
 * one after another; returns how many ran. An error a loop's `tolerate` accepts counts as a
 * request (an answered one); any other error rejects.
 */
export async function driveLoops(
  loops: number,
  ms: number,
  next: () => Transaction[],
  tolerate: (error: unknown) => boolean = () => false,
): Promise<number> {
  const end = Date.now() + ms;
  let requests = 0;
  await Promise.all(
    Array.from({ length: loops }, async () => {
      while (Date.now() < end)
        for (const transaction of next()) {
          try {
            await transaction();
          } catch (error) {
            if (!tolerate(error)) throw error;
          }
          requests++;
        }
    }),
  );
  return requests;
}
