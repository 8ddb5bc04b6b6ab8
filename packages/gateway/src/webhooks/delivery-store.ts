/** A delivery waiting for its receiver's 2xx. */
export interface PendingDelivery {
  seq: number;
  sessionId: string;
  /** The JSON body, as it will be signed and sent. */
  body: string;
}

/**
 * Where webhook delivery state lives: per receiver, how far into the event stream it has been
 * queued (the cursor) and the deliveries not yet acknowledged. Durable implementations let
 * delivery resume after a restart: nothing acknowledged is sent again, nothing queued is lost.
 */
export interface DeliveryStore {
  /** The last stream seq queued for `receiver` (0 at first). */
  cursor(receiver: string): Promise<number>;
  /** Queues deliveries and moves the cursor, atomically. */
  enqueue(receiver: string, deliveries: readonly PendingDelivery[], cursor: number): Promise<void>;
  /** Every delivery still pending for `receiver`, by seq. */
  pending(receiver: string): Promise<PendingDelivery[]>;
  /** The receiver acknowledged `seq`. */
  delivered(receiver: string, seq: number): Promise<void>;
  close(): Promise<void>;
}

/** A {@link DeliveryStore} in memory: for the memory simulator and tests (lost on restart). */
export function createMemoryDeliveryStore(): DeliveryStore {
  const cursors = new Map<string, number>();
  const queues = new Map<string, Map<number, PendingDelivery>>();
  const queueOf = (receiver: string) => {
    const queue = queues.get(receiver) ?? new Map<number, PendingDelivery>();
    queues.set(receiver, queue);
    return queue;
  };
  return {
    async cursor(receiver) {
      return cursors.get(receiver) ?? 0;
    },
    async enqueue(receiver, deliveries, cursor) {
      const queue = queueOf(receiver);
      for (const d of deliveries) queue.set(d.seq, { ...d });
      cursors.set(receiver, cursor);
    },
    async pending(receiver) {
      return [...queueOf(receiver).values()].sort((a, b) => a.seq - b.seq);
    },
    async delivered(receiver, seq) {
      queueOf(receiver).delete(seq);
    },
    async close() {},
  };
}
