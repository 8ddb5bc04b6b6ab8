import { createEngineTarget } from '@mcc/testkit';
import { afterEach, describe, expect, test } from 'vitest';
import { createRestClient, MccClientError, waitForSessionStatus } from '../src/client/index.js';
import { type Listening, serveRest } from './support/listen.js';
import { scriptedService } from './support/scripted-service.js';

const FAST = { minDelayMs: 1, maxDelayMs: 4 };
const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

async function clientFor(statuses: string[], onCheck?: (n: number) => void) {
  let n = 0;
  const { service } = scriptedService((operation, request) => {
    if (operation !== 'checkSession') return undefined;
    n++;
    onCheck?.(n);
    const status = statuses[Math.min(n, statuses.length) - 1];
    if (status === 'GONE') {
      return {
        result: 'FAILED',
        failReason: 'INVALID_SESSION_ID',
        failReasonMessage: 'Session ID provided is not valid',
      };
    }
    return { result: 'SUCCESS', sessionId: request.sessionId, status };
  });
  const server: Listening = await serveRest(service);
  const client = createRestClient({ baseUrl: server.baseUrl });
  opened.push(server, client);
  return { client, polls: () => n };
}

describe('waitForSessionStatus through the REST client', () => {
  test('polls until one of the statuses is reached and resolves with that answer', async () => {
    const { client, polls } = await clientFor(['NEW', 'QUEUED', 'BOOKED', 'ASSIGNED']);
    const result = await waitForSessionStatus(client, 'chat-1', ['ASSIGNED', 'CLOSED'], FAST);
    expect(result).toEqual({ result: 'SUCCESS', sessionId: 'chat-1', status: 'ASSIGNED' });
    expect(polls()).toBe(4);
  });

  test('polls at once: a status already reached costs one call', async () => {
    const { client, polls } = await clientFor(['QUEUED']);
    await expect(waitForSessionStatus(client, 'chat-1', 'QUEUED', FAST)).resolves.toMatchObject({
      status: 'QUEUED',
    });
    expect(polls()).toBe(1);
  });

  test('runs out of time: WAIT_TIMEOUT with the last answer', async () => {
    const { client } = await clientFor(['NEW']);
    const error = (await waitForSessionStatus(client, 'chat-1', 'ASSIGNED', { ...FAST, timeoutMs: 25 }).catch(
      (e: unknown) => e,
    )) as MccClientError;
    expect(error).toBeInstanceOf(MccClientError);
    expect(error.code).toBe('WAIT_TIMEOUT');
    expect(error.details?.result).toMatchObject({ result: 'SUCCESS', status: 'NEW' });
    expect(error.operation).toBe('checkSession');
  });

  test('a FAILED answer: WAIT_FAILED', async () => {
    const { client } = await clientFor(['NEW', 'GONE']);
    const error = (await waitForSessionStatus(client, 'chat-1', 'ASSIGNED', FAST).catch(
      (e: unknown) => e,
    )) as MccClientError;
    expect(error.code).toBe('WAIT_FAILED');
  });

  test('stops on abort', async () => {
    const controller = new AbortController();
    const stop = new Error('stop waiting');
    const { client, polls } = await clientFor(['NEW'], (n) => {
      if (n === 2) controller.abort(stop);
    });
    const error = (await waitForSessionStatus(client, 'chat-1', 'ASSIGNED', {
      ...FAST,
      signal: controller.signal,
    }).catch((e: unknown) => e)) as MccClientError | Error;
    expect(error === stop || (error as MccClientError).code === 'ABORTED').toBe(true);
    expect(polls()).toBe(2);
  });

  test('against the engine: a session accepted for a logged-in agent is seen ASSIGNED', async () => {
    const target = await createEngineTarget();
    const server = await serveRest(target.engine);
    const client = createRestClient({ baseUrl: server.baseUrl });
    opened.push(client, server, target);
    const started = await client.startSession({ channelId: 1003, serviceid: 'SUPPORT' });
    if (started.result !== 'SUCCESS') throw new Error(`start failed: ${started.failReason}`);
    const accepted = await client.sessionAccept({ sessionId: started.sessionId, user: 'alice' });
    expect(accepted).toMatchObject({ result: 'SUCCESS' });
    const seen = await waitForSessionStatus(client, started.sessionId, ['ASSIGNED'], FAST);
    expect(seen).toMatchObject({ status: 'ASSIGNED', username: 'alice' });
  });

  test('on the engine’s virtual clock: carol answers after her 2 s autoAnswer, no real time waited', async () => {
    const target = await createEngineTarget();
    const server = await serveRest(target.engine);
    const client = createRestClient({ baseUrl: server.baseUrl });
    opened.push(client, server, target);
    await target.control.loginAgent('carol', 2);
    const started = await client.startSession({ channelId: 2, serviceid: 'SUPPORT' });
    if (started.result !== 'SUCCESS') throw new Error(`start failed: ${started.failReason}`);
    expect(await client.sessionAccept({ sessionId: started.sessionId, user: 'carol' })).toMatchObject({
      status: 'BOOKED',
    });
    const seen: string[] = [];
    let settled = false;
    const waiting = waitForSessionStatus(client, started.sessionId, 'ASSIGNED', {
      clock: target.clock,
      minDelayMs: 10_000,
      maxDelayMs: 10_000,
      timeoutMs: 60_000,
      onStatus: (answer) => seen.push(answer.status),
    }).finally(() => {
      settled = true;
    });
    // Virtual time moves only when the test moves it: in 500 ms steps, at most 40 of them. On real
    // time the waiter would still be sleeping its first 10 s when the steps run out.
    for (let step = 0; step < 40 && !settled; step++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      await target.clock.advance(500);
    }
    expect(settled).toBe(true);
    await expect(waiting).resolves.toMatchObject({ status: 'ASSIGNED', username: 'carol' });
    expect(seen).toEqual(['BOOKED', 'ASSIGNED']);
  });
});
