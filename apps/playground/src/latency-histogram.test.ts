import { Histogram, Registry } from 'prom-client';
import { describe, expect, test } from 'vitest';
import { LatencyHistogram } from './latency-histogram.js';

describe('LatencyHistogram', () => {
  test("exposes exactly what prom-client's Histogram exposes for the same observations", async () => {
    const ours = new Registry();
    const histogram = new LatencyHistogram(ours);
    const theirs = new Registry();
    const reference = new Histogram({
      name: 'mcc_request_duration_seconds',
      help: 'Time to answer an MCC operation, by transport and operation',
      labelNames: ['transport', 'operation'] as const,
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [theirs],
    });
    const samples: Array<[string, string, number]> = [
      ['rest', 'checkSession', 0.0002],
      ['rest', 'checkSession', 0.001],
      ['rest', 'checkSession', 0.0011],
      ['soap', 'startSession', 0.3],
      ['soap', 'startSession', 7],
      ['rest', 'closeSession', 0.05],
    ];
    for (const [transport, operation, seconds] of samples) {
      histogram.observe(transport, operation, seconds);
      reference.observe({ transport, operation }, seconds);
    }
    expect(await ours.metrics()).toBe(await theirs.metrics());
    ours.resetMetrics();
    expect(await ours.metrics()).not.toContain('_bucket');
  });
});
