// Property-based fuzzing of the SOAP server over real HTTP: garbage requests (envelopes mutated,
// in other charsets and byte orders, compressed or corrupt or bombs, with BOMs, DTDs, deep
// nesting, huge and empty values, wrong methods, content types and SOAPActions) mixed with valid
// calls of the fuzz scenario, against the real handler over the reference engine. The server
// must answer everything, never with a Server fault (the service never really fails here) nor
// another 5xx, never leak internals, and the §6 invariants must hold afterwards.
// `FUZZ_RUNS=100000 pnpm fuzz` runs the long campaign; a failure prints fast-check's seed and
// path: replay with `FUZZ_SEED=<seed> FUZZ_PATH=<path>`.
import { request as httpRequest } from 'node:http';
import { readResult } from '@mcc/core';
import {
  createEngineTarget,
  createFuzzScenario,
  type FuzzCall,
  fastCheckParameters,
  findLeak,
  fuzzSettings,
  playFuzzRound,
  serverOnlyFailReasons,
  watchService,
} from '@mcc/testkit';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { readFault } from '../src/envelope/fault.js';
import { decodeResult, readEnvelope } from '../src/envelope/read-envelope.js';
import { createSoapHandler, type SoapHandler } from '../src/server/index.js';
import { soapOperationBySoapName, soapOperationOf } from '../src/soap-operations.js';
import { childElement } from '../src/xml/parse-xml.js';
import { batch, renderGarbage, SOAP_PATH, type SoapGarbage, soapRequest } from './support/fuzz-envelopes.js';
import { type Listening, listen } from './support/listen.js';

const ANSWER_TIMEOUT_MS = 10_000;
let current: SoapHandler | undefined;
let server: Listening;

beforeAll(async () => {
  // One socket for every run; each run swaps in a handler over a fresh engine.
  server = await listen((req, res) => current?.(req, res));
});
afterAll(() => server.close());

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * Sends one request with node:http (which still reads an answer the server sent before closing on
 * a body it refused); no answer within the time limit is a violation. A reset on a reused
 * keep-alive socket (the server closed it as idle just as it was reused: the race Node's
 * documentation tells clients to retry) is retried once on a new connection.
 */
function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body: Buffer | string | undefined,
  violations: string[],
  retried = false,
): Promise<Answer | undefined> {
  return new Promise((resolve) => {
    let answered = false;
    const fail = (why: string) => {
      if (answered) return;
      answered = true;
      violations.push(`${method} ${path}: no answer (${why})`);
      resolve(undefined);
    };
    // node:http frames a GET/DELETE/OPTIONS body only with an explicit Content-Length.
    const framed =
      body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) };
    const req = httpRequest(
      `${server.origin}${path}`,
      { method, headers: framed, timeout: ANSWER_TIMEOUT_MS, ...(retried ? { agent: false } : {}) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', () => fail('the answer broke off'));
        res.on('end', () => {
          if (answered) return;
          answered = true;
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );
    req.on('timeout', () => {
      req.destroy();
      fail(`nothing within ${ANSWER_TIMEOUT_MS} ms`);
    });
    // The server may close while the body is still being written: only a missing answer counts.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET' && req.reusedSocket && !retried && !answered) {
        answered = true;
        resolve(send(method, path, headers, body, violations, true));
        return;
      }
      const why = `${error.code ?? error.message}${req.reusedSocket ? ', reused socket' : ''}`;
      setTimeout(() => fail(why), error.code === 'EPIPE' || error.code === 'ECONNRESET' ? 500 : 0);
    });
    req.end(body);
  });
}

/** Checks one answer against the wire contract; returns the result of a normal SOAP answer. */
function checkAnswer(method: string, path: string, answer: Answer, violations: string[]) {
  const where = `${method} ${path} → ${answer.status}`;
  const leak = findLeak(answer.text);
  if (leak) violations.push(`${where} leaks ${leak}: ${answer.text.slice(0, 300)}`);
  const contentType = String(answer.headers['content-type'] ?? '');
  const isSoap = /^(text\/xml|application\/soap\+xml)/.test(contentType) && method === 'POST';
  if (!isSoap) {
    if (answer.status >= 500)
      violations.push(`${where}: a 5xx that is not a SOAP fault: ${answer.text.slice(0, 200)}`);
    return undefined;
  }
  let payload: ReturnType<typeof readEnvelope>['payload'];
  try {
    payload = readEnvelope(answer.text).payload;
  } catch (error) {
    violations.push(`${where}: the answer is not a SOAP envelope (${(error as Error).message})`);
    return undefined;
  }
  if (payload?.local === 'Fault') {
    const fault = readFault(payload);
    if (fault.code === 'Server')
      violations.push(`${where}: a Server fault for client input: ${fault.message}`);
    if (fault.message.length < 10) violations.push(`${where}: fault without a readable message`);
    return undefined;
  }
  if (answer.status !== 200) violations.push(`${where}: a normal SOAP answer with this status`);
  const op = payload && soapOperationBySoapName(payload.local.replace(/Response$/, ''));
  const returned = payload && childElement(payload, 'return');
  if (!op || !returned) {
    violations.push(`${where}: not an operation's response: ${answer.text.slice(0, 300)}`);
    return undefined;
  }
  try {
    const result = readResult(op.operation, decodeResult(op, returned)) as Record<string, unknown>;
    if (result.failReason !== undefined && serverOnlyFailReasons(op.operation).has(String(result.failReason)))
      violations.push(`${where}: a server-side failure for client input: ${answer.text.slice(0, 300)}`);
    return result;
  } catch (error) {
    violations.push(`${where}: not a valid ${op.soapName} result (${(error as Error).message})`);
    return undefined;
  }
}

test(
  'SOAP: garbage mixed with valid calls never crashes, hangs, Server-faults or leaks, and §6 holds',
  async () => {
    const settings = fuzzSettings(200);
    await fc.assert(
      fc.asyncProperty(fc.array(batch, { minLength: 1, maxLength: 4 }), async (batches) => {
        const target = await createEngineTarget();
        const watched = watchService(target.engine);
        const violations: string[] = [];
        current = createSoapHandler(watched.service, {
          onError: (e) => violations.push(`onError: ${String(e)}`),
        });
        const scenario = createFuzzScenario(target.control);
        const sendValid = async (call: FuzzCall) => {
          const { body, action } = soapRequest(call);
          const headers = { 'content-type': 'text/xml; charset=utf-8', soapaction: action };
          const answer = await send('POST', SOAP_PATH, headers, body, violations);
          const result = answer && checkAnswer('POST', SOAP_PATH, answer, violations);
          const expected = soapOperationOf(call.operation).soapName;
          if (answer && result === undefined)
            violations.push(`valid ${expected} got no result: ${answer.text.slice(0, 300)}`);
          return result;
        };
        const sendGarbage = async (garbage: SoapGarbage) => {
          const { method, path, headers, body } = renderGarbage(garbage, scenario.sessionId);
          const answer = await send(method, path, headers, body, violations);
          if (answer) checkAnswer(method, path, answer, violations);
        };
        violations.push(
          ...(await playFuzzRound({ batches, scenario, watched, target, sendValid, sendGarbage })),
        );
        expect(violations).toEqual([]);
      }),
      fastCheckParameters(settings),
    );
  },
  fuzzSettings(200).timeoutMs,
);
