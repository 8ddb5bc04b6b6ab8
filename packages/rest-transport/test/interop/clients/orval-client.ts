// A REST client as an integrator writes it with orval 8 (fetch client, one file, generated from the
// served OpenAPI document: `npx orval --config orval.config.mjs`). Type-checked with tsc --strict,
// then run: node --import tsx orval-client.ts <token> <repeat> (orval bakes the base URL in).
// Prints one line per cell: "name: ok" or "name: FAILED why".
import {
  checkSession,
  checkSessionWithData,
  closeSession,
  getServiceState,
  logoutAgentFromChannel,
  type ProblemCode,
  sessionAccept,
  setSessionData,
  startSession,
} from './orval/mcc.js';

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

const [token = '', repeatArg = '1'] = process.argv.slice(2);
const repeat = Number(repeatArg);
const auth: RequestInit = { headers: { authorization: `Bearer ${token}` } };
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

/** undefined when each of `times` answers is the problem with this status and code. */
async function problem(
  call: () => Promise<{ status: number; data: unknown }>,
  status: number,
  code: ProblemCode,
  times = 1,
): Promise<string | undefined> {
  for (let run = 1; run <= times; run++) {
    const answer = await call();
    const body = answer.data as { code?: ProblemCode; detail?: string };
    if (answer.status !== status || body.code !== code || !body.detail || !advice(body.code)) {
      return `run ${run}: HTTP ${answer.status} ${JSON.stringify(answer.data)}`;
    }
  }
  return undefined;
}

const sessionId = 'orval-1';
await cell('startSession', async () => {
  const r = await startSession(
    { channelId: 1003, serviceid: 'SUPPORT', sessionId, data: 'ciao <b> & "friends" é' },
    auth,
  );
  return expect(r.status === 200 && r.data.result === 'SUCCESS' && r.data.sessionId === sessionId, r.data);
});
await cell('sessionAccept', async () => {
  const r = await sessionAccept({ sessionId }, auth);
  return expect(r.status === 200 && r.data.status === 'ASSIGNED', r.data);
});
await cell('checkSessionState', async () => {
  const r = await checkSession({ sessionId }, auth);
  return expect(r.status === 200 && r.data.status === 'ASSIGNED' && r.data.username === 'alice', r.data);
});
await cell('setSessionData', async () => {
  const r = await setSessionData({ sessionId, sessionData: 'step 2' }, auth);
  return expect(r.status === 200 && r.data.result === 'SUCCESS' && r.data.sessionData === 'step 2', r.data);
});
await cell('checkSessionStateWithData', async () => {
  const r = await checkSessionWithData({ sessionId }, auth);
  return expect(
    r.status === 200 && r.data.data === 'ciao <b> & "friends" é' && r.data.sessionData === 'step 2',
    r.data,
  );
});
await cell('getServiceState', async () => {
  const r = await getServiceState({ channelId: 1003, serviceCodes: ['SUPPORT'] }, auth);
  return expect(r.status === 200 && r.data.channelId === 1003 && r.data.state?.SUPPORT === 'ACTIVE', r.data);
});
await cell('logoutAgentFromChannel', async () => {
  const r = await logoutAgentFromChannel({ channelId: 1003, agentUsername: 'bob' }, auth);
  return expect(r.status === 200 && r.data.result === 'SUCCESS' && r.data.agentUsername === 'bob', r.data);
});
await cell('closeSession', async () => {
  const r = await closeSession({ sessionId }, auth);
  return expect(r.status === 200 && r.data.result === 'SUCCESS', r.data);
});
await cell('business failure', async () => {
  const r = await startSession({ channelId: 1003, serviceid: 'NOPE' }, auth);
  return expect(
    r.status === 200 && r.data.result === 'FAILED' && r.data.failReason === 'UNKNOWN_SERVICE',
    r.data,
  );
});
await cell('unauthorized', () => problem(() => checkSession({ sessionId }), 401, 'UNAUTHORIZED'));
await cell('server fault', () =>
  problem(() => checkSession({ sessionId: 'unavailable' }, auth), 503, 'SERVICE_UNAVAILABLE', repeat),
);
const huge = 'x'.repeat(2 * 1024 * 1024);
await cell('over limit', () =>
  problem(() => setSessionData({ sessionId, sessionData: huge }, auth), 413, 'PAYLOAD_TOO_LARGE', repeat),
);
console.log(failures === 0 ? 'ALL OK' : `${failures} FAILED`);
process.exitCode = failures === 0 ? 0 : 1;
