import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Load } from './wrk.js';

const REST = '/mc/cxf/rest/json';
const SOAP = '/mc/cxf/soap';
const NAMESPACE = 'http://mcc.tvox/';

/** What a bench server printed on its first line. */
export interface ServerInfo {
  url: string;
  sessionId?: string;
}

/** The baselines every ratio is taken against. */
export type BaselineId = 'bare-get' | 'bare-soap';

/** One measured case: a server process (bench/src/servers/<name>.ts) and the load wrk sends it. */
export interface BenchCase {
  id: string;
  title: string;
  /** `mcc`, or the peer a user would pick instead, or the bare baseline. */
  kind: 'baseline' | 'mcc' | 'peer';
  server: string;
  serverArgs?: string[];
  /** The baseline measured right before this case, in each repetition. */
  baseline?: BaselineId;
  load(info: ServerInfo, files: EnvelopeFiles): Load;
}

/** SOAP request bodies, written once to files wrk reads. */
export interface EnvelopeFiles {
  check: string;
  start: string;
  closeTemplate: string;
}

function envelope(operation: string, fields: Record<string, string>): string {
  const children = Object.entries(fields)
    .map(([k, v]) => `<${k}>${v}</${k}>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="${NAMESPACE}"><soap:Body><m:${operation}>${children}</m:${operation}></soap:Body></soap:Envelope>`;
}

/** Writes the SOAP bodies of the cases into `dir`. */
export function writeEnvelopes(dir: string): EnvelopeFiles {
  const files = {
    check: join(dir, 'check.xml'),
    start: join(dir, 'start.xml'),
    closeTemplate: join(dir, 'close.xml'),
  };
  writeFileSync(files.check, envelope('checkSessionState', { sessionId: 'bench-seed' }));
  writeFileSync(files.start, envelope('startSession', { channelId: '1003', serviceid: 'SUPPORT' }));
  writeFileSync(files.closeTemplate, envelope('closeSession', { sessionId: '%s' }));
  return files;
}

/** The bare baseline's answers: the same bytes mcc answers checkSession / checkSessionState with. */
export const BARE_JSON = JSON.stringify({ result: 'SUCCESS', sessionId: 'bench-seed', status: 'NEW' });
export const BARE_SOAP = `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:mcc="${NAMESPACE}"><soap:Body><mcc:checkSessionStateResponse><return><result>SUCCESS</result><sessionId>bench-seed</sessionId><status>NEW</status></return></mcc:checkSessionStateResponse></soap:Body></soap:Envelope>`;

const restCheck = (info: ServerInfo): Load => ({
  url: `${info.url}${REST}/checkSession?sessionId=${info.sessionId}`,
  mode: 'get',
  expect: '"result":"SUCCESS"',
});
const soapCheck = (info: ServerInfo, files: EnvelopeFiles): Load => ({
  url: `${info.url}${SOAP}`,
  mode: 'post',
  expect: 'SUCCESS',
  args: [files.check],
});
const restCycle = (info: ServerInfo): Load => ({
  url: info.url,
  mode: 'rest-cycle',
  expect: '"result":"SUCCESS"',
  args: [`${REST}/startSession?channelId=1003&serviceid=SUPPORT`, `${REST}/closeSession?sessionId=`],
});
const soapCycle = (info: ServerInfo, files: EnvelopeFiles): Load => ({
  url: `${info.url}${SOAP}`,
  mode: 'soap-cycle',
  expect: 'SUCCESS',
  args: [files.start, files.closeTemplate],
});

/** Every case of `pnpm bench`, in the order of the table. `sqliteDir` holds the SQLite cases' store. */
export function benchCases(sqliteDir: string): BenchCase[] {
  const sqlite = `sqlite:${sqliteDir}`;
  return [
    {
      id: 'bare-get',
      title: 'bare node:http GET, fixed JSON',
      kind: 'baseline',
      server: 'bare-server',
      serverArgs: [BARE_JSON],
      load: (i) => ({ url: `${i.url}/`, mode: 'get', expect: '"result":"SUCCESS"' }),
    },
    {
      id: 'bare-soap',
      title: 'bare node:http reading a SOAP POST, fixed envelope',
      kind: 'baseline',
      server: 'bare-soap-server',
      serverArgs: [BARE_SOAP],
      baseline: 'bare-get',
      load: soapCheck,
    },
    {
      id: 'fastify-check',
      title: 'fastify 5, schema-validated checkSession from a Map',
      kind: 'peer',
      server: 'fastify-server',
      baseline: 'bare-get',
      load: restCheck,
    },
    {
      id: 'node-soap-check',
      title: 'node-soap (`soap`) checkSessionState on our WSDL from a Map',
      kind: 'peer',
      server: 'node-soap-server',
      baseline: 'bare-soap',
      load: soapCheck,
    },
    {
      id: 'mcc-rest-check',
      title: 'mcc playground REST checkSession, memory',
      kind: 'mcc',
      server: 'mcc-server',
      serverArgs: ['memory:'],
      baseline: 'bare-get',
      load: restCheck,
    },
    {
      id: 'mcc-handler-check',
      title: 'mcc REST handler alone, memory',
      kind: 'mcc',
      server: 'mcc-handler-server',
      baseline: 'bare-get',
      load: restCheck,
    },
    {
      id: 'mcc-soap-check',
      title: 'mcc playground SOAP checkSessionState, memory',
      kind: 'mcc',
      server: 'mcc-server',
      serverArgs: ['memory:'],
      baseline: 'bare-soap',
      load: soapCheck,
    },
    {
      id: 'fastify-cycle',
      title: 'fastify 5 start → close on a Map',
      kind: 'peer',
      server: 'fastify-server',
      baseline: 'bare-get',
      load: restCycle,
    },
    {
      id: 'mcc-rest-cycle',
      title: 'mcc playground REST start → close, memory',
      kind: 'mcc',
      server: 'mcc-server',
      serverArgs: ['memory:'],
      baseline: 'bare-get',
      load: restCycle,
    },
    {
      id: 'mcc-soap-cycle',
      title: 'mcc playground SOAP start → close, memory',
      kind: 'mcc',
      server: 'mcc-server',
      serverArgs: ['memory:'],
      baseline: 'bare-soap',
      load: soapCycle,
    },
    {
      id: 'mcc-rest-check-sqlite',
      title: 'mcc playground REST checkSession, SQLite',
      kind: 'mcc',
      server: 'mcc-server',
      serverArgs: [sqlite],
      baseline: 'bare-get',
      load: restCheck,
    },
    {
      id: 'mcc-rest-cycle-sqlite',
      title: 'mcc playground REST start → close, SQLite',
      kind: 'mcc',
      server: 'mcc-server',
      serverArgs: [sqlite],
      baseline: 'bare-get',
      load: restCycle,
    },
  ];
}
