// Property-based fuzzing of the REST server over real HTTP: garbage requests (methods, paths,
// query strings with broken percent-encoding, bodies in other encodings, huge and empty values)
// mixed with valid calls of the fuzz scenario, against the real handler over the reference
// engine. The server must answer everything, never 5xx, never leak internals, and the §6
// invariants must hold afterwards. `FUZZ_RUNS=100000 pnpm fuzz` runs the long campaign; a failure
// prints fast-check's seed and path: replay with `FUZZ_SEED=<seed> FUZZ_PATH=<path>`.
import { createServer } from 'node:http';
import { type OperationName, operationNames } from '@mcc/core';
import {
  createEngineTarget,
  createFuzzScenario,
  type FuzzCall,
  fastCheckParameters,
  findLeak,
  fuzzSettings,
  playFuzzRound,
  sendRawHttp,
  serverOnlyFailReasons,
  watchService,
} from '@mcc/testkit';
import fc from 'fast-check';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { decodeAnswer } from '../src/client/decode-answer.js';
import {
  createRestHandler,
  DEFAULT_MAX_URL_LENGTH,
  PROBLEM_MEDIA_TYPE,
  type RestHandler,
} from '../src/server/index.js';
import { BASE, batch, type RestGarbage, renderGarbage, restRequest } from './support/fuzz-requests.js';
import { type Listening, listen } from './support/listen.js';

const ANSWER_TIMEOUT_MS = 10_000;
let current: RestHandler | undefined;
let server: Listening;
const dispatcher = new Agent({
  headersTimeout: ANSWER_TIMEOUT_MS,
  bodyTimeout: ANSWER_TIMEOUT_MS,
  connections: 8,
});

beforeAll(async () => {
  // One socket for every run; each run swaps in a handler over a fresh engine.
  // Headers as large as createRestServer allows, so that long URLs reach the handler's 414.
  server = await listen(
    createServer({ maxHeaderSize: DEFAULT_MAX_URL_LENGTH + 16 * 1024 }, (req, res) => {
      if (!current?.(req, res)) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not an MCC path');
      }
    }),
  );
});
afterAll(async () => {
  await dispatcher.close();
  await server.close();
});

const operationOfPath = new Map<string, OperationName>(operationNames.map((op) => [`${BASE}/${op}`, op]));

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** Sends one request; a transport error or a timeout becomes a violation. */
async function send(
  method: string,
  target: string,
  headers: Record<string, string | string[]>,
  body: Buffer | string | undefined,
  violations: string[],
): Promise<Answer | undefined> {
  try {
    const response = await request(`${server.origin}${target}`, {
      method: method as 'GET',
      headers,
      body: body ?? null,
      dispatcher,
      signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS + 1000),
    });
    return { status: response.statusCode, headers: response.headers, text: await response.body.text() };
  } catch (error) {
    violations.push(`${method} ${target.slice(0, 200)}: no answer (${(error as Error).message})`);
    return undefined;
  }
}

/**
 * Node's own HTTP parser refuses some requests before any handler runs (a request target over its
 * 16 KiB header limit: 431): a bare status line and an empty body, which is fine.
 */
function byNode(answer: Answer): boolean {
  return (
    (answer.status === 431 || answer.status === 400) && answer.text === '' && !answer.headers['content-type']
  );
}

/**
 * Checks one answer against the wire contract; returns the decoded result of an operation's
 * 200 answer.
 */
