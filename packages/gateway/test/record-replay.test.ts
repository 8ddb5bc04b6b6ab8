import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MccService } from '@mcc/core';
import type { ContactCenterControl } from '@mcc/engine';
import { createRestClient } from '@mcc/rest-transport/client';
import { createEngineTarget } from '@mcc/testkit';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createGateway } from '../src/gateway.js';
import { MANIFEST_FILE, NO_SESSION_FILE } from '../src/recording/format.js';
import { createRecorder } from '../src/recording/recorder.js';
import { createReplay, loadRecording, ReplayMissError } from '../src/recording/replay.js';
import { serveBoth } from './support/serve.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcc-recording-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * A web chat as an integrator scripts it: start, queue, wait to be booked and assigned, send
 * data, close, see it closed. `control` (recording only) moves the contact-center side on.
 */
async function scriptedChat(service: MccService, control?: ContactCenterControl, sessionId?: string) {
  const answers: unknown[] = [];
  const step = async <T>(answer: Promise<T>) => {
    const value = await answer;
    answers.push(value);
    return value;
  };
  await step(service.getServiceState({ channelId: 1003, serviceCodes: ['SUPPORT', 'SALES'] }));
  const start = await step(
    service.startSession({
      channelId: 1003,
      serviceid: 'SUPPORT',
      contactId: 'c-1',
      ...(sessionId ? { sessionId } : {}),
    }),
  );
  if (start.result !== 'SUCCESS') throw new Error(`start failed: ${JSON.stringify(start)}`);
  const id = start.sessionId;
  await step(service.checkSession({ sessionId: id }));
  await step(service.sessionAccept({ sessionId: id }));
  await step(service.checkSession({ sessionId: id }));
  await control?.setAgentReady('bob', 1003, true);
  await step(service.checkSession({ sessionId: id }));
  await control?.acceptSession(id);
  await step(service.checkSession({ sessionId: id }));
  await step(service.checkSession({ sessionId: id }));
  await step(service.setSessionData({ sessionId: id, sessionData: '{"order":42}' }));
  await step(service.checkSessionWithData({ sessionId: id }));
  await step(service.closeSession({ sessionId: id }));
  await step(service.checkSession({ sessionId: id }));
  return { id, answers };
}

async function recordChat(sessionId?: string) {
  const target = await createEngineTarget();
  // Nobody ready: the chat queues until bob is made ready.
  await target.control.setAgentReady('alice', 1003, false);
  await target.control.setAgentReady('bob', 1003, false);
  const recorder = await createRecorder({ upstream: target.service, dir, upstreamName: 'engine:test' });
  const recorded = await scriptedChat(recorder, target.control, sessionId);
  await recorder.flush();
  await target.close();
  return recorded;
}

test('a recorded chat replays as the same sequence of answers', async () => {
  const recorded = await recordChat();
  const states = recorded.answers.map((a) => (a as { status?: string }).status).filter(Boolean);
  // accept → QUEUED, then checks: QUEUED, BOOKED (bob made ready), ASSIGNED (bob accepts)…
  expect(states).toEqual(['NEW', 'QUEUED', 'QUEUED', 'BOOKED', 'ASSIGNED', 'ASSIGNED', 'ASSIGNED', 'CLOSED']);

  const replay = createReplay(await loadRecording(dir));
  const replayed = await scriptedChat(replay);
  expect(replayed.answers).toEqual(recorded.answers);
  expect(replay.misses).toEqual([]);
});

test('the recording is one sorted-key JSON file per session, no credentials, with timing', async () => {
  const recorded = await recordChat();
  expect((await readdir(dir)).sort()).toEqual([NO_SESSION_FILE, MANIFEST_FILE, 'session-0001.json'].sort());
  const text = await readFile(join(dir, 'session-0001.json'), 'utf8');
  const file = JSON.parse(text);
  expect(file.sessionId).toBe(recorded.id);
  expect(file.exchanges.map((e: { operation: string }) => e.operation)).toEqual([
    'startSession',
    'checkSession',
    'sessionAccept',
    'checkSession',
    'checkSession',
    'checkSession',
    'checkSession',
    'setSessionData',
    'checkSessionWithData',
    'closeSession',
    'checkSession',
  ]);
  const first = file.exchanges[0];
  expect(Object.keys(first)).toEqual(['answer', 'durationMs', 'operation', 'request', 'seq', 'startedMs']);
  expect(first.request).toEqual({ channelId: 1003, contactId: 'c-1', serviceid: 'SUPPORT' });
  expect(typeof first.durationMs).toBe('number');
  expect(text.endsWith('}\n')).toBe(true);
  expect(text).not.toMatch(/authorization|password/i);
  const manifest = JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8'));
  expect(manifest).toMatchObject({ format: 'mcc-recording', version: 1, upstream: 'engine:test' });
});

