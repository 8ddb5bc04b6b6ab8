// The REST peer: fastify 5 with schema-validated routes (querystring and response schemas, as a
// user of fastify would write them) answering checkSession, startSession and closeSession from a
// Map — what a team would write by hand instead of using mcc, with no contact center behind it.
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';

const sessions = new Map<string, { status: string }>([['bench-seed', { status: 'NEW' }]]);
const app = Fastify({ logger: false });
const base = '/mc/cxf/rest/json';
const answer = {
  200: {
    type: 'object',
    properties: {
      result: { type: 'string' },
      sessionId: { type: 'string' },
      status: { type: 'string' },
      failReason: { type: 'string' },
    },
  },
} as const;
const bySessionId = {
  type: 'object',
  required: ['sessionId'],
  properties: { sessionId: { type: 'string', minLength: 1, maxLength: 255 } },
} as const;

app.get<{ Querystring: { sessionId: string } }>(
  `${base}/checkSession`,
  { schema: { querystring: bySessionId, response: answer } },
  async (req) => {
    const session = sessions.get(req.query.sessionId);
    if (!session) return { result: 'FAILED', failReason: 'INVALID_SESSION_ID' };
    return { result: 'SUCCESS', sessionId: req.query.sessionId, status: session.status };
  },
);
app.get<{ Querystring: { channelId: number; serviceid: string } }>(
  `${base}/startSession`,
  {
    schema: {
      querystring: {
        type: 'object',
        required: ['channelId', 'serviceid'],
        properties: { channelId: { type: 'integer' }, serviceid: { type: 'string', minLength: 1 } },
      },
      response: answer,
    },
  },
  async () => {
    const sessionId = randomUUID();
    sessions.set(sessionId, { status: 'NEW' });
    return { result: 'SUCCESS', sessionId };
  },
);
app.get<{ Querystring: { sessionId: string } }>(
  `${base}/closeSession`,
  { schema: { querystring: bySessionId, response: answer } },
  async (req) => {
    if (!sessions.delete(req.query.sessionId)) return { result: 'FAILED', failReason: 'NOT_FOUND' };
    return { result: 'SUCCESS', sessionId: req.query.sessionId };
  },
);

await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;
process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}`, sessionId: 'bench-seed' })}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
