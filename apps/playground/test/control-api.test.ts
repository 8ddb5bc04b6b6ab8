import { describe, expect, test } from 'vitest';
import { call, playground } from './support.js';

const REST = '/mc/cxf/rest/json';

describe('contact-center control API', () => {
  test('walks a session through its life: start, book to bob, bob accepts, agent closes', async () => {
    const p = await playground();
    const started = await call(`${p.url}${REST}/startSession?channelId=1003&serviceid=SUPPORT`);
    const id = started.body.sessionId as string;
    await call(`${p.url}${REST}/sessionAccept?sessionId=${id}&user=bob`);
    expect((await call(`${p.url}/api/sessions/${id}`)).body).toMatchObject({
      status: 'BOOKED',
      username: 'bob',
    });
    expect((await call(`${p.url}/api/sessions/${id}/accept`, { method: 'POST' })).body).toMatchObject({
      status: 'ASSIGNED',
    });
    await call(`${p.url}/api/sessions/${id}/custom-message`, {
      method: 'PUT',
      json: { message: 'Hi, Bob here' },
    });
    expect((await call(`${p.url}${REST}/checkSession?sessionId=${id}`)).body).toMatchObject({
      status: 'ASSIGNED',
      customMessage: 'Hi, Bob here',
    });
    expect((await call(`${p.url}/api/sessions/${id}/close`, { method: 'POST' })).body).toEqual({
      result: 'SUCCESS',
      sessionId: id,
    });
    expect((await call(`${p.url}/api/sessions?status=CLOSED`)).body.map((s: { id: string }) => s.id)).toEqual(
      [id],
    );
  });

  test('sessions are answered as views: no storage fields, the timer as { kind, at }', async () => {
    const p = await playground();
    const started = await call(
      `${p.url}${REST}/startSession?channelId=1003&serviceid=SUPPORT&sessionId=view-1&contactId=c-9`,
    );
    expect(started.body).toMatchObject({ result: 'SUCCESS' });
    const view = (await call(`${p.url}/api/sessions/view-1`)).body;
    expect(Object.keys(view).sort()).toEqual(
      ['channelId', 'contactId', 'createdAt', 'id', 'serviceCode', 'status', 'timer', 'updatedAt'].sort(),
    );
    expect(view).toMatchObject({ id: 'view-1', status: 'NEW', contactId: 'c-9', timer: { kind: 'expire' } });
    expect(view.timer.at).toBe(view.createdAt + 10 * 60_000);
    const listed = (await call(`${p.url}/api/sessions`)).body as Array<Record<string, unknown>>;
    expect(listed.find((s) => s.id === 'view-1')).toEqual(view);
    for (const session of listed) {
      expect(session).not.toHaveProperty('queueKey');
      expect(session).not.toHaveProperty('timerAt');
    }
    const queued = await call(`${p.url}${REST}/sessionAccept?sessionId=view-1&user=bob`);
    expect(queued.body).toMatchObject({ result: 'SUCCESS', status: 'BOOKED' });
    const declined = (await call(`${p.url}/api/sessions/view-1/decline`, { method: 'POST' })).body;
    expect(declined).not.toHaveProperty('queueKey');
    expect(declined).toMatchObject({ id: 'view-1', channelId: 1003, serviceCode: 'SUPPORT' });
  });

  test('/api/try with a retry policy: the client retries an injected 503, each retry reported', async () => {
    const p = await playground({ faults: { operations: { checkSession: { unavailable: { rate: 1 } } } } });
    const started = await call(`${p.url}${REST}/startSession?channelId=1003&serviceid=SUPPORT`);
    const input = { sessionId: started.body.sessionId };
    for (const transport of ['rest', 'soap']) {
      const none = await call(`${p.url}/api/try`, {
        method: 'POST',
        json: { transport, operation: 'checkSession', input },
      });
      expect(none.body).toMatchObject({ attempts: 1, retried: [] });
      const twice = await call(`${p.url}/api/try`, {
        method: 'POST',
        json: { transport, operation: 'checkSession', input, retries: 2 },
      });
      expect(twice.body.attempts, transport).toBe(3);
      expect(twice.body.retried.map((r: { attempt: number }) => r.attempt)).toEqual([1, 2]);
      expect(twice.body.error).toBeDefined();
      if (transport === 'rest') expect(twice.body.response.status).toBe(503);
      else expect(twice.body.response.body).toContain('soap:Server');
    }
    const bad = await call(`${p.url}/api/try`, {
      method: 'POST',
      json: { transport: 'rest', operation: 'checkSession', input, retries: 99 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toContain('retries must be a whole number from 0 to 5');
  });

  test('agents, services, channels and the snapshot', async () => {
    const p = await playground();
    expect(
      (await call(`${p.url}/api/agents/carol/channels/2/login`, { method: 'POST', json: { ready: false } }))
        .status,
    ).toBe(204);
    await call(`${p.url}/api/agents/carol/channels/2/ready`, { method: 'PUT', json: { ready: true } });
    await call(`${p.url}/api/services/SUPPORT/out-of-service`, {
      method: 'PUT',
      json: { outOfService: true },
    });
    await call(`${p.url}/api/channels/1/enabled`, { method: 'PUT', json: { enabled: false } });
    const snapshot = (await call(`${p.url}/api/snapshot`)).body;
    expect(
      snapshot.agents.find((a: { username: string }) => a.username === 'carol').channels[0],
    ).toMatchObject({
      channelId: 2,
      loggedIn: true,
      ready: true,
    });
    expect(snapshot.services.find((s: { code: string }) => s.code === 'SUPPORT')).toMatchObject({
      outOfService: true,
    });
    expect(snapshot.channels.find((c: { id: number }) => c.id === 1)).toMatchObject({ enabled: false });
    const state = await call(`${p.url}${REST}/getServiceState?channelId=1003&serviceCodes=SUPPORT`);
    expect(state.body.state).toEqual({ SUPPORT: 'OUT_OF_SERVICE' });
  });

  test('the clock pauses, jumps and resumes; timers fire on the jump', async () => {
    const p = await playground();
    expect(
      (await call(`${p.url}/api/clock`, { method: 'POST', json: { action: 'pause' } })).body.running,
    ).toBe(false);
    const { sessionId } = (await call(`${p.url}${REST}/startSession?channelId=1003&serviceid=SUPPORT`)).body;
    const before = (await call(`${p.url}/api/clock`)).body.now as number;
    const after = (
      await call(`${p.url}/api/clock`, { method: 'POST', json: { action: 'advance', ms: 11 * 60_000 } })
    ).body;
    expect(after.now).toBe(before + 11 * 60_000);
    expect((await call(`${p.url}${REST}/checkSession?sessionId=${sessionId}`)).body.status).toBe('CLOSED');
    expect(
      (await call(`${p.url}/api/clock`, { method: 'POST', json: { action: 'resume' } })).body.running,
    ).toBe(true);
  });

  test('bad requests are problems with a code, never crashes', async () => {
    const p = await playground();
    expect(
      (await call(`${p.url}/api/agents/nobody/channels/1003/login`, { method: 'POST' })).body,
    ).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });
    expect(
      (await call(`${p.url}/api/agents/dave/channels/1003/login`, { method: 'POST' })).body,
    ).toMatchObject({
      status: 400,
      code: 'INVALID_ARGUMENT',
    });
    const malformed = await fetch(`${p.url}/api/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"action":',
    });
    expect(malformed.status).toBe(400);
    expect(
      (await call(`${p.url}/api/clock`, { method: 'POST', json: { action: 'rewind' } })).body,
    ).toMatchObject({
      status: 400,
      detail: 'action must be pause, resume, advance or set',
    });
    const problem = async (path: string, method: string, json?: unknown) =>
      (await call(`${p.url}${path}`, { method, ...(json === undefined ? {} : { json }) })).body.detail;
    expect(await problem('/api/clock', 'POST', { action: 'advance', ms: -1 })).toBe(
      'ms must be a number of milliseconds from 0 to one year',
    );
    expect(await problem('/api/clock', 'POST', { action: 'set', time: 'noon' })).toBe(
      'time must be epoch milliseconds',
    );
    expect(await problem('/api/agents/bob/channels/1003/ready', 'PUT', { ready: 'yes' })).toBe(
      'ready must be true or false',
    );
    expect(await problem('/api/agents/bob/channels/x/ready', 'PUT', { ready: true })).toBe(
      'channelId must be an integer',
    );
    expect(await problem('/api/services/SUPPORT/out-of-service', 'PUT', {})).toBe(
      'outOfService must be true or false',
    );
    expect(await problem('/api/sessions/x/custom-message', 'PUT', { message: 4 })).toBe(
      'message must be a string or null',
    );
    expect(await problem('/api/sessions?status=LOST&limit=ten', 'GET')).toBe(
      'status must be NEW, QUEUED, BOOKED, ASSIGNED or CLOSED, not "LOST"; limit must be an integer',
    );
    // tolerant reader: keys it does not know are ignored
    expect(
      (await call(`${p.url}/api/clock`, { method: 'POST', json: { action: 'pause', note: 'x' } })).status,
    ).toBe(200);
    expect((await call(`${p.url}/api/sessions/none/accept`, { method: 'POST' })).status).toBe(404);
    expect((await call(`${p.url}/api/sessions?status=LOST`)).status).toBe(400);
    expect((await call(`${p.url}/api/nothing`)).status).toBe(404);
    expect((await call(`${p.url}/api/snapshot`, { method: 'DELETE' })).status).toBe(404);
    expect((await call(`${p.url}/healthz`)).body).toEqual({ status: 'ok' });
  });

  test('operations catalog comes from the operations table; /api/try captures the raw exchange', async () => {
    const p = await playground();
    const catalog = (await call(`${p.url}/api/operations`)).body;
    expect(catalog.map((o: { name: string }) => o.name)).toHaveLength(8);
    expect(catalog.find((o: { name: string }) => o.name === 'checkSession')).toMatchObject({
      soapName: 'checkSessionState',
      method: 'GET',
      params: [{ name: 'sessionId', kind: 'string', required: true }],
    });
    const tried = (
      await call(`${p.url}/api/try`, {
        method: 'POST',
        json: {
          transport: 'rest',
          operation: 'startSession',
          input: { channelId: 1003, serviceid: 'SUPPORT' },
        },
      })
    ).body;
    expect(tried.request.url).toContain('/mc/cxf/rest/json/startSession?channelId=1003&serviceid=SUPPORT');
    expect(tried.response.status).toBe(200);
    expect(JSON.parse(tried.response.body)).toEqual(tried.result);
    expect(tried.result).toMatchObject({ result: 'SUCCESS' });
    const refused = await call(`${p.url}/api/try`, {
      method: 'POST',
      json: { transport: 'ftp', operation: 'x', input: ['channelId'], retries: 1.5 },
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'INVALID_ARGUMENT' });
    // every problem, each after the key it is about
    expect(refused.body.detail).toBe(
      [
        'transport must be "rest" or "soap"',
        'operation must be one of startSession, sessionAccept, checkSession, checkSessionWithData, setSessionData, closeSession, getServiceState, logoutAgentFromChannel',
        'input must be an object of parameters',
        'retries must be a whole number from 0 to 5',
      ].join('; '),
    );
    const nothing = await call(`${p.url}/api/try`, { method: 'POST' });
    expect(nothing.status).toBe(400);
    expect(nothing.body.detail).toMatch(/^transport must be "rest" or "soap"; operation must be one of /);
  });
});