test('a session id the caller chooses is followed through the recorded session', async () => {
  const recorded = await recordChat('chat-recorded');
  const replay = createReplay(await loadRecording(dir));
  const replayed = await scriptedChat(replay, undefined, 'chat-in-ci');
  expect(replayed.id).toBe('chat-in-ci');
  expect(replayed.answers).toEqual(
    JSON.parse(JSON.stringify(recorded.answers).replaceAll('chat-recorded', 'chat-in-ci')),
  );
});

test('reads step through the recorded answers, then repeat the last; a write jumps ahead; an unrecorded call is a miss', async () => {
  await recordChat();
  const replay = createReplay(await loadRecording(dir));
  const start = await replay.startSession({ channelId: 1003, serviceid: 'SUPPORT', contactId: 'c-1' });
  if (start.result !== 'SUCCESS') throw new Error('start failed');
  const { sessionId } = start;
  // The recorded check before the accept is skipped: the accept moves the session's cursor on.
  expect(await replay.sessionAccept({ sessionId })).toMatchObject({ result: 'SUCCESS', status: 'QUEUED' });
  const states = [];
  for (let i = 0; i < 6; i++) states.push((await replay.checkSession({ sessionId })) as { status?: string });
  expect(states.map((s) => s.status)).toEqual([
    'QUEUED',
    'BOOKED',
    'ASSIGNED',
    'ASSIGNED',
    'ASSIGNED',
    'ASSIGNED',
  ]);
  expect(await replay.closeSession({ sessionId })).toMatchObject({ result: 'SUCCESS' });
  expect(await replay.checkSession({ sessionId })).toMatchObject({ status: 'CLOSED' });
  expect(await replay.checkSession({ sessionId })).toMatchObject({ status: 'CLOSED' });
  // A write is answered once: the recorded close is used up.
  await expect(replay.closeSession({ sessionId })).rejects.toThrow(ReplayMissError);
  const miss = replay.closeSession({ sessionId: 'never-recorded' });
  await expect(miss).rejects.toThrow(ReplayMissError);
  await expect(miss).rejects.toThrow(
    'replay: the recording has no answer for closeSession { "sessionId": "never-recorded" }',
  );
  expect(replay.misses.map((m) => m.operation)).toEqual(['closeSession', 'closeSession']);
});

test('served, a missing answer is a protocol error naming what was missing (REST 500, SOAP Server fault)', async () => {
  await recordChat();
  const replay = createReplay(await loadRecording(dir));
  const served = await serveBoth(createGateway({ upstream: replay }));
  try {
    const response = await fetch(`${served.restUrl}/checkSession?sessionId=nowhere`);
    expect(response.status).toBe(500);
    const problem = (await response.json()) as { detail?: string };
    expect(problem.detail).toBe(
      'replay: the recording has no answer for checkSession { "sessionId": "nowhere" }',
    );
    const soap = await fetch(`${served.origin}/mc/cxf/soap`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' },
      body:
        '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="http://mcc.tvox/">' +
        '<soap:Body><m:checkSessionState><sessionId>nowhere</sessionId></m:checkSessionState></soap:Body></soap:Envelope>',
    });
    expect(soap.status).toBe(500);
    const xml = (await soap.text()).replaceAll('&quot;', '"');
    expect(xml).toContain('soap:Server');
    expect(xml).toContain('replay: the recording has no answer for checkSession { "sessionId": "nowhere" }');
    // A recorded answer still plays through the server and a real client.
    const client = createRestClient({ baseUrl: served.restUrl, retry: { retries: 0 } });
    expect(
      await client.getServiceState({ channelId: 1003, serviceCodes: ['SUPPORT', 'SALES'] }),
    ).toMatchObject({
      result: 'SUCCESS',
    });
    await client.close();
  } finally {
    await served.close();
  }
});
