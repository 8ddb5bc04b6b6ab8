import { gzipSync } from 'node:zlib';
import type { HostileCase } from './hostile-corpus.js';
import { badChannelIds, badIdentifiers, prototypeNames } from './hostile-values.js';

const JSON_TYPE = { 'content-type': 'application/json' };

/** The operations read from the query string (GET) and the ones on a session id. */
const GET_OPERATIONS = [
  'startSession',
  'sessionAccept',
  'checkSession',
  'checkSessionWithData',
  'closeSession',
  'getServiceState',
  'logoutAgentFromChannel',
] as const;
const SESSION_OPERATIONS = ['checkSession', 'checkSessionWithData', 'sessionAccept', 'closeSession'] as const;

/**
 * The hostile REST corpus (issue 15): one case per request, each with the one answer it must get
 * from the reference engine on the demo contact center, whatever the store. `basePath` is the REST
 * endpoint's path (default `/mc/cxf/rest/json`).
 */
export function restHostileCorpus(basePath = '/mc/cxf/rest/json'): HostileCase[] {
  const cases: HostileCase[] = [];
  const get = (id: string, cls: string, query: string, status: number, reason: string, contains?: string) => {
    const [operation, search] = query.split('?') as [string, string | undefined];
    cases.push({
      id: `${cls}/${id}`,
      class: cls,
      method: 'GET',
      path: `${basePath}/${operation}${search === undefined ? '' : `?${search}`}`,
      expect: { status, reason, ...(contains === undefined ? {} : { contains }) },
    });
  };
  const put = (
    id: string,
    cls: string,
    body: string | Buffer,
    status: number,
    reason: string,
    headers = {},
  ) =>
    cases.push({
      id: `${cls}/${id}`,
      class: cls,
      method: 'PUT',
      path: `${basePath}/setSessionData`,
      headers: { ...JSON_TYPE, ...headers },
      body,
      expect: { status, reason },
    });

  // Identifiers: one check at the boundary, before any store (findings 6 and 9).
  for (const bad of badIdentifiers) {
    for (const operation of SESSION_OPERATIONS)
      get(
        `${operation} ${bad.name}`,
        'identifier',
        `${operation}?sessionId=${bad.query}`,
        200,
        'INVALID_SESSION_ID',
      );
    get(
      `startSession ${bad.name}`,
      'identifier',
      `startSession?channelId=1003&serviceid=SUPPORT&sessionId=${bad.query}`,
      200,
      'GENERIC',
    );
  }
  for (const bad of badIdentifiers.filter((b) => !b.name.startsWith('C1'))) {
    put(
      `setSessionData ${bad.name}`,
      'identifier',
      Buffer.concat([
        Buffer.from('{"sessionId":"'),
        Buffer.from(decodeURIComponentBytes(bad.query)),
        Buffer.from('","sessionData":"x"}'),
      ]),
      // Raw C0 controls are not JSON, invalid UTF-8 is refused as a whole body; everything else
      // reaches the identifier check.
      bad.name.startsWith('C0') || !bad.valid ? 400 : 200,
      bad.name.startsWith('C0') || !bad.valid ? 'MALFORMED_JSON' : 'INVALID_SESSION_ID',
    );
  }
  // Free text that no answer could carry, or no database store (NUL).
  for (const field of ['data', 'description', 'contactId', 'contactValue'])
    for (const [name, value] of [
      ['NUL', '%00'],
      ['BEL', '%07'],
      ['U+FFFF', '%EF%BF%BF'],
    ] as const)
      get(
        `${field} ${name}`,
        'text',
        `startSession?channelId=1003&serviceid=SUPPORT&${field}=a${value}b`,
        200,
        'GENERIC',
      );
  get(
    'agentUsername NUL',
    'text',
    'logoutAgentFromChannel?channelId=1003&agentUsername=a%00b',
    200,
    'INVALID_USERNAME',
  );

  // Channel ids: NBSP is content, not white space (finding 9).
  for (const channelId of badChannelIds) {
    get(
      `startSession ${channelId}`,
      'channel',
      `startSession?channelId=${channelId}&serviceid=SUPPORT`,
      200,
      'INVALID_CHANNEL_ID',
    );
    get(
      `getServiceState ${channelId}`,
      'channel',
      `getServiceState?channelId=${channelId}&serviceCodes=SUPPORT`,
      200,
      'INVALID_CHANNEL_ID',
    );
    get(
      `logoutAgentFromChannel ${channelId}`,
      'channel',
      `logoutAgentFromChannel?channelId=${channelId}&agentUsername=anna`,
      200,
      'INVALID_CHANNEL_ID',
    );
  }

  // Names of Object.prototype members as data (finding 8).
  for (const name of prototypeNames) {
    get(
      `serviceCodes ${name}`,
      'prototype',
      `getServiceState?channelId=1003&serviceCodes=${name}`,
      200,
      'SERVICE_STATE_NOT_FOUND',
      `"${name}":"UNKNOWN_SERVICE"`,
    );
    get(
      `serviceCodes SUPPORT,${name}`,
      'prototype',
      `getServiceState?channelId=1003&serviceCodes=SUPPORT,${name}`,
      200,
      'SUCCESS',
      `"${name}":"UNKNOWN_SERVICE"`,
    );
    get(
      `serviceid ${name}`,
      'prototype',
      `startSession?channelId=1003&serviceid=${name}`,
      200,
      'UNKNOWN_SERVICE',
    );
    get(
      `agentUsername ${name}`,
      'prototype',
      `logoutAgentFromChannel?channelId=1003&agentUsername=${name}`,
      200,
      'INVALID_USERNAME',
    );
    get(`sessionId ${name}`, 'prototype', `checkSession?sessionId=${name}`, 200, 'INVALID_SESSION_ID');
    get(`closeSession ${name}`, 'prototype', `closeSession?sessionId=${name}`, 200, 'NOT_FOUND');
    get(
      `parameter named ${name}`,
      'prototype',
      `checkSession?${name}=1&sessionId=x`,
      200,
      'INVALID_SESSION_ID',
    );
    put(
      `JSON key ${name}`,
      'prototype',
      `{"${name}":{"a":1},"sessionId":"x","sessionData":"d"}`,
      200,
      'INVALID_SESSION_ID',
    );
  }

  // JSON bodies: depth, duplicate keys, malformed text (findings 7 and 9).
  for (const depth of [33, 64, 1000, 5000, 10_000]) {
    put(
      `${depth} nested arrays`,
      'json-depth',
      `{"sessionId":"s","sessionData":${'['.repeat(depth)}${']'.repeat(depth)}}`,
      400,
      'MALFORMED_JSON',
    );
    put(
      `${depth} nested objects`,
      'json-depth',
      `{"sessionId":"s","sessionData":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`,
      400,
      'MALFORMED_JSON',
    );
  }
  put(
    '32 nested arrays',
    'json-depth',
    `{"sessionId":"s","x":${'['.repeat(31)}${']'.repeat(31)}}`,
    200,
    'INVALID_SESSION_ID',
  );
  for (const [name, body] of [
    ['sessionId twice', '{"sessionId":"a","sessionId":"b"}'],
    ['sessionData twice', '{"sessionId":"a","sessionData":"x","sessionData":"y"}'],
    ['escaped duplicate', '{"sessionId":"a","session\\u0049d":"b"}'],
    ['nested duplicate', '{"sessionId":"a","x":{"k":1,"k":2}}'],
    ['duplicate __proto__', '{"__proto__":1,"__proto__":2,"sessionId":"a"}'],
    ['duplicate empty key', '{"":1,"":2,"sessionId":"a"}'],
  ] as const)
    put(name, 'json-duplicate', body, 400, 'MALFORMED_JSON');
  for (const [name, body] of [
    ['empty', ''],
    ['truncated', '{"sessionId":"a"'],
    ['trailing comma', '{"sessionId":"a",}'],
    ['single quotes', "{'sessionId':'a'}"],
    ['comment', '{"sessionId":"a"/* c */}'],
    ['NaN', '{"sessionId":NaN}'],
    ['bare word', 'sessionId'],
    ['two documents', '{"sessionId":"a"}{"sessionId":"b"}'],
    ['raw control character', '{"sessionId":"a\u0001b"}'],
    ['lone backslash', '{"sessionId":"a\\"}'],
    ['bad escape', '{"sessionId":"\\x41"}'],
    ['unquoted key', '{sessionId:"a"}'],
    ['nothing but spaces', '   '],
    ['closing only', '}'],
    ['BOM twice', '\ufeff\ufeff{"sessionId":"a"}'],
  ] as const)
    put(name, 'json-malformed', body, 400, 'MALFORMED_JSON');
  put('BOM', 'json-malformed', '\ufeff{"sessionId":"a","sessionData":"x"}', 200, 'INVALID_SESSION_ID');
  put('top-level array', 'json-malformed', '[{"sessionId":"a"}]', 200, 'INVALID_SESSION_ID');
  put('top-level null', 'json-malformed', 'null', 200, 'INVALID_SESSION_ID');
  for (const type of [
    'text/plain',
    'application/xml',
    'application/x-www-form-urlencoded',
    'application/json; charset=latin1',
    'multipart/form-data',
  ])
    put(`content type ${type}`, 'json-media', '{"sessionId":"a"}', 415, 'UNSUPPORTED_MEDIA_TYPE', {
      'content-type': type,
    });
  for (const coding of ['gzip', 'deflate', 'br'])
    put(
      `content encoding ${coding}`,
      'json-media',
      gzipSync('{"sessionId":"a"}'),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      { 'content-encoding': coding },
    );
  put(
    'body over 64 KiB',
    'json-size',
    `{"sessionId":"a","sessionData":"${'x'.repeat(70 * 1024)}"}`,
    413,
    'PAYLOAD_TOO_LARGE',
  );
  put('1 MiB of nesting', 'json-size', '['.repeat(1024 * 1024), 413, 'PAYLOAD_TOO_LARGE');

  // The HTTP surface: paths, methods, the URL limit, repeated parameters.
  for (const path of [
    'nope',
    'checkSession/',
    'CheckSession',
    'checkSession/extra',
    '..%2FcheckSession',
    '%00',
    'checkSession%00',
    '__proto__',
    'constructor',
  ])
    if (path !== 'checkSession/') get(`path ${path}`, 'http', `${path}?sessionId=x`, 404, 'NOT_FOUND');
  for (const operation of GET_OPERATIONS)
    for (const method of ['POST', 'DELETE', 'PATCH'])
      cases.push({
        id: `http/${method} ${operation}`,
        class: 'http',
        method,
        path: `${basePath}/${operation}`,
        expect: { status: 405, reason: 'METHOD_NOT_ALLOWED' },
      });
  get('URL over the limit', 'http', `checkSession?sessionId=${'x'.repeat(1024 * 1024)}`, 414, 'URI_TOO_LONG');
  get('repeated sessionId', 'query', 'checkSession?sessionId=a&sessionId=b', 200, 'INVALID_SESSION_ID');
  get(
    'repeated channelId',
    'query',
    'startSession?channelId=1003&channelId=1&serviceid=SUPPORT',
    200,
    'INVALID_CHANNEL_ID',
  );
  for (const junk of ['%', '%%', '%zz', '%E0%A4%A', '+', '%2B%2B', '=', '&&&', 'a=b=c'])
    get(`junk ${junk}`, 'query', `checkSession?sessionId=${junk}`, 200, 'INVALID_SESSION_ID');
  get(
    '1000 parameters',
    'query',
    `checkSession?${Array.from({ length: 1000 }, (_, i) => `p${i}=1`).join('&')}&sessionId=x`,
    200,
    'INVALID_SESSION_ID',
  );
  return cases;
}

/** The bytes a percent-encoded string stands for (invalid UTF-8 kept as it is). */
function decodeURIComponentBytes(query: string): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < query.length; i++) {
    if (query[i] === '%') {
      bytes.push(Number.parseInt(query.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(query.charCodeAt(i));
  }
  return Uint8Array.from(bytes);
}
