import autocannon from 'autocannon';

/** What one load run measured. */
export interface LoadResult {
  requestsPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  total: number;
}

/** Options of one load run. */
export interface LoadOptions {
  url: string;
  connections: number;
  durationSec: number;
  requests?: autocannon.Request[];
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Requests per second to hold (for latency at a given load). */
  overallRate?: number;
  title: string;
}

/** Runs autocannon, showing progress on stderr. */
export function load(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.durationSec,
        ...(options.requests ? { requests: options.requests } : {}),
        ...(options.method ? { method: options.method } : {}),
        ...(options.headers ? { headers: options.headers } : {}),
        ...(options.body ? { body: options.body } : {}),
        ...(options.overallRate ? { overallRate: options.overallRate } : {}),
      },
      (error, result) => {
        if (error) return reject(error);
        resolve({
          requestsPerSec: result.requests.average,
          p50: result.latency.p50,
          p99: result.latency.p99,
          errors: result.errors + result.timeouts,
          non2xx: result.non2xx,
          total: result.requests.total,
        });
      },
    );
    let ticks = 0;
    instance.on('tick', () => {
      ticks++;
      process.stderr.write(`\r  ${options.title}: ${ticks}/${options.durationSec}s `);
    });
    instance.on('done', () => process.stderr.write('\n'));
  });
}
