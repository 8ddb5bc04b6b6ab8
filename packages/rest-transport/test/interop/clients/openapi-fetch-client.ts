// A REST client as an integrator writes it with openapi-typescript + openapi-fetch: the types are
// generated from the served OpenAPI document (`npx openapi-typescript openapi.json -o schema.d.ts`).
// Type-checked with tsc --strict, then run: node --import tsx openapi-fetch-client.ts <baseUrl> <token> <repeat>.
// Prints one line per cell: "name: ok" or "name: FAILED why".
import createClient from 'openapi-fetch';
import type { components, paths } from './schema.js';

type ProblemCode = components['schemas']['Problem']['code'];

/** What an integrator does with each problem code; `never` proves the document lists them all. */
function advice(code: ProblemCode): string {
  switch (code) {
    case 'BAD_REQUEST':
    case 'MALFORMED_JSON':
    case 'NOT_FOUND':
    case 'METHOD_NOT_ALLOWED':
    case 'PAYLOAD_TOO_LARGE':
    case 'URI_TOO_LONG':
    case 'UNSUPPORTED_MEDIA_TYPE':
    case 'REQUEST_HEADER_FIELDS_TOO_LARGE':
      return 'fix the request';
    case 'UNAUTHORIZED':
      return 'fix the credentials';
    case 'REQUEST_TIMEOUT':
    case 'TOO_MANY_REQUESTS':
    case 'SERVICE_UNAVAILABLE':
    case 'INTERNAL_ERROR':
      return 'retry later';
    default: {
      const unknown: never = code;
      return unknown;
    }
  }
}

const [baseUrl = '', token = '', repeatArg = '1'] = process.argv.slice(2);
const repeat = Number(repeatArg);
const mcc = createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${token}` } });
const anonymous = createClient<paths>({ baseUrl });
let failures = 0;

async function cell(name: string, check: () => Promise<string | undefined>): Promise<void> {
  let problem: string | undefined;
  try {
    problem = await check();
  } catch (error) {
    problem = String(error);
  }
  if (problem === undefined) console.log(`${name}: ok`);
  else {
    failures++;
    console.log(`${name}: FAILED ${problem.replaceAll('\n', ' ')}`);
  }
}

const expect = (cond: boolean, answer: unknown) =>
  cond ? undefined : `unexpected answer ${JSON.stringify(answer)}`;

/** undefined when the answer is the problem with this status and code, each of `times` times. */
async function problem(
  call: () => Promise<{ response: Response; error?: unknown }>,
  status: number,
  code: ProblemCode,
  times = 1,
): Promise<string | undefined> {
  for (let run = 1; run <= times; run++) {
    const { response, error } = await call();
    const body = error as { code?: ProblemCode; detail?: string } | undefined;
    if (response.status !== status || body?.code !== code || !body.detail || !advice(body.code)) {
      return `run ${run}: HTTP ${response.status} ${JSON.stringify(error)}`;
    }
  }
  return undefined;
}

const sessionId = 'openapi-fetch-1';
await cell('startSession', async () => {
  const { data } = await mcc.GET('/startSession', {
    params: { query: { channelId: 1003, serviceid: 'SUPPORT', sessionId, data: 'ciao <b> & "friends" é' } },
  });
  return expect(data?.result === 'SUCCESS' && data.sessionId === sessionId, data);
});
await cell('sessionAccept', async () => {
  const { data } = await mcc.GET('/sessionAccept', { params: { query: { sessionId } } });
  return expect(data?.result === 'SUCCESS' && data.status === 'ASSIGNED', data);
});
await cell('checkSessionState', async () => {
  const { data } = await mcc.GET('/checkSession', { params: { query: { sessionId } } });
  return expect(data?.status === 'ASSIGNED' && data.username === 'alice', data);
});
await cell('setSessionData', async () => {
  const { data } = await mcc.PUT('/setSessionData', { body: { sessionId, sessionData: 'step 2' } });
  return expect(data?.result === 'SUCCESS' && data.sessionData === 'step 2', data);
});
await cell('checkSessionStateWithData', async () => {
  const { data } = await mcc.GET('/checkSessionWithData', { params: { query: { sessionId } } });
  return expect(data?.data === 'ciao <b> & "friends" é' && data.sessionData === 'step 2', data);
});
await cell('getServiceState', async () => {
  const { data } = await mcc.GET('/getServiceState', {
    params: { query: { channelId: 1003, serviceCodes: ['SUPPORT'] } },
  });
  return expect(
    data?.result === 'SUCCESS' && data.channelId === 1003 && data.state?.SUPPORT === 'ACTIVE',
    data,
  );
});
await cell('logoutAgentFromChannel', async () => {
  const { data } = await mcc.GET('/logoutAgentFromChannel', {
    params: { query: { channelId: 1003, agentUsername: 'bob' } },
  });
  return expect(data?.result === 'SUCCESS' && data.agentUsername === 'bob', data);
});
await cell('closeSession', async () => {
  const { data } = await mcc.GET('/closeSession', { params: { query: { sessionId } } });
  return expect(data?.result === 'SUCCESS', data);
});
await cell('business failure', async () => {
  const { data } = await mcc.GET('/startSession', {
    params: { query: { channelId: 1003, serviceid: 'NOPE' } },
  });
  return expect(data?.result === 'FAILED' && data.failReason === 'UNKNOWN_SERVICE', data);
});
await cell('unauthorized', () =>
  problem(() => anonymous.GET('/checkSession', { params: { query: { sessionId } } }), 401, 'UNAUTHORIZED'),
);
await cell('server fault', () =>
  problem(
    () => mcc.GET('/checkSession', { params: { query: { sessionId: 'unavailable' } } }),
    503,
    'SERVICE_UNAVAILABLE',
    repeat,
  ),
);
const huge = 'x'.repeat(2 * 1024 * 1024);
await cell('over limit', () =>
  problem(
    () => mcc.PUT('/setSessionData', { body: { sessionId, sessionData: huge } }),
    413,
    'PAYLOAD_TOO_LARGE',
    repeat,
  ),
);
console.log(failures === 0 ? 'ALL OK' : `${failures} FAILED`);
process.exitCode = failures === 0 ? 0 : 1;
