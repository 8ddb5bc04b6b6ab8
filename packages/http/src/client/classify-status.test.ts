import { describe, expect, test } from 'vitest';
import { classifyStatus } from './classify-status.js';

describe('classifyStatus', () => {
  test('2xx is an answer', () => {
    for (const status of [200, 201, 204, 299]) expect(classifyStatus(status)).toEqual({ ok: true });
  });
  test('401 is UNAUTHORIZED, not retryable', () => {
    expect(classifyStatus(401)).toEqual({ ok: false, code: 'UNAUTHORIZED', retryable: false });
  });
  test('5xx and 429 are retryable HTTP errors; other statuses are not retryable', () => {
    expect(classifyStatus(500)).toEqual({ ok: false, code: 'HTTP_ERROR', retryable: true });
    expect(classifyStatus(503)).toEqual({ ok: false, code: 'HTTP_ERROR', retryable: true });
    expect(classifyStatus(429)).toEqual({ ok: false, code: 'HTTP_ERROR', retryable: true });
    for (const status of [100, 199, 301, 400, 403, 404, 413])
      expect(classifyStatus(status)).toEqual({ ok: false, code: 'HTTP_ERROR', retryable: false });
  });
});
