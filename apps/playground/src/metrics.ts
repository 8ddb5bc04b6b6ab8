import type { Engine } from '@mcc/core';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** One MCC call as the servers report it. */
export interface CallRecord {
  transport: 'rest' | 'soap';
  operation: string;
  result: 'SUCCESS' | 'FAILED' | 'ERROR';
  failReason?: string;
  durationMs: number;
}

/** Prometheus metrics of the playground: MCC calls, fail reasons, latency, licences, queues. */
export interface Metrics {
  registry: Registry;
  record(call: CallRecord): void;
}

/** Creates the registry; gauges of open sessions and queue lengths are read from the engine at scrape time. */
export function createMetrics(engine: Engine): Metrics {
  // One snapshot per scrape, shared by the gauges below.
  let snapshot: ReturnType<Engine['control']['snapshot']> | undefined;
  const current = () => {
    if (!snapshot) {
      snapshot = engine.control.snapshot();
      setImmediate(() => {
        snapshot = undefined;
      });
    }
    return snapshot;
  };
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'mcc_requests_total',
    help: 'MCC operations answered, by transport, operation and result',
    labelNames: ['transport', 'operation', 'result'] as const,
    registers: [registry],
  });
  const failures = new Counter({
    name: 'mcc_fail_reasons_total',
    help: 'FAILED answers by transport, operation and fail reason',
    labelNames: ['transport', 'operation', 'fail_reason'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'mcc_request_duration_seconds',
    help: 'Time to answer an MCC operation, by transport and operation',
    labelNames: ['transport', 'operation'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  new Gauge({
    name: 'mcc_open_sessions',
    help: 'Sessions open (licences in use) per channel',
    labelNames: ['channel'] as const,
    registers: [registry],
    async collect() {
      for (const c of (await current()).channels) this.set({ channel: String(c.id) }, c.open);
    },
  });
  new Gauge({
    name: 'mcc_channel_licences',
    help: 'Licences per channel',
    labelNames: ['channel'] as const,
    registers: [registry],
    async collect() {
      for (const c of (await current()).channels) this.set({ channel: String(c.id) }, c.licences);
    },
  });
  new Gauge({
    name: 'mcc_queue_length',
    help: 'Sessions waiting in each service queue',
    labelNames: ['service'] as const,
    registers: [registry],
    async collect() {
      for (const s of (await current()).services) this.set({ service: s.code }, s.queued);
    },
  });
  return {
    registry,
    record(call) {
      requests.inc({ transport: call.transport, operation: call.operation, result: call.result });
      if (call.failReason)
        failures.inc({ transport: call.transport, operation: call.operation, fail_reason: call.failReason });
      latency.observe({ transport: call.transport, operation: call.operation }, call.durationMs / 1000);
    },
  };
}
