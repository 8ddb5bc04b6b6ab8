import type { ContactCenterSnapshot, Engine } from '@mcc/engine';
import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { FaultInjector } from './faults/index.js';
import { LatencyHistogram } from './latency-histogram.js';

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

/**
 * Creates the registry; gauges of open sessions and queue lengths are read from the engine at
 * scrape time. Given the fault injector, also counts the faults it injects and shows its settings.
 */
export function createMetrics(engine: Engine, faults?: FaultInjector): Metrics {
  // One snapshot per scrape, shared by the gauges below.
  let snapshot: Promise<ContactCenterSnapshot> | undefined;
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
  const latency = new LatencyHistogram(registry);
  /** A gauge read from the contact-center snapshot at scrape time: one value per label. */
  const snapshotGauge = (
    name: string,
    help: string,
    label: string,
    values: (snapshot: ContactCenterSnapshot) => Array<[string, number]>,
  ) =>
    new Gauge({
      name,
      help,
      labelNames: [label],
      registers: [registry],
      async collect() {
        for (const [key, value] of values(await current())) this.set({ [label]: key }, value);
      },
    });
  snapshotGauge('mcc_open_sessions', 'Sessions open (licences in use) per channel', 'channel', (s) =>
    s.channels.map((c) => [String(c.id), c.open]),
  );
  snapshotGauge('mcc_channel_licences', 'Licences per channel', 'channel', (s) =>
    s.channels.map((c) => [String(c.id), c.licences]),
  );
  snapshotGauge('mcc_queue_length', 'Sessions waiting in each service queue', 'service', (s) =>
    s.services.map((svc) => [svc.code, svc.queued]),
  );
  if (faults) registerFaultMetrics(registry, faults);
  return {
    registry,
    record(call) {
      requests.inc({ transport: call.transport, operation: call.operation, result: call.result });
      if (call.failReason)
        failures.inc({ transport: call.transport, operation: call.operation, fail_reason: call.failReason });
      latency.observe(call.transport, call.operation, call.durationMs / 1000);
    },
  };
}

/**
 * `mcc_injected_faults_total{transport,operation,kind}`, and the settings in force as
 * `mcc_fault_rate{operation,kind}` and `mcc_fault_latency_seconds{operation,bound}` (min, max),
 * read at scrape time: a cleared fault disappears from them.
 */
function registerFaultMetrics(registry: Registry, faults: FaultInjector): void {
  const injected = new Counter({
    name: 'mcc_injected_faults_total',
    help: 'Faults the playground injected, by transport, operation and kind',
    labelNames: ['transport', 'operation', 'kind'] as const,
    registers: [registry],
  });
  faults.onInjected((fault) => injected.inc(fault));
  new Gauge({
    name: 'mcc_fault_rate',
    help: 'Share of calls (0-1) that get each configured fault, by operation and kind',
    labelNames: ['operation', 'kind'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [operation, settings] of Object.entries(faults.settings().operations))
        for (const [kind, fault] of Object.entries(settings ?? {}))
          this.set({ operation, kind }, (fault as { rate: number }).rate);
    },
  });
  new Gauge({
    name: 'mcc_fault_latency_seconds',
    help: 'Injected latency bounds (a delay is drawn between min and max), by operation',
    labelNames: ['operation', 'bound'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [operation, settings] of Object.entries(faults.settings().operations)) {
        if (!settings?.latency) continue;
        this.set({ operation, bound: 'min' }, settings.latency.minMs / 1000);
        this.set({ operation, bound: 'max' }, settings.latency.maxMs / 1000);
      }
    },
  });
}
