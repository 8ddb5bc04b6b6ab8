import { gzipSync } from 'node:zlib';
import type { MccService } from '@mcc/core';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeUsernameToken } from '../src/security/ws-security.js';
import { createSoapHandler, type SoapCredentials, verifyUsernameToken } from '../src/server/index.js';
import { readWsdl } from '../src/wsdl/read-wsdl.js';
import { createFakeService } from './support/fake-service.js';
import { type Listening, listen } from './support/listen.js';
import { envelope, expectFault, post, returnFields } from './support/soap-http.js';

const check = (id: string) => `<m:checkSessionState><sessionId>${id}</sessionId></m:checkSessionState>`;

describe('the WSDL', () => {
  let http: Listening;
  let proxied: Listening;
  beforeAll(async () => {
    http = await listen(createSoapHandler(createFakeService()));
    proxied = await listen(createSoapHandler(createFakeService(), { trustProxy: true }));
  });
  afterAll(async () => {
    await http.close();
    await proxied.close();
  });

  async function getWsdl(url: string, headers: Record<string, string> = {}) {
    const response = await request(url, { headers });
    return {
      status: response.statusCode,
      type: response.headers['content-type'],
      text: await response.body.text(),
    };
  }

  test.each(['wsdl', 'WSDL'])(
    'is served at ?%s with soap:address = the address it was fetched from',
    async (q) => {
      const wsdl = await getWsdl(`${http.origin}/mc/cxf/soap?${q}`);
      expect(wsdl.status).toBe(200);
      expect(wsdl.type).toBe('text/xml; charset=utf-8');
      const binding = await readWsdl(wsdl.text);
      expect(binding.address).toBe(`${http.origin}/mc/cxf/soap`);
      // SOAP 1.1 only by default (docs/decisions/wsdl-soap-versions.md).
      expect(wsdl.text).not.toContain('soap12');
    },
  );

  test('follows the Host header, and X-Forwarded-* only when trustProxy is set', async () => {
    const forwarded = {
      host: 'mcc.internal:8080',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'mcc.example.com',
    };
    const direct = await readWsdl((await getWsdl(`${http.origin}/mc/cxf/soap?wsdl`, forwarded)).text);
    expect(direct.address).toBe('http://mcc.internal:8080/mc/cxf/soap');
    const behindProxy = await readWsdl((await getWsdl(`${proxied.origin}/mc/cxf/soap?wsdl`, forwarded)).text);
    expect(behindProxy.address).toBe('https://mcc.example.com/mc/cxf/soap');
  });

  test('a GET without ?wsdl is 405, another path 404', async () => {
    expect((await getWsdl(`${http.origin}/mc/cxf/soap`)).status).toBe(405);
    expect((await getWsdl(`${http.origin}/other?wsdl`)).status).toBe(404);
  });
});

describe('options: path, namespace, next', () => {
  test('serves a custom path and namespace, and hands other paths to next()', async () => {
    const handler = createSoapHandler(createFakeService(), { path: '/soap', namespace: 'urn:example:mcc' });
    const http = await listen((req, res) =>
      handler(req, res, () => {
        res.writeHead(418).end('next');
      }),
    );
    try {
      const wsdl = await (await request(`${http.origin}/soap?wsdl`)).body.text();
      expect(wsdl).toContain('targetNamespace="urn:example:mcc"');
      const body = envelope(check('x')).replace('http://mcc.tvox/', 'urn:example:mcc');
      const answer = await post(`${http.origin}/soap`, body);
      expect(answer.status).toBe(200);
      expect(answer.text).toContain('<mcc:checkSessionStateResponse>');
      expect(answer.text).toContain('xmlns:mcc="urn:example:mcc"');
      expect((await request(`${http.origin}/mc/cxf/soap?wsdl`)).statusCode).toBe(418);
    } finally {
      await http.close();
    }
  });
});

