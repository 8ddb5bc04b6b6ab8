import type { Registry } from 'prom-client';

/** Bucket upper bounds in seconds. */
const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1] as const;

interface Series {
  labels: { transport: string; operation: string };
  /** Observations per bucket (not cumulative), the last one +Inf. */
  counts: number[];
  sum: number;
  count: number;
}

/**
 * `mcc_request_duration_seconds{transport,operation}`: a Prometheus histogram observed on every
 * MCC call. prom-client's own `Histogram.observe` hashes and validates its label object on each
 * call (≈ 2.4 µs, measurable in `pnpm bench`); here a series is found by one map lookup and
 * cumulated only when scraped. It registers with the registry as any prom-client metric does
 * (`name`, `help`, `type`, `get()`, `reset()`).
 */
export class LatencyHistogram {
  readonly name = 'mcc_request_duration_seconds';
  readonly help = 'Time to answer an MCC operation, by transport and operation';
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  /** Series by transport, then operation: found without building a key. */
  #series = new Map<string, Map<string, Series>>();
  /** Every series in the order first observed (the order prom-client exposes them in). */
  #all: Series[] = [];

  constructor(registry: Registry) {
    registry.registerMetric(this as unknown as Parameters<Registry['registerMetric']>[0]);
  }

  observe(transport: string, operation: string, seconds: number): void {
    let operations = this.#series.get(transport);
    if (!operations) {
      operations = new Map();
      this.#series.set(transport, operations);
    }
    let series = operations.get(operation);
    if (!series) {
      series = {
        labels: { transport, operation },
        counts: new Array(BUCKETS.length + 1).fill(0),
        sum: 0,
        count: 0,
      };
      operations.set(operation, series);
      this.#all.push(series);
    }
    let bucket = 0;
    while (bucket < BUCKETS.length && seconds > (BUCKETS[bucket] as number)) bucket++;
    series.counts[bucket] = (series.counts[bucket] as number) + 1;
    series.sum += seconds;
    series.count++;
  }

  get() {
    const values: Array<{ metricName: string; labels: Record<string, string | number>; value: number }> = [];
    for (const { labels, counts, sum, count } of this.#all) {
      let cumulative = 0;
      BUCKETS.forEach((le, i) => {
        cumulative += counts[i] as number;
        values.push({ metricName: `${this.name}_bucket`, labels: { le, ...labels }, value: cumulative });
      });
      values.push({ metricName: `${this.name}_bucket`, labels: { le: '+Inf', ...labels }, value: count });
      values.push({ metricName: `${this.name}_sum`, labels, value: sum });
      values.push({ metricName: `${this.name}_count`, labels, value: count });
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }

  reset(): void {
    this.#series.clear();
    this.#all = [];
  }
}
