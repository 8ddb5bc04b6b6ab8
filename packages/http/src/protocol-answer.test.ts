import type { MccService } from '@mcc/core';
import { DropConnectionError, dispatch, ServerFaultError, ServiceUnavailableError } from '@mcc/core';
import { describe, expect, test } from 'vitest';
import { protocolAnswer } from './protocol-answer.js';

/** A service whose every operation throws `error`. */
function throwing(error: unknown): MccService {
  return new Proxy({} as MccService, {
    get: () => async () => {
      throw error;
    },
  });
}

describe('protocol faults', () => {
  test('each asks for its own protocol answer; other errors ask for none', () => {
    expect(protocolAnswer(new ServiceUnavailableError('busy', { retryAfterSeconds: 3 }))).toEqual({
      kind: 'fault',
      status: 503,
      message: 'busy',
      headers: { 'retry-after': '3' },
    });
    expect(protocolAnswer(new ServiceUnavailableError())).toMatchObject({ status: 503, headers: {} });
    expect(protocolAnswer(new ServerFaultError('backend said no'))).toEqual({
      kind: 'fault',
      status: 500,
      message: 'backend said no',
      headers: {},
    });
    expect(protocolAnswer(new DropConnectionError())).toEqual({ kind: 'drop' });
    expect(protocolAnswer(new Error('x'))).toBeUndefined();
  });

  test('dispatch passes them to the transport even where the operation has an internal fail reason', async () => {
    const unavailable = new ServiceUnavailableError();
    // startSession maps an ordinary error to GENERIC…
    await expect(
      dispatch(throwing(new Error('boom')), 'startSession', { channelId: 1, serviceid: 'S' }),
    ).resolves.toMatchObject({ result: 'FAILED', failReason: 'GENERIC' });
    // …but a protocol fault is rethrown as it is.
    await expect(
      dispatch(throwing(unavailable), 'startSession', { channelId: 1, serviceid: 'S' }),
    ).rejects.toBe(unavailable);
    const drop = new DropConnectionError();
    await expect(dispatch(throwing(drop), 'closeSession', { sessionId: 's' })).rejects.toBe(drop);
  });
});