describe('requests and answers', () => {
  let http: Listening;
  let url: string;
  const errors: unknown[] = [];
  const service = createFakeService();
  beforeAll(async () => {
    http = await listen(createSoapHandler(service, { onError: (e) => errors.push(e) }));
    url = `${http.origin}/mc/cxf/soap`;
  });
  afterAll(() => http.close());

  test.each([
    ['missing', undefined],
    ['empty', '""'],
    ['unquoted empty', ''],
    ['the operation name', '"checkSessionState"'],
    ['a URI ending in the operation', '"http://mcc.tvox/checkSessionState"'],
  ])('SOAPAction %s is accepted', async (_name, action) => {
    const headers: Record<string, string> = { 'content-type': 'text/xml; charset=utf-8' };
    if (action !== undefined) headers.soapaction = action;
    const answer = await post(url, envelope(check('nope')), headers);
    expect(answer.status).toBe(200);
    expect(returnFields(answer)).toMatchObject({ result: 'FAILED', failReason: 'INVALID_SESSION_ID' });
  });

  test('a business failure is a normal 200 answer, with absent fields omitted and no xsi:nil', async () => {
    const answer = await post(url, envelope(check('nope')));
    expect(answer.status).toBe(200);
    expect(answer.text).not.toContain('nil');
    expect(Object.keys(returnFields(answer))).toEqual(['result', 'failReason', 'failReasonMessage']);
  });

  test('children come in the reference order whatever order the service used', async () => {
    const scrambled = {
      async checkSession() {
        return { customMessage: 'm', username: 'u', status: 'ASSIGNED', sessionId: 's', result: 'SUCCESS' };
      },
    } as unknown as MccService;
    const other = await listen(createSoapHandler(scrambled));
    try {
      const answer = await post(`${other.origin}/mc/cxf/soap`, envelope(check('s')));
      expect(Object.keys(returnFields(answer))).toEqual([
        'result',
        'sessionId',
        'status',
        'username',
        'customMessage',
      ]);
    } finally {
      await other.close();
    }
  });

  test('SOAP 1.2 requests get SOAP 1.2 answers, with the action in the content type', async () => {
    const answer = await post(url, envelope(check('nope'), '1.2'), {
      'content-type': 'application/soap+xml; charset=utf-8; action="checkSessionState"',
    });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/soap+xml; charset=utf-8');
    expect(answer.text).toContain('xmlns:soap="http://www.w3.org/2003/05/soap-envelope"');
    expect(returnFields(answer)).toMatchObject({ result: 'FAILED' });
  });

  test('SOAP 1.2 faults: Sender, with HTTP 500 like every fault', async () => {
    const answer = await post(url, envelope('<m:nothing/>', '1.2'), {
      'content-type': 'application/soap+xml',
    });
    expectFault(answer, '1.2', 'Client', 500);
    expect(answer.text).toContain('<soap:Value>soap:Sender</soap:Value>');
    expect(answer.text).toContain('xml:lang="en"');
  });

  test('an envelope of the other version than the content type says is a VersionMismatch', async () => {
    expectFault(await post(url, envelope(check('x'), '1.2')), '1.2', 'VersionMismatch', 500);
  });

  test('a header block with mustUnderstand that the server does not know is a MustUnderstand fault', async () => {
    const header = '<t:Trace xmlns:t="urn:trace" s:mustUnderstand="1">1</t:Trace>';
    expectFault(await post(url, envelope(check('x'), '1.1', header)), '1.1', 'MustUnderstand');
    const ignorable = '<t:Trace xmlns:t="urn:trace">1</t:Trace>';
    expect((await post(url, envelope(check('x'), '1.1', ignorable))).status).toBe(200);
  });

  test('a service that throws is a Server fault that reveals nothing', async () => {
    const answer = await post(url, envelope(check('explode')));
    const message = expectFault(answer, '1.1', 'Server');
    expect(message).toBe('internal server error');
    expect(answer.text).not.toMatch(/hunter2|secret|ECONNREFUSED/);
    expect(errors).toHaveLength(1);
  });

  test('gzip-compressed and ISO-8859-1 requests are understood', async () => {
    const start = envelope(
      '<m:startSession><channelId>1</channelId><serviceid>SUPPORT</serviceid><data>caffè</data></m:startSession>',
    ).replace('UTF-8', 'ISO-8859-1');
    const answer = await post(url, gzipSync(Buffer.from(start, 'latin1')), {
      'content-type': 'text/xml; charset=ISO-8859-1',
      'content-encoding': 'gzip',
    });
    expect(answer.status).toBe(200);
    expect(service.seen.startSession).toMatchObject({ data: 'caffè' });
  });

  test('repeated and comma-separated serviceCodes, xsi:nil elements treated as absent', async () => {
    const body = envelope(
      '<m:getServiceState xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><channelId> 1 </channelId>' +
        '<serviceCodes>A</serviceCodes><serviceCodes>B,C</serviceCodes><serviceCodes xsi:nil="true"/></m:getServiceState>',
    );
    const answer = await post(url, body);
    expect(answer.status).toBe(200);
    expect(service.seen.getServiceState).toEqual({ channelId: 1, serviceCodes: ['A', 'B', 'C'] });
    expect(answer.text).toContain('<state><entry><key>A</key><value>ACTIVE</value></entry>');
  });
});

