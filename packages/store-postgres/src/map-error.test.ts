import assert from 'node:assert/strict';
import { MccError } from '@mcc/core';
import { describe, test } from 'vitest';
import { isConnectionError, isRetryable, toStoreError } from './map-error.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('toStoreError', () => {
  test.each([
    ['57014', 'STORE_TIMEOUT'],
    ['55P03', 'STORE_TIMEOUT'],
    ['57P01', 'STORE_UNAVAILABLE'],
    ['08006', 'STORE_UNAVAILABLE'],
    ['ECONNREFUSED', 'STORE_UNAVAILABLE'],
    ['42P01', 'STORE_UNAVAILABLE'],
  ])('code %s becomes %s, keeping the cause', (code, expected) => {
    const cause = withCode(code);
    const mapped = toStoreError(cause, 'testing');
    assert.equal(mapped.code, expected);
    assert.equal(mapped.cause, cause);
  });

  test('driver messages: a lost connection is unavailable, a client read timeout is a timeout', () => {
    assert.equal(
      toStoreError(new Error('Connection terminated unexpectedly'), 't').code,
      'STORE_UNAVAILABLE',
    );
    assert.equal(toStoreError(new Error('Query read timeout'), 't').code, 'STORE_TIMEOUT');
  });

  test('an MccError passes through unchanged', () => {
    const closed = new MccError('STORE_CLOSED', 'closed');
    assert.equal(toStoreError(closed, 't'), closed);
  });
});

describe('classification', () => {
  test('connection errors by SQLSTATE class 08, shutdown codes, socket codes and messages', () => {
    for (const code of ['08001', '08006', '57P01', '57P02', '57P03', 'ECONNRESET', 'EPIPE'])
      assert.ok(isConnectionError(withCode(code)), code);
    assert.ok(isConnectionError(new Error('timeout exceeded when trying to connect')));
    assert.ok(!isConnectionError(withCode('23505')));
    assert.ok(!isConnectionError(withCode('57014')));
  });

  test('deadlocks and serialization failures are retryable, directly or as a cause', () => {
    assert.ok(isRetryable(withCode('40P01')));
    assert.ok(isRetryable(new MccError('STORE_UNAVAILABLE', 'x', { cause: withCode('40001') })));
    assert.ok(!isRetryable(withCode('23505')));
    assert.ok(!isRetryable(new Error('plain')));
  });
});
