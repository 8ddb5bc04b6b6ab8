import { gzipSync } from 'node:zlib';
import type { HostileCase } from './hostile-corpus.js';
import { badChannelIds, badIdentifiers, prototypeNames } from './hostile-values.js';

const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';
const MCC = 'http://mcc.tvox/';
const XML_11 = { 'content-type': 'text/xml; charset=utf-8' };

/** A SOAP 1.1 request envelope around `body` (and `header`), the operation namespace bound to `m`. */
export function soapEnvelope(body: string, header = ''): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="${SOAP11}" xmlns:m="${MCC}">` +
    `${header ? `<s:Header>${header}</s:Header>` : ''}<s:Body>${body}</s:Body></s:Envelope>`
  );
}

const op = (name: string, fields: string) => `<m:${name}>${fields}</m:${name}>`;

/** The request of each SOAP operation, valid, for truncation. */
const VALID: Readonly<Record<string, string>> = {
  startSession: op('startSession', '<channelId>1003</channelId><serviceid>SUPPORT</serviceid>'),
  sessionAccept: op('sessionAccept', '<sessionId>x</sessionId>'),
  checkSessionState: op('checkSessionState', '<sessionId>x</sessionId>'),
  checkSessionStateWithData: op('checkSessionStateWithData', '<sessionId>x</sessionId>'),
  setSessionData: op('setSessionData', '<sessionId>x</sessionId><sessionData>d</sessionData>'),
  closeSession: op('closeSession', '<sessionId>x</sessionId>'),
  getServiceState: op('getServiceState', '<channelId>1003</channelId><serviceCodes>SUPPORT</serviceCodes>'),
  logoutAgentFromChannel: op(
    'logoutAgentFromChannel',
    '<channelId>1003</channelId><agentUsername>anna</agentUsername>',
  ),
};

/** Session operations by SOAP name, with the reason an unknown but well-formed id gets. */
const SESSION_OPERATIONS = [
  'checkSessionState',
  'checkSessionStateWithData',
  'sessionAccept',
  'closeSession',
] as const;

/**
 * The hostile SOAP corpus (issue 15): one case per request with the one answer it must get from
 * the reference engine on the demo contact center, whatever the store. Every fault is HTTP 500
 * (WS-I R1126); `reason` is the fault code (`Client`, `VersionMismatch`…) or the fail reason.
 */
export function soapHostileCorpus(path = '/mc/cxf/soap'): HostileCase[] {
  const cases: HostileCase[] = [];
  const post = (
    id: string,
    cls: string,
    body: string | Buffer,
    status: number,
    reason: string,
    contains?: string | RegExp,
    headers: Record<string, string> = XML_11,
  ) =>
    cases.push({
      id: `${cls}/${id}`,
      class: cls,
      method: 'POST',
      path,
      headers,
      body,
      expect: { status, reason, ...(contains === undefined ? {} : { contains }) },
    });
  const client = (
    id: string,
    cls: string,
    body: string | Buffer,
    contains?: string | RegExp,
    headers?: Record<string, string>,
  ) => post(id, cls, body, 500, 'Client', contains, headers);

  // Identifiers (findings 6 and 9): refused before the store; what XML cannot carry is malformed.
  for (const bad of badIdentifiers) {
    for (const operation of SESSION_OPERATIONS) {
      const body = soapEnvelope(op(operation, `<sessionId>${bad.xml}</sessionId>`));
      if (bad.xmlMalformed) client(`${operation} ${bad.name}`, 'identifier', body, /malformed XML/);
      else post(`${operation} ${bad.name}`, 'identifier', body, 200, 'INVALID_SESSION_ID');
    }
    const start = soapEnvelope(
      op(
        'startSession',
        `<channelId>1003</channelId><serviceid>SUPPORT</serviceid><sessionId>${bad.xml}</sessionId>`,
      ),
    );
    if (bad.xmlMalformed) client(`startSession ${bad.name}`, 'identifier', start, /malformed XML/);
    else post(`startSession ${bad.name}`, 'identifier', start, 200, 'GENERIC');
  }

  // Prefixes and names of Object.prototype members (findings 2 and 8).
  for (const name of prototypeNames) {
    client(
      `envelope prefix ${name}`,
      'prototype',
      `<${name}:Envelope><${name}:Body/></${name}:Envelope>`,
      /unbound namespace prefix/,
    );
    client(
      `operation prefix ${name}`,
      'prototype',
      soapEnvelope(`<${name}:checkSessionState><sessionId>x</sessionId></${name}:checkSessionState>`),
      /unbound namespace prefix/,
    );
    client(
      `attribute prefix ${name}`,
      'prototype',
      soapEnvelope(op('checkSessionState', `<sessionId ${name}:a="1">x</sessionId>`)),
      /unbound namespace prefix/,
    );
    const codes = (more: string) =>
      soapEnvelope(
        op('getServiceState', `<channelId>1003</channelId>${more}<serviceCodes>${name}</serviceCodes>`),
      );
    post(
      `serviceCodes ${name}`,
      'prototype',
      codes(''),
      200,
      'SERVICE_STATE_NOT_FOUND',
      `<key>${name}</key><value>UNKNOWN_SERVICE</value>`,
    );
    post(
      `serviceCodes SUPPORT,${name}`,
      'prototype',
      codes('<serviceCodes>SUPPORT</serviceCodes>'),
      200,
      'SUCCESS',
      `<key>${name}</key><value>UNKNOWN_SERVICE</value>`,
    );
    post(
      `serviceid ${name}`,
      'prototype',
      soapEnvelope(op('startSession', `<channelId>1003</channelId><serviceid>${name}</serviceid>`)),
      200,
      'UNKNOWN_SERVICE',
    );
    post(
      `agentUsername ${name}`,
      'prototype',
      soapEnvelope(
        op('logoutAgentFromChannel', `<channelId>1003</channelId><agentUsername>${name}</agentUsername>`),
      ),
      200,
      'INVALID_USERNAME',
    );
    post(
      `element named ${name}`,
      'prototype',
      soapEnvelope(op('checkSessionState', `<${name}>1</${name}><sessionId>x</sessionId>`)),
      200,
      'INVALID_SESSION_ID',
    );
    client(`operation named ${name}`, 'prototype', soapEnvelope(`<m:${name}/>`), /unknown operation/);
  }

  // Channel ids: NBSP is content, not white space (finding 9).
  for (const raw of badChannelIds) {
    const channelId = decodeURIComponent(raw).replace('\u0000', '&#1;');
    post(
      `startSession ${raw}`,
      'channel',
      soapEnvelope(op('startSession', `<channelId>${channelId}</channelId><serviceid>SUPPORT</serviceid>`)),
      200,
      'INVALID_CHANNEL_ID',
    );
    post(
      `getServiceState ${raw}`,
      'channel',
      soapEnvelope(
        op('getServiceState', `<channelId>${channelId}</channelId><serviceCodes>SUPPORT</serviceCodes>`),
      ),
      200,
      'INVALID_CHANNEL_ID',
    );
  }

  // Limits, each checked while the document is read (finding 1).
  const attributes = (n: number) => Array.from({ length: n }, (_, i) => `a${i.toString(36)}=""`).join(' ');
  for (const n of [65, 1000, 110_000])
    client(
      `${n} attributes`,
      'xml-limit',
      soapEnvelope(op('checkSessionState', `<sessionId ${attributes(n)}>x</sessionId>`)),
      /more than 64 attributes/,
    );
  const declarations = (n: number) =>
    Array.from({ length: n }, (_, i) => `xmlns:p${i.toString(36)}="urn:${i}"`).join(' ');
  for (const n of [65, 20_000])
    client(
      `${n} namespace declarations`,
      'xml-limit',
      soapEnvelope(op('checkSessionState', `<sessionId ${declarations(n)}>x</sessionId>`)),
      /more than 64 attributes/,
    );
  for (const depth of [65, 1000, 100_000])
    client(
      `${depth} nested elements`,
      'xml-limit',
      soapEnvelope(op('checkSessionState', `${'<x>'.repeat(depth)}${'</x>'.repeat(depth)}`)),
      /nest deeper than 64/,
    );
  for (const n of [10_001, 200_000])
    client(
      `${n} elements`,
      'xml-limit',
      soapEnvelope(op('checkSessionState', '<x/>'.repeat(n))),
      /more than 10000 elements/,
    );
  for (const n of [257, 500_000]) {
    client(
      `element name of ${n}`,
      'xml-limit',
      soapEnvelope(op('checkSessionState', `<${'n'.repeat(n)}/>`)),
      /longer than 256/,
    );
    client(
      `attribute name of ${n}`,
      'xml-limit',
      soapEnvelope(op('checkSessionState', `<x ${'n'.repeat(n)}="1"/>`)),
      /longer than 256/,
    );
  }
  client(
    'body over 1 MiB',
    'xml-limit',
    soapEnvelope(op('checkSessionState', `<sessionId>${'x'.repeat(1100 * 1024)}</sessionId>`)),
    /exceeds/,
  );
  client(
    'gzip bomb',
    'xml-limit',
    gzipSync(soapEnvelope(op('checkSessionState', `<sessionId>${' '.repeat(20 * 1024 * 1024)}</sessionId>`))),
    /exceeds/,
    { ...XML_11, 'content-encoding': 'gzip' },
  );

  // DTDs and entities: refused before anything is expanded or fetched.
  for (const [name, prolog] of [
    ['XXE', '<!DOCTYPE s:Envelope [<!ENTITY x SYSTEM "file:///etc/passwd">]>'],
    [
      'billion laughs',
      `<!DOCTYPE s:Envelope [<!ENTITY a "${'x'.repeat(100)}"><!ENTITY b "${'&a;'.repeat(100)}">]>`,
    ],
    ['external DTD', '<!DOCTYPE s:Envelope SYSTEM "http://127.0.0.1:1/evil.dtd">'],
    ['parameter entity', '<!DOCTYPE s:Envelope [<!ENTITY % p SYSTEM "http://127.0.0.1:1/p">%p;]>'],
    ['empty DOCTYPE', '<!DOCTYPE s:Envelope>'],
    ['public DTD', '<!DOCTYPE s:Envelope PUBLIC "-//x//y" "http://127.0.0.1:1/d">'],
  ] as const) {
    const body = soapEnvelope(op('checkSessionState', '<sessionId>x</sessionId>')).replace(
      '?>',
      `?>${prolog}`,
    );
    client(name, 'dtd', body, /document type declarations/);
  }
  client(
    'undefined entity',
    'dtd',
    soapEnvelope(op('checkSessionState', '<sessionId>&x;</sessionId>')),
    /malformed XML/,
  );

  // Well-formedness: what a conforming parser refuses (finding 2) and older cases.
  for (const [name, body] of [
    ['"]]>" in text', soapEnvelope(op('checkSessionState', '<sessionId>a]]>b</sessionId>'))],
    ['"--" in a comment', soapEnvelope(`<!-- a -- b -->${VALID.checkSessionState}`)],
    ['comment ending "--->"', soapEnvelope(`<!-- a --->${VALID.checkSessionState}`)],
    ['declaration not first', ` ${soapEnvelope(VALID.checkSessionState!)}`],
    [
      'second declaration',
      soapEnvelope(VALID.checkSessionState!).replace('<s:Body>', '<?xml version="1.0"?><s:Body>'),
    ],
    ['mismatched end tag', soapEnvelope(op('checkSessionState', '<sessionId>x</sessionid>'))],
    ['unclosed element', soapEnvelope(op('checkSessionState', '<sessionId>x'))],
    ['two roots', `${soapEnvelope(VALID.checkSessionState!)}<s:Envelope xmlns:s="${SOAP11}"/>`],
    ['text after the root', `${soapEnvelope(VALID.checkSessionState!)}junk`],
    ['unquoted attribute', soapEnvelope(op('checkSessionState', '<sessionId a=1>x</sessionId>'))],
    ['duplicate attribute', soapEnvelope(op('checkSessionState', '<sessionId a="1" a="2">x</sessionId>'))],
    [
      'duplicate expanded attribute',
      soapEnvelope(
        op('checkSessionState', `<sessionId xmlns:p="urn:a" xmlns:q="urn:a" p:a="1" q:a="2">x</sessionId>`),
      ),
    ],
    ['"<" in an attribute', soapEnvelope(op('checkSessionState', '<sessionId a="<">x</sessionId>'))],
    ['unterminated entity', soapEnvelope(op('checkSessionState', '<sessionId>a&amp b</sessionId>'))],
    ['raw NUL', soapEnvelope(op('checkSessionState', '<sessionId>a\u0000b</sessionId>'))],
    ['reference to NUL', soapEnvelope(op('checkSessionState', '<sessionId>a&#0;b</sessionId>'))],
    ['reference out of range', soapEnvelope(op('checkSessionState', '<sessionId>&#x110000;</sessionId>'))],
    [
      'xmlns prefix declared',
      soapEnvelope(op('checkSessionState', '<sessionId xmlns:xmlns="urn:x">x</sessionId>')),
    ],
    [
      'xml prefix rebound',
      soapEnvelope(op('checkSessionState', '<sessionId xmlns:xml="urn:x">x</sessionId>')),
    ],
    ['prefix undeclared', soapEnvelope(op('checkSessionState', '<sessionId xmlns:p="">x</sessionId>'))],
    ['invalid name', soapEnvelope(op('checkSessionState', '<1sessionId>x</1sessionId>'))],
    ['colon name', soapEnvelope(op('checkSessionState', '<a:b:c>x</a:b:c>'))],
    ['CDATA outside the root', `<![CDATA[x]]>${soapEnvelope(VALID.checkSessionState!)}`],
    ['not XML', 'this is not XML'],
    ['JSON', '{"sessionId":"x"}'],
    ['bare less-than', '<'],
  ] as const)
    client(name, 'xml-malformed', body, /malformed XML/);
  for (const [operation, valid] of Object.entries(VALID)) {
    const whole = soapEnvelope(valid);
    for (const fraction of [0.1, 0.3, 0.5, 0.7, 0.9, 0.99])
      client(
        `${operation} cut at ${fraction}`,
        'xml-truncated',
        whole.slice(0, Math.floor(whole.length * fraction)),
        /malformed XML/,
      );
  }

  // The envelope and the HTTP binding.
  client('empty body', 'envelope', '', /empty/);
  client('not an envelope', 'envelope', '<a/>', /not a SOAP envelope/);
  post(
    'wrong envelope namespace',
    'envelope',
    '<s:Envelope xmlns:s="urn:x"><s:Body/></s:Envelope>',
    500,
    'VersionMismatch',
  );
  client('no Body', 'envelope', `<s:Envelope xmlns:s="${SOAP11}"/>`, /no Body/);
  client('empty Body', 'envelope', soapEnvelope(''), /Body is empty/);
  client('unknown operation', 'envelope', soapEnvelope('<m:dropTables/>'), /unknown operation/);
  client(
    'operation in another namespace',
    'envelope',
    soapEnvelope('<x:checkSessionState xmlns:x="urn:other"/>'),
    /unknown operation/,
  );
  post(
    'SOAP 1.2 envelope as text/xml',
    'envelope',
    soapEnvelope(VALID.checkSessionState!).replace(SOAP11, SOAP12),
    500,
    'VersionMismatch',
  );
  post(
    'mustUnderstand header',
    'envelope',
    soapEnvelope(VALID.checkSessionState!, '<h:x xmlns:h="urn:h" s:mustUnderstand="1"/>'),
    500,
    'MustUnderstand',
  );
  client('SOAPAction mismatch', 'envelope', soapEnvelope(VALID.checkSessionState!), /SOAPAction/, {
    ...XML_11,
    soapaction: '"closeSession"',
  });
  for (const type of ['application/json', 'text/plain', 'application/xml', 'multipart/related'])
    client(
      `content type ${type}`,
      'envelope',
      soapEnvelope(VALID.checkSessionState!),
      /unsupported content type/,
      { 'content-type': type },
    );
  client('unsupported charset', 'envelope', soapEnvelope(VALID.checkSessionState!), /charset/, {
    'content-type': 'text/xml; charset=klingon',
  });
  client('unsupported content encoding', 'envelope', soapEnvelope(VALID.checkSessionState!), /encoding/, {
    ...XML_11,
    'content-encoding': 'compress',
  });
  post('BOM', 'envelope', `\ufeff${soapEnvelope(VALID.checkSessionState!)}`, 200, 'INVALID_SESSION_ID');
  post(
    'comments, PIs and white space',
    'envelope',
    soapEnvelope(`<!-- c --><?pi x?> ${VALID.checkSessionState} `),
    200,
    'INVALID_SESSION_ID',
  );
  for (const [operation, valid] of Object.entries(VALID)) {
    cases.push({
      id: `envelope/PUT ${operation}`,
      class: 'envelope',
      method: 'PUT',
      path,
      headers: XML_11,
      body: soapEnvelope(valid),
      expect: { status: 405, reason: 'HTTP_405' },
    });
  }
  return cases;
}
