import { request } from 'node:http';
import { describe, expect, test } from 'vitest';
import { call, playground } from './support.js';

/** Reads SSE events until `count` arrived. */
function readEvents(
  url: string,
  count: number,
  lastEventId?: string,
): Promise<Array<{ id: string; event: string; data: any }>> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: lastEventId ? { 'last-event-id': lastEventId } : {} }, (res) => {
      let buffer = '';
      const events: Array<{ id: string; event: string; data: any }> = [];
      res.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        let cut = buffer.indexOf('\n\n');
        while (cut >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const fields = Object.fromEntries(
            block
              .split('\n')
              .filter((l) => !l.startsWith(':') && l.includes(': '))
              .map((l) => [l.slice(0, l.indexOf(': ')), l.slice(l.indexOf(': ') + 2)]),
          );
          if (fields.id && fields.event && fields.data)
            events.push({ id: fields.id, event: fields.event, data: JSON.parse(fields.data) });
          if (events.length >= count) {
            req.destroy();
            resolve(events);
            return;
          }
          cut = buffer.indexOf('\n\n');
        }
      });
    });
    req.on('error', (e) =>
      e.message.includes('aborted') || (e as { code?: string }).code === 'ECONNRESET' ? undefined : reject(e),
    );
    req.end();
  });
}

describe('event stream and metrics', () => {
  test('the stream replays history, follows live events, and resumes after Last-Event-ID', async () => {
    const p = await playground();
    // Start-up logins are events 1 and 2.
    const first = readEvents(`${p.url}/api/events/stream`, 4);
    const started = await call(`${p.url}/mc/cxf/rest/json/startSession?channelId=1003&serviceid=SUPPORT`);
    await call(`${p.url}/mc/cxf/rest/json/sessionAccept?sessionId=${started.body.sessionId}&user=bob`);
    const events = await first;
    expect(events.map((e) => e.id)).toEqual(['1', '2', '3', '4']);
    expect(events.map((e) => e.event)).toEqual([
      'agent.login',
      'agent.login',
      'session.started',
      'session.status',
    ]);
    expect(events[3]?.data).toMatchObject({
      seq: 4,
      sessionId: started.body.sessionId,
      from: 'NEW',
      status: 'BOOKED',
    });
    const resumed = await readEvents(`${p.url}/api/events/stream`, 1, '3');
    expect(resumed.map((e) => e.id)).toEqual(['4']);
    const after = await call(`${p.url}/api/events?after=2&limit=1`);
    expect(after.body.map((e: { seq: number }) => e.seq)).toEqual([3]);
  });

  test('/metrics counts requests by operation and transport, fail reasons, licences and queues', async () => {
    const p = await playground();
    const REST = `${p.url}/mc/cxf/rest/json`;
    await call(`${REST}/startSession?channelId=1&serviceid=SUPPORT&sessionId=m1`);
    await call(`${REST}/sessionAccept?sessionId=m1`);
    await call(`${REST}/startSession?channelId=abc&serviceid=SUPPORT`);
    await call(`${REST}/checkSession?sessionId=m1`);
    await call(`${p.url}/api/try`, {
      method: 'POST',
      json: { transport: 'soap', operation: 'checkSession', input: { sessionId: 'm1' } },
    });
    const text = (await call(`${p.url}/metrics`)).body as string;
    expect(text).toContain(
      'mcc_requests_total{transport="rest",operation="startSession",result="SUCCESS"} 1',
    );
    expect(text).toContain('mcc_requests_total{transport="rest",operation="startSession",result="FAILED"} 1');
    expect(text).toContain(
      'mcc_fail_reasons_total{transport="rest",operation="startSession",fail_reason="INVALID_CHANNEL_ID"} 1',
    );
    expect(text).toContain('mcc_request_duration_seconds_count{transport="rest",operation="checkSession"} 1');
    expect(text).toContain(
      'mcc_requests_total{transport="soap",operation="checkSession",result="SUCCESS"} 1',
    );
    expect(text).toContain('mcc_open_sessions{channel="1"} 1');
    expect(text).toContain('mcc_channel_licences{channel="1003"} 50');
    expect(text).toContain('mcc_queue_length{service="SUPPORT"} 1');
  });

  test('graceful shutdown finishes a request in flight, then refuses new connections', async () => {
    const p = await playground();
    await call(`${p.url}/api/clock`, { method: 'POST', json: { action: 'pause' } });
    // A slow request: the body arrives in two parts, the second after close() has begun.
    const inFlight = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        `${p.url}/api/clock`,
        { method: 'POST', headers: { 'content-type': 'application/json' } },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => {
            body += c.toString();
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.write('{"action":');
      setTimeout(() => req.end('"advance","ms":1000}'), 100);
    });
    // An open event stream is ended cleanly by the shutdown instead of holding it open.
    const stream = new Promise<string>((resolve) => {
      request(`${p.url}/api/events/stream`, (res) => {
        res.on('data', () => {});
        res.on('end', () => resolve('ended'));
        res.on('error', () => resolve('cut'));
        res.on('aborted', () => resolve('cut'));
      }).end();
    });
    await new Promise((r) => setTimeout(r, 30));
    const closed = p.close();
    const answer = await inFlight;
    await closed;
    expect(await stream).toBe('ended');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ running: false });
    await expect(fetch(`${p.url}/healthz`)).rejects.toThrow();
  });
});
