import { describe, expect, test } from 'vitest';
import { MccClientError } from './client-error.js';
import { readResult } from './read-result.js';

function error(run: () => unknown): MccClientError {
  try {
    run();
  } catch (e) {
    if (e instanceof MccClientError) return e;
    throw e;
  }
  throw new Error('expected an MccClientError');
}

describe('readResult, tolerant (the default)', () => {
  test('minimal answers: only the guaranteed fields are required', () => {
    expect(readResult('logoutAgentFromChannel', { result: 'SUCCESS' })).toEqual({ result: 'SUCCESS' });
    expect(readResult('closeSession', { result: 'SUCCESS' })).toEqual({ result: 'SUCCESS' });
    expect(readResult('sessionAccept', { result: 'SUCCESS', sessionId: 's' })).toEqual({
      result: 'SUCCESS',
      sessionId: 's',
    });
    expect(readResult('getServiceState', { result: 'SUCCESS', state: {} })).toEqual({
      result: 'SUCCESS',
      state: {},
    });
  });

  test('an answer without what it is for is still malformed', () => {
    expect(error(() => readResult('startSession', { result: 'SUCCESS' })).code).toBe('MALFORMED_RESPONSE');
    expect(error(() => readResult('checkSession', { result: 'SUCCESS', sessionId: 's' })).message).toMatch(
      /status/,
    );
    expect(error(() => readResult('checkSession', [])).code).toBe('MALFORMED_RESPONSE');
    expect(error(() => readResult('checkSession', { result: 'MAYBE' })).code).toBe('MALFORMED_RESPONSE');
  });

  test('unknown enum values pass through as written; nulls and extra fields are dropped', () => {
    expect(
      readResult('checkSession', { result: 'SUCCESS', status: 'TRANSFERRED', username: null, extra: 1 }),
    ).toEqual({ result: 'SUCCESS', status: 'TRANSFERRED' });
    expect(readResult('closeSession', { result: 'FAILED', failReason: 'SESSION_LOCKED' })).toEqual({
      result: 'FAILED',
      failReason: 'SESSION_LOCKED',
    });
    expect(
      readResult('getServiceState', { result: 'SUCCESS', state: { A: 'ACTIVE', B: 'ON_HOLD' } }),
    ).toEqual({ result: 'SUCCESS', state: { A: 'ACTIVE', B: 'ON_HOLD' } });
  });

  test('a SUCCESS carrying a fail reason reads without it', () => {
    expect(readResult('closeSession', { result: 'SUCCESS', sessionId: 's', failReason: 'GENERIC' })).toEqual({
      result: 'SUCCESS',
      sessionId: 's',
    });
  });
});

describe('readResult, strict', () => {
  const strict = { strict: true } as const;

  test('the contract reads as it is', () => {
    expect(readResult('closeSession', { result: 'SUCCESS', sessionId: 's' }, strict)).toEqual({
      result: 'SUCCESS',
      sessionId: 's',
    });
  });

  test('every deviation is listed', () => {
    const e = error(() =>
      readResult(
        'checkSession',
        { result: 'SUCCESS', status: 'TRANSFERRED', username: null, extra: 1 },
        { strict: true, deviations: ['root wrapped in checkSessionResult'] },
      ),
    );
    expect(e.code).toBe('MALFORMED_RESPONSE');
    const deviations = e.details?.deviations as string[];
    expect(deviations).toContain('root wrapped in checkSessionResult');
    expect(deviations).toContain('username: null instead of absent');
    expect(deviations.join('\n')).toMatch(/sessionId/);
    expect(deviations.join('\n')).toMatch(/status/);
    expect(deviations.join('\n')).toMatch(/extra/);
  });

  test('a minimal answer our servers would never write is a deviation', () => {
    expect(error(() => readResult('logoutAgentFromChannel', { result: 'SUCCESS' }, strict)).code).toBe(
      'MALFORMED_RESPONSE',
    );
    expect(
      error(() => readResult('closeSession', { result: 'FAILED', failReason: 'SESSION_LOCKED' }, strict))
        .code,
    ).toBe('MALFORMED_RESPONSE');
  });
});
