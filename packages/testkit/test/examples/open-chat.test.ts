import type { MccService } from '@mcc/core';
import { createEngineTarget, type EngineTarget } from '@mcc/testkit';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';

// The code under test: a chat back end that opens a session for a visitor and puts it in line.
async function openChat(mcc: MccService, visitor: { page: string }) {
  const started = await mcc.startSession({
    channelId: 1003,
    serviceid: 'SUPPORT',
    data: JSON.stringify(visitor),
  });
  if (started.result === 'FAILED') return { ok: false, reason: started.failReason };
  const accepted = await mcc.sessionAccept({ sessionId: started.sessionId });
  if (accepted.result === 'FAILED') {
    await mcc.closeSession({ sessionId: started.sessionId });
    return { ok: false, reason: accepted.failReason };
  }
  return { ok: true, sessionId: started.sessionId, status: accepted.status };
}

describe('openChat', () => {
  let mcc: EngineTarget; // engine + memory store + virtual clock, on the demo contact center

  beforeEach(async () => {
    mcc = await createEngineTarget();
  });
  afterEach(() => mcc.close());

  test('a free agent takes the chat at once', async () => {
    // In the demo contact center alice is logged in on LiveHelp (1003) and answers at once.
    expect(await openChat(mcc.service, { page: '/pricing' })).toMatchObject({ ok: true, status: 'ASSIGNED' });
  });

  test('with every agent logged out, the chat waits in the queue', async () => {
    await mcc.control.logoutAgent('alice', 1003);
    await mcc.control.logoutAgent('bob', 1003);
    expect(await openChat(mcc.service, { page: '/' })).toMatchObject({ ok: true, status: 'QUEUED' });
  });

  test('a service switched off refuses the chat, and no session is left open', async () => {
    await mcc.control.setServiceOutOfService('SUPPORT', true);
    expect(await openChat(mcc.service, { page: '/' })).toEqual({
      ok: false,
      reason: 'REQUEST_REJECTED_BY_SERVICE',
    });
    expect(await mcc.control.listSessions({ status: ['NEW', 'QUEUED'] })).toEqual([]);
  });

  test('a failing database reaches the visitor as DATABASE_ERROR', async () => {
    mcc.storeFaults.failNext(1);
    expect(await openChat(mcc.service, { page: '/' })).toEqual({ ok: false, reason: 'DATABASE_ERROR' });
  });
});
