import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { http } from './support/http.js';
import { type Listening, serveRest } from './support/listen.js';
import { scriptedService } from './support/scripted-service.js';

const { service } = scriptedService();
let off: Listening;
let open: Listening;
let restricted: Listening;

beforeAll(async () => {
  off = await serveRest(service);
  open = await serveRest(service, { cors: true });
  restricted = await serveRest(service, {
    cors: { origin: ['https://chat.example.com'], credentials: true },
  });
});
afterAll(async () => {
  await Promise.all([off.close(), open.close(), restricted.close()]);
});

const preflight = (server: Listening, origin = 'https://widget.example.org') =>
  http(`${server.baseUrl}/setSessionData`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'PUT',
      'access-control-request-headers': 'content-type',
    },
  });

describe('CORS', () => {
  test('is off by default: no CORS headers on a preflight or a call', async () => {
    const answer = await preflight(off);
    expect(answer.status).toBe(204);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    expect(answer.headers['access-control-allow-methods']).toBeUndefined();
    const call = await http(`${off.baseUrl}/checkSession?sessionId=s1`, {
      headers: { origin: 'https://widget.example.org' },
    });
    expect(call.headers['access-control-allow-origin']).toBeUndefined();
  });

  test('cors: true answers preflights and marks calls and problems for any origin', async () => {
    const answer = await preflight(open);
    expect(answer.status).toBe(204);
    expect(answer.headers['access-control-allow-origin']).toBe('*');
    expect(answer.headers['access-control-allow-methods']).toBe('GET,PUT');
    expect(answer.headers['access-control-allow-headers']).toBe('content-type');
    expect(answer.headers['access-control-max-age']).toBe('600');
    const call = await http(`${open.baseUrl}/checkSession?sessionId=s1`, {
      headers: { origin: 'https://a.example' },
    });
    expect(call.json).toMatchObject({ result: 'SUCCESS' });
    expect(call.headers['access-control-allow-origin']).toBe('*');
    const problem = await http(`${open.baseUrl}/nope`, { headers: { origin: 'https://a.example' } });
    expect(problem.status).toBe(404);
    expect(problem.headers['access-control-allow-origin']).toBe('*');
  });

  test('a list of origins allows those only', async () => {
    const allowed = await preflight(restricted, 'https://chat.example.com');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://chat.example.com');
    expect(allowed.headers['access-control-allow-credentials']).toBe('true');
    expect(allowed.headers.vary).toMatch(/Origin/);
    const refused = await preflight(restricted, 'https://evil.example');
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
  });
});
