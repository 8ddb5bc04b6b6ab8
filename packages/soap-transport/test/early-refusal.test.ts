import { createCredentialChecker } from '@mcc/http';
import { blockingRequest } from '@mcc/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSoapHandler, soapAuthenticator } from '../src/server/index.js';
import { createFakeService } from './support/fake-service.js';
import { type Listening, listen } from './support/listen.js';

/**
 * A request refused before its body is read (over maxBodyBytes, rate-limited, wrong Basic
 * credentials) reaches a blocking client (gSOAP, JAX-WS) as its fault — HTTP 500, or 401 for
 * credentials — not as EPIPE / a reset: the server drains the body (bounded) before answering.
 * 5 MiB bodies: past what loopback buffers absorb, so that an early close would reset.
 */
const BODY = 5 * 1024 * 1024;
const RUNS = 20;
const port = (server: Listening) => Number(new URL(server.origin).port);

let open: Listening;
let throttled: Listening;
let locked: Listening;

beforeAll(async () => {
  open = await listen(createSoapHandler(createFakeService()));
  throttled = await listen(createSoapHandler(createFakeService(), { throttle: () => 4 }));
  const checker = createCredentialChecker({ users: { mcc: 'pw' } });
  locked = await listen(createSoapHandler(createFakeService(), { authenticate: soapAuthenticator(checker) }));
});
afterAll(async () => {
  await Promise.all([open.close(), throttled.close(), locked.close()]);
});

function head(extra = '', length: number | 'chunked' = BODY) {
  const framing = length === 'chunked' ? 'transfer-encoding: chunked' : `content-length: ${length}`;
  return `POST /mc/cxf/soap HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: text/xml; charset=utf-8\r\nsoapaction: ""\r\n${extra}${framing}\r\n\r\n`;
}

async function runs(send: () => ReturnType<typeof blockingRequest>, expected: RegExp): Promise<number> {
  let read = 0;
  for (let run = 0; run < RUNS; run++) {
    const answer = await send();
    if (answer.error === undefined && expected.test(answer.text)) read++;
  }
  return read;
}

const CLIENT_FAULT =
  /^HTTP\/1\.1 500 [\s\S]*<faultcode>soap:Client<\/faultcode><faultstring>the request body exceeds/;

describe('early refusals reach a blocking client (20 runs each)', () => {
  test('a declared body over maxBodyBytes: Client fault, HTTP 500', async () => {
    const read = await runs(() => blockingRequest(port(open), head(), BODY), CLIENT_FAULT);
    console.info(`SOAP over-limit (declared) refusal: ${read}/${RUNS} faults read`);
    expect(read).toBe(RUNS);
  });

  test('a chunked body that passes the limit while it is read: Client fault, HTTP 500', async () => {
    const read = await runs(
      () =>
        blockingRequest(port(open), `${head('', 'chunked')}${BODY.toString(16)}\r\n`, BODY, '\r\n0\r\n\r\n'),
      CLIENT_FAULT,
    );
    console.info(`SOAP over-limit (chunked) refusal: ${read}/${RUNS} faults read`);
    expect(read).toBe(RUNS);
  });

  test('rate-limited before the body is read: Server fault, HTTP 500, Retry-After', async () => {
    const read = await runs(
      () => blockingRequest(port(throttled), head(), BODY),
      /^HTTP\/1\.1 500 [\s\S]*retry-after: 4[\s\S]*<faultcode>soap:Server<\/faultcode>/i,
    );
    console.info(`SOAP throttle refusal: ${read}/${RUNS} faults read`);
    expect(read).toBe(RUNS);
  });

  test('wrong Basic credentials before the body is read: Client fault, HTTP 401', async () => {
    const basic = `authorization: Basic ${Buffer.from('mcc:wrong').toString('base64')}\r\n`;
    const read = await runs(
      () => blockingRequest(port(locked), head(basic), BODY),
      /^HTTP\/1\.1 401 [\s\S]*<faultcode>soap:Client<\/faultcode><faultstring>authentication failed/,
    );
    console.info(`SOAP Basic refusal: ${read}/${RUNS} faults read`);
    expect(read).toBe(RUNS);
  });

  test("Node's fetch reads the Client fault of a 5 MiB body", async () => {
    let read = 0;
    for (let run = 0; run < RUNS; run++) {
      const response = await fetch(`${open.origin}/mc/cxf/soap`, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' },
        body: Buffer.alloc(BODY, 0x20),
      });
      if (response.status === 500 && (await response.text()).includes('soap:Client')) read++;
    }
    console.info(`SOAP over-limit via fetch: ${read}/${RUNS} faults read`);
    expect(read).toBe(RUNS);
  });
});