function checkAnswer(method: string, target: string, answer: Answer, violations: string[]) {
  const where = `${method} ${target.slice(0, 200)} → ${answer.status}`;
  const leak = findLeak(answer.text);
  if (leak) violations.push(`${where} leaks ${leak}: ${answer.text.slice(0, 300)}`);
  if (answer.status >= 500) violations.push(`${where}: server error ${answer.text.slice(0, 300)}`);
  const contentType = String(answer.headers['content-type'] ?? '');
  if (answer.status >= 400 && method !== 'HEAD' && contentType.startsWith(PROBLEM_MEDIA_TYPE)) {
    const problem = JSON.parse(answer.text) as { status?: number; code?: string; detail?: string };
    if (problem.status !== answer.status || !problem.code || !(problem.detail && problem.detail.length > 10))
      violations.push(`${where}: not a readable problem body: ${answer.text.slice(0, 300)}`);
  } else if (
    answer.status >= 400 &&
    method !== 'HEAD' &&
    answer.text !== 'not an MCC path' &&
    !byNode(answer)
  ) {
    violations.push(`${where}: error without a problem body (${contentType}): ${answer.text.slice(0, 200)}`);
  }
  if (answer.status === 405 && !answer.headers.allow) violations.push(`${where}: 405 without Allow`);
  const pathname = target.split('?')[0]!.replace(/\/+$/, '');
  const operation = operationOfPath.get(pathname);
  if (answer.status !== 200 || method === 'HEAD' || !operation) return undefined;
  try {
    const result = decodeAnswer(operation, JSON.parse(answer.text)) as Record<string, unknown>;
    if (result.failReason !== undefined && serverOnlyFailReasons(operation).has(String(result.failReason)))
      violations.push(`${where}: a server-side failure for client input: ${answer.text.slice(0, 300)}`);
    return result;
  } catch (error) {
    violations.push(
      `${where}: not a ${operation} result (${(error as Error).message}): ${answer.text.slice(0, 300)}`,
    );
    return undefined;
  }
}

test(
  'REST: garbage mixed with valid calls never crashes, hangs, 5xx-es or leaks, and §6 holds',
  async () => {
    const settings = fuzzSettings(150);
    await fc.assert(
      fc.asyncProperty(fc.array(batch, { minLength: 1, maxLength: 4 }), async (batches) => {
        const target = await createEngineTarget();
        const watched = watchService(target.engine);
        const violations: string[] = [];
        current = createRestHandler(watched.service, {
          onError: (e) => violations.push(`onError: ${String(e)}`),
        });
        const scenario = createFuzzScenario(target.control);
        const sendValid = async (call: FuzzCall) => {
          const { method, path, body } = restRequest(call);
          const headers: Record<string, string> = body ? { 'content-type': 'application/json' } : {};
          const answer = await send(method, path, headers, body, violations);
          return answer && checkAnswer(method, path, answer, violations);
        };
        const sendGarbage = async (garbage: RestGarbage) => {
          const { target: url, body } = renderGarbage(garbage, scenario.sessionId);
          const answer = await send(garbage.method, url, garbage.headers, body, violations);
          if (answer) checkAnswer(garbage.method, url, answer, violations);
        };
        violations.push(
          ...(await playFuzzRound({ batches, scenario, watched, target, sendValid, sendGarbage })),
        );
        expect(violations).toEqual([]);
      }),
      fastCheckParameters(settings),
    );
  },
  fuzzSettings(150).timeoutMs,
);

test(
  'REST: raw bytes no HTTP client would send get an answer or a closed connection, never a 5xx',
  async () => {
    current = createRestHandler((await createEngineTarget()).engine);
    const line = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc
        .tuple(
          fc.constantFrom('GET', 'PUT', 'G\u0000T', 'GET GET', ''),
          fc.string({ unit: 'binary', maxLength: 60 }),
          fc.constantFrom('HTTP/1.1', 'HTTP/1.0', 'HTTP/9.9', 'HTTP/1.1\u0000', ''),
        )
        .map(([m, t, v]) => `${m} ${BASE}/checkSession?sessionId=${t} ${v}`),
    );
    const head = fc.array(
      fc.oneof(
        fc.constantFrom(
          'Host: x',
          'Content-Length: -1',
          'Content-Length: 99999999999999999999',
          'Content-Length: 5\r\nContent-Length: 6',
          'Transfer-Encoding: chunked',
          'Transfer-Encoding: gzip, chunked',
          'Content-Type: application/json',
          'Expect: 100-continue',
          'Connection: close',
        ),
        fc.string({ unit: 'binary', maxLength: 30 }),
      ),
      { maxLength: 4 },
    );
    const settings = fuzzSettings(200);
    await fc.assert(
      fc.asyncProperty(line, head, fc.string({ unit: 'binary', maxLength: 80 }), async (l, h, b) => {
        const answer = await sendRawHttp(
          server.origin,
          Buffer.from(`${l}\r\n${h.join('\r\n')}\r\n\r\n${b}`, 'utf8'),
        );
        expect(answer.timedOut, 'the server neither answered nor closed').toBe(false);
        if (answer.status !== undefined) expect(answer.status).toBeLessThan(500);
        expect(findLeak(answer.text)).toBeUndefined();
      }),
      fastCheckParameters(settings),
    );
  },
  fuzzSettings(200).timeoutMs,
);
