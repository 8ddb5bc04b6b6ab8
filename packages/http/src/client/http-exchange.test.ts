import { MccClientError, withRetry } from '@mcc/core';
import { describe, expect, test } from 'vitest';
import {
  type ExchangeController,
  type ExchangeDispatcher,
  type ExchangeHandler,
  type ExchangeRequest,
  exchange,
  headerValue,
} from './http-exchange.js';

/** A dispatcher scripted by the test: it answers (or not) the way a network would. */
function scripted(answer?: (handler: ExchangeHandler, aborted: Error[]) => void) {
  const aborted: Error[] = [];
  const dispatcher: ExchangeDispatcher = {
    dispatch(_request, handler) {
      handler.onRequestStart({ abort: (reason) => aborted.push(reason) }, {});
      answer?.(handler, aborted);
      return true;
    },
  };
  return { dispatcher, aborted };
}

const request: ExchangeRequest = { origin: 'http://mcc.test', path: '/x', method: 'GET', headers: {} };
const controller: ExchangeController = { abort() {} };
const bytes = (text: string) => new TextEncoder().encode(text);

describe('exchange', () => {
  test('reads the whole answer, in as many chunks as it comes', async () => {
    const { dispatcher } = scripted((handler) => {
      handler.onResponseStart(controller, 503, { 'retry-after': '2' });
      handler.onResponseData(controller, bytes('{"a":'));
      handler.onResponseData(controller, bytes('"é"}'));
      handler.onResponseEnd(controller, {});
    });
    const answer = await exchange(dispatcher, request, { timeoutMs: 1000 });
    expect(answer).toEqual({ status: 503, headers: { 'retry-after': '2' }, text: '{"a":"é"}' });
    expect(headerValue(answer.headers, 'retry-after')).toBe('2');
  });

  test('the deadline fails the call as a retryable TIMEOUT and aborts the request', async () => {
    const { dispatcher, aborted } = scripted();
    await expect(
      exchange(dispatcher, request, { operation: 'checkSession', timeoutMs: 5 }),
    ).rejects.toMatchObject({ code: 'TIMEOUT', retryable: true, operation: 'checkSession' });
    expect(aborted).toHaveLength(1);
  });

  test("the caller's abort is ABORTED, also when the signal is already aborted", async () => {
    const caller = new AbortController();
    const { dispatcher, aborted } = scripted();
    const pending = exchange(dispatcher, request, { timeoutMs: 10_000, signal: caller.signal });
    caller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'ABORTED', retryable: false });
    expect(aborted).toHaveLength(1);
    await expect(
      exchange(dispatcher, request, { timeoutMs: 10_000, signal: caller.signal }),
    ).rejects.toMatchObject({ code: 'ABORTED' });
  });

  test('a connection failure is a retryable NETWORK_ERROR with its code', async () => {
    const { dispatcher } = scripted((handler) =>
      handler.onResponseError(controller, Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })),
    );
    await expect(exchange(dispatcher, request, { timeoutMs: 1000 })).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
      retryable: true,
      details: { networkCode: 'ECONNREFUSED' },
    });
  });

  test('an answer larger than maxBytes is MALFORMED_RESPONSE and the request is aborted', async () => {
    const { dispatcher, aborted } = scripted((handler, _aborted) => {
      handler.onResponseStart(controller, 200, {});
      handler.onResponseData({ abort: (reason) => _aborted.push(reason) }, bytes('x'.repeat(11)));
    });
    await expect(exchange(dispatcher, request, { timeoutMs: 1000, maxBytes: 10 })).rejects.toMatchObject({
      code: 'MALFORMED_RESPONSE',
    });
    expect(aborted).toHaveLength(1);
  });

  test('once answered, the deadline and the caller are let go', async () => {
    const caller = new AbortController();
    const { dispatcher, aborted } = scripted((handler) => {
      handler.onResponseStart(controller, 200, {});
      handler.onResponseEnd(controller, {});
    });
    await exchange(dispatcher, request, { timeoutMs: 5, signal: caller.signal });
    await new Promise((r) => setTimeout(r, 20));
    caller.abort();
    expect(aborted).toHaveLength(0);
  });
});

describe('withRetry', () => {
  test('an abort during the backoff is ABORTED, and nothing is sent again', async () => {
    const caller = new AbortController();
    let calls = 0;
    const run = withRetry(
      'checkSession',
      { sessionId: 's' },
      async () => {
        calls++;
        throw new MccClientError('NETWORK_ERROR', 'down', { retryable: true });
      },
      // The caller gives up as the backoff starts.
      { minDelayMs: 1000, maxDelayMs: 1000, retries: 3, onRetry: () => caller.abort() },
      caller.signal,
    );
    await expect(run).rejects.toMatchObject({ code: 'ABORTED' });
    expect(calls).toBe(1);
  });
});
