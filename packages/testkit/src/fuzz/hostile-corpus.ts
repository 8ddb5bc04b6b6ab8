import { request } from 'node:http';
import { findLeak } from './leaks.js';

/** One hostile request and the one answer it must get. */
export interface HostileCase {
  /** Unique and stable: `class/detail`. */
  readonly id: string;
  /** The class of attack (issue 15's findings and the classes the older tests cover). */
  readonly class: string;
  readonly method: string;
  /** Path and query, already percent-encoded as it goes on the wire. */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  readonly expect: {
    /** The HTTP status. */
    readonly status: number;
    /** The reason the transport's reader finds: a fail reason, a problem code, a fault code. */
    readonly reason: string;
    /** Text the answer must contain (e.g. a map entry, a limit named in a message). */
    readonly contains?: string | RegExp;
  };
}

/** An answer as the corpus reads it. */
export interface HostileAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** How {@link runHostileCorpus} reaches and judges a server. */
export interface HostileRunOptions {
  /** `http://127.0.0.1:PORT`. */
  origin: string;
  /** The reason of an answer (see {@link HostileCase.expect}); undefined when it has none. */
  reasonOf(answer: HostileAnswer): string | undefined;
  /** A normal request that must still be served after each case. */
  probe(): Promise<boolean>;
  /** Longest wait for each answer, in ms. Default 5000. */
  deadlineMs?: number;
}

/** Sends one case with node:http (a raw path, any header), reading the whole answer. */
function send(origin: string, c: HostileCase, deadlineMs: number): Promise<HostileAnswer | string> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve) => {
    const req = request(
      {
        host: hostname,
        port: Number(port),
        method: c.method,
        path: c.path,
        headers: c.headers ?? {},
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          clearTimeout(timer);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          });
        });
        res.on('error', () => resolve('the answer was cut off'));
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      resolve(`no answer within ${deadlineMs} ms`);
    }, deadlineMs);
    // The server may answer and close before the whole body is written: only a missing answer counts.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') {
        clearTimeout(timer);
        resolve(`request failed: ${error.code ?? error.message}`);
      }
    });
    req.end(c.body);
  });
}

/**
 * Plays every case against the server at `options.origin` and returns what went wrong, one line
 * per failed case (empty: all passed). The verdict is the same for every case: an answer within
 * the deadline, the expected status and reason (and text), nothing of the server's internals in
 * it, and the server still serving a normal request afterwards.
 */
export async function runHostileCorpus(
  cases: readonly HostileCase[],
  options: HostileRunOptions,
): Promise<string[]> {
  const deadlineMs = options.deadlineMs ?? 5000;
  const failures: string[] = [];
  for (const c of cases) {
    const answer = await send(options.origin, c, deadlineMs);
    const problems: string[] = [];
    if (typeof answer === 'string') problems.push(answer);
    else {
      if (answer.status !== c.expect.status)
        problems.push(`status ${answer.status}, expected ${c.expect.status}`);
      const reason = options.reasonOf(answer);
      if (reason !== c.expect.reason) problems.push(`reason ${reason}, expected ${c.expect.reason}`);
      const { contains } = c.expect;
      if (contains !== undefined) {
        const found =
          typeof contains === 'string' ? answer.text.includes(contains) : contains.test(answer.text);
        if (!found) problems.push(`the answer does not contain ${String(contains)}`);
      }
      const leak = findLeak(answer.text);
      if (leak) problems.push(`leaks ${leak}`);
    }
    if (!(await options.probe().catch(() => false)))
      problems.push('the server no longer serves a normal request');
    if (problems.length > 0) failures.push(`${c.id}: ${problems.join('; ')}`);
  }
  return failures;
}

/** Checks that ids are unique and counts cases per class (for the test's own assertions). */
export function corpusClasses(cases: readonly HostileCase[]): Map<string, number> {
  const ids = new Set<string>();
  const classes = new Map<string, number>();
  for (const c of cases) {
    if (ids.has(c.id)) throw new Error(`duplicate corpus case id ${c.id}`);
    ids.add(c.id);
    classes.set(c.class, (classes.get(c.class) ?? 0) + 1);
  }
  return classes;
}
