import { type MccService, withValidation } from '@mcc/core';
import {
  type ContactCenterConfigInput,
  createEngine,
  type DomainEvent,
  type Engine,
  VirtualClock,
} from '@mcc/engine';
import { onTestFinished } from 'vitest';
import type { PostgresStoreOptions } from '../../src/index.js';
import { openStore, uniqueSchema } from './test-store.js';

/** One engine of a multi-node setup: its own store (pool), clock, and the events it published. */
export interface Node {
  engine: Engine;
  service: MccService;
  clock: VirtualClock;
  published: DomainEvent[];
  /** The schema the nodes share. */
  schema: string;
}

/** Options of {@link startNodes}. */
export interface NodesOptions {
  count?: number;
  config?: ContactCenterConfigInput;
  /** Each engine also polls the store for due timers this often (real ms). */
  timerPollMs?: number;
  store?: PostgresStoreOptions;
}

/**
 * Starts `count` engines (default 2) on ONE fresh schema, at the same moment, each with its own
 * pool and its own virtual clock (all at the same start time), as separate server processes
 * behind a load balancer would be. Call inside a test: the engines close when it finishes.
 */
export async function startNodes(options: NodesOptions = {}): Promise<Node[]> {
  const schema = uniqueSchema();
  const nodes = await Promise.all(
    Array.from({ length: options.count ?? 2 }, async () => {
      const clock = new VirtualClock();
      const engine = await createEngine({
        store: await openStore({ ...options.store, schema }),
        clock,
        ...(options.config ? { config: options.config } : {}),
        ...(options.timerPollMs ? { timerPollMs: options.timerPollMs } : {}),
      });
      const published: DomainEvent[] = [];
      engine.control.subscribe((event) => published.push(event));
      return { engine, service: withValidation(engine), clock, published, schema };
    }),
  );
  onTestFinished(async () => {
    await Promise.all(nodes.map((n) => n.engine.close()));
  });
  return nodes;
}

/** The node that serves request number `i` (round robin, as a load balancer would). */
export function nodeFor<T>(nodes: readonly T[], i: number): T {
  const node = nodes[i % nodes.length];
  if (!node) throw new Error('no nodes');
  return node;
}

/** How many times each value occurs. */
export function tally<T>(items: readonly T[], pick: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[pick(item)] = (out[pick(item)] ?? 0) + 1;
  return out;
}
