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
  // Counted per call in plain maps, handed to prom-client when scraped: its `inc`
  // hashes and validates the label object on every call (docs/benchmarks.md).
  const requests = new PendingCounts();
  const failures = new PendingCounts();
  new Counter({
    name: 'mcc_requests_total',
    help: 'MCC operations answered, by transport, operation and result',
    labelNames: ['transport', 'operation', 'result'] as const,
    registers: [registry],
    collect() {
      requests.flush((t, o, result, n) => this.inc({ transport: t, operation: o, result }, n));
    },
  });
  new Counter({
    name: 'mcc_fail_reasons_total',
    help: 'FAILED answers by transport, operation and fail reason',
    labelNames: ['transport', 'operation', 'fail_reason'] as const,
    registers: [registry],
    collect() {
      failures.flush((t, o, reason, n) => this.inc({ transport: t, operation: o, fail_reason: reason }, n));
    },
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
      requests.add(call.transport, call.operation, call.result);
      if (call.failReason) failures.add(call.transport, call.operation, call.failReason);
      latency.observe(call.transport, call.operation, call.durationMs / 1000);
    },
  };
}

interface PendingCount {
  transport: string;
  operation: string;
  value: string;
  n: number;
}

/**
 * Counts by (transport, operation, value) since the last scrape: nested maps, so that any label
 * value (an upstream's fail reason included) has its own entry, found without building a key.
 */
class PendingCounts {
  readonly #byTransport = new Map<string, Map<string, Map<string, PendingCount>>>();
  readonly #all: PendingCount[] = [];

  add(transport: string, operation: string, value: string): void {
    let operations = this.#byTransport.get(transport);
    if (!operations) {
      operations = new Map();
      this.#byTransport.set(transport, operations);
    }
    let values = operations.get(operation);
    if (!values) {
      values = new Map();
      operations.set(operation, values);
    }
    const entry = values.get(value);
    if (entry) entry.n++;
    else {
      const created = { transport, operation, value, n: 1 };
      values.set(value, created);
      this.#all.push(created);
    }
  }

  /** Hands every count gathered since the last flush to `inc`, and starts again from zero. */
  flush(inc: (transport: string, operation: string, value: string, n: number) => void): void {
    for (const entry of this.#all) {
      if (entry.n === 0) continue;
      inc(entry.transport, entry.operation, entry.value, entry.n);
      entry.n = 0;
    }
  }
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
