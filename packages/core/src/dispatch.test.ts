import { describe, expect, test } from 'vitest';
import { dispatch, failed, validateRequest, withValidation } from './dispatch.js';
import { MccError } from './errors.js';
import { operationNames, operations } from './operations/index.js';
import type { MccService } from './service.js';

describe('validateRequest', () => {
  test('coerces wire strings to typed values and drops unknown parameters', () => {
    expect(
      validateRequest('startSession', { channelId: ' 1003 ', serviceid: 'SUPPORT', extra: 'x' }),
    ).toEqual({
      ok: true,
      request: { channelId: 1003, serviceid: 'SUPPORT' },
    });
    expect(validateRequest('getServiceState', { channelId: 1, serviceCodes: 'A, B,A' })).toEqual({
      ok: true,
      request: { channelId: 1, serviceCodes: ['A', 'B'] },
    });
  });

  test('a single-element list counts as the scalar (repeated query parameters)', () => {
    expect(validateRequest('checkSession', { sessionId: ['abc'] })).toEqual({
      ok: true,
      request: { sessionId: 'abc' },
    });
  });

  test('two values for a scalar parameter are invalid, not silently picked', () => {
    const v = validateRequest('startSession', { channelId: ['1', '2'], serviceid: 'S' });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.result).toMatchObject({ result: 'FAILED', failReason: 'INVALID_CHANNEL_ID' });
  });

  test('data over 64 KiB is GENERIC; exactly 64 KiB is accepted', () => {
    const ok = validateRequest('startSession', { channelId: 1, serviceid: 'S', data: 'x'.repeat(65536) });
    expect(ok.ok).toBe(true);
    const tooBig = validateRequest('startSession', { channelId: 1, serviceid: 'S', data: 'x'.repeat(65537) });
    expect(tooBig).toMatchObject({ ok: false, result: { failReason: 'GENERIC' } });
  });

  test('non-object input reads as no parameters at all', () => {
    for (const input of [null, undefined, 'text', 42]) {
      const v = validateRequest('startSession', input);
      expect(v).toMatchObject({ ok: false, result: { failReason: 'REQUIRED_PARAMETERS' } });
    }
  });

  test('every operation’s precedence lists only its own fail reasons, and faults too', () => {
    for (const name of operationNames) {
      const op = operations[name];
      const own = new Set<string>(op.failReason.options);
      for (const reason of op.precedence) expect(own.has(reason), `${name}: ${reason}`).toBe(true);
      for (const reason of Object.values(op.faults))
        expect(own.has(reason as string), `${name}: ${reason}`).toBe(true);
      for (const param of Object.values(op.request)) {
        expect(own.has(param.invalid), `${name}: ${param.invalid}`).toBe(true);
        if (param.missing) expect(own.has(param.missing)).toBe(true);
      }
    }
  });
});

describe('dispatch', () => {
  const calls: unknown[] = [];
  const service = {
    async startSession(request: unknown) {
      calls.push(request);
      return { result: 'SUCCESS', sessionId: 'x' };
    },
    async closeSession() {
      throw new MccError('STORE_UNAVAILABLE', 'down');
    },
    async checkSession() {
      throw new MccError('STORE_UNAVAILABLE', 'down');
    },
    async logoutAgentFromChannel() {
      throw new Error('bug');
    },
  } as unknown as MccService;

  test('invalid input never reaches the service', async () => {
    calls.length = 0;
    const result = await dispatch(service, 'startSession', { channelId: 'abc', serviceid: 'S' });
    expect(result).toEqual(
      failed('startSession', 'INVALID_CHANNEL_ID', 'channelId is not valid (must be an integer)'),
    );
    expect(calls).toEqual([]);
  });

  test('valid input reaches the service typed', async () => {
    calls.length = 0;
    await dispatch(service, 'startSession', { channelId: '2', serviceid: 'S' });
    expect(calls).toEqual([{ channelId: 2, serviceid: 'S' }]);
  });

  test('a store failure becomes the operation’s storage reason; other errors its internal reason', async () => {
    expect(await dispatch(service, 'closeSession', { sessionId: 's' })).toMatchObject({
      failReason: 'DATABASE_ERROR',
    });
    expect(
      await dispatch(service, 'logoutAgentFromChannel', { channelId: 1, agentUsername: 'a' }),
    ).toMatchObject({
      failReason: 'LOGOUT_UNKNOWN_ERROR',
    });
  });

  test('an operation without a server-side reason rethrows (the transport answers a server error)', async () => {
    await expect(dispatch(service, 'checkSession', { sessionId: 's' })).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
    });
  });

  test('withValidation routes every operation through dispatch', async () => {
    const wrapped = withValidation(service);
    expect(Object.keys(wrapped).sort()).toEqual([...operationNames].sort());
    expect(await wrapped.startSession({ channelId: 7, serviceid: 'S' })).toMatchObject({
      failReason: 'INVALID_CHANNEL_ID',
    });
  });
});