describe('authentication', () => {
  let http: Listening;
  let url: string;
  const seen: SoapCredentials[] = [];
  beforeAll(async () => {
    http = await listen(
      createSoapHandler(createFakeService(), {
        authenticate: (credentials) => {
          seen.push(credentials);
          if (credentials.basic)
            return credentials.basic.username === 'mcc' && credentials.basic.password === 's3cret';
          return (
            credentials.usernameToken !== undefined &&
            verifyUsernameToken(credentials.usernameToken, 's3cret')
          );
        },
      }),
    );
    url = `${http.origin}/mc/cxf/soap`;
  });
  afterAll(() => http.close());

  test('no credentials: a Client fault with HTTP 401', async () => {
    const answer = await post(url, envelope(check('x')));
    expectFault(answer, '1.1', 'Client', 401);
    expect(answer.headers['www-authenticate']).toContain('Basic');
  });

  test('HTTP Basic', async () => {
    const ok = {
      'content-type': 'text/xml',
      authorization: `Basic ${Buffer.from('mcc:s3cret').toString('base64')}`,
    };
    expect((await post(url, envelope(check('x')), ok)).status).toBe(200);
    const bad = { ...ok, authorization: `Basic ${Buffer.from('mcc:wrong').toString('base64')}` };
    expectFault(await post(url, envelope(check('x')), bad), '1.1', 'Client', 401);
  });

  test.each(['text', 'digest'] as const)('WS-Security UsernameToken, password %s', async (passwordType) => {
    const good = writeUsernameToken({ username: 'mcc', password: 's3cret', passwordType });
    expect((await post(url, envelope(check('x'), '1.1', good))).status).toBe(200);
    expect(seen.at(-1)?.usernameToken).toMatchObject({ username: 'mcc', passwordType });
    const bad = writeUsernameToken({ username: 'mcc', password: 'guess', passwordType });
    expectFault(await post(url, envelope(check('x'), '1.1', bad)), '1.1', 'Client', 401);
  });
});

describe('observe', () => {
  test('is told about every answered operation, invalid input included, and not about faults', async () => {
    const seen: Array<{ operation: string; result?: string; failReason?: string }> = [];
    const server = await listen(
      createSoapHandler(createFakeService(), {
        observe: (r) =>
          seen.push({ operation: r.operation, result: r.result?.result, failReason: r.result?.failReason }),
      }),
    );
    try {
      const url = `${server.origin}/mc/cxf/soap`;
      await post(url, envelope(check('nope')));
      await post(
        url,
        envelope('<m:startSession><channelId>abc</channelId><serviceid>S</serviceid></m:startSession>'),
      );
      await post(url, envelope('<m:noSuchOperation/>'));
      expect(seen).toEqual([
        { operation: 'checkSession', result: 'FAILED', failReason: 'INVALID_SESSION_ID' },
        { operation: 'startSession', result: 'FAILED', failReason: 'INVALID_CHANNEL_ID' },
      ]);
    } finally {
      await server.close();
    }
  });
});
