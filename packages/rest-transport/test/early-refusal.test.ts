import { createCredentialChecker } from '@mcc/http';
import { blockingRequest } from '@mcc/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { restAuthenticator } from '../src/server/index.js';
import { type Listening, serveRest } from './support/listen.js';
import { scriptedService } from './support/scripted-service.js';

/**
 * A request refused before its body is read (too large, no credentials, rate-limited) reaches the
 * client as its problem, not as a reset: the server drains the body (bounded) before answering.
 * 5 MiB bodies: past what loopback buffers absorb, so that an early close would reset.
 */
const BODY = 5 * 1024 * 1024;
const RUNS = 20;

let open: Listening;
let locked: Listening;
let throttled: Listening;

beforeAll(async () => {
  const { service } = scriptedService();
  open = await serveRest(service);
  locked = await serveRest(service, {
    authenticate: restAuthenticator(createCredentialChecker({ users: { mcc: 'pw' } })),
  });
  throttled = await serveRest(service, { throttle: () => 3 });
});
afterAll(async () => {
  await Promise.all([open.close(), locked.close(), throttled.close()]);
});

const head = (length: number) =>
  `PUT /mc/cxf/rest/json/setSessionData HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: ${length}\r\n\r\n`;

async function countReadAnswers(port: number, status: number, code: string): Promise<number> {
  let read = 0;
  for (let run = 0; run < RUNS; run++) {
    const answer = await blockingRequest(port, head(BODY), BODY);
    if (
      answer.error === undefined &&
      answer.text.startsWith(`HTTP/1.1 ${status} `) &&
      answer.text.includes(`"code":"${code}"`)
    )
      read++;
  }
  return read;
}

describe('early refusals reach a blocking client (20 runs each)', () => {
  test('413: a declared body over maxBodyBytes', async () => {
    const read = await countReadAnswers(open.port, 413, 'PAYLOAD_TOO_LARGE');
    console.info(`REST 413 early refusal: ${read}/${RUNS} answers read`);
    expect(read).toBe(RUNS);
  });

  test('413: a chunked body that passes the limit while it is read', async () => {
    let read = 0;
    for (let run = 0; run < RUNS; run++) {
      const chunkHead =
        'PUT /mc/cxf/rest/json/setSessionData HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n';
      // One chunk of 5 MiB then the last chunk: no length declared, the limit is passed while reading.
      const answer = await blockingRequest(
        open.port,
        `${chunkHead}${BODY.toString(16)}\r\n`,
        BODY,
        '\r\n0\r\n\r\n',
      );
      if (answer.error === undefined && answer.text.startsWith('HTTP/1.1 413 ')) read++;
    }
    console.info(`REST 413 chunked refusal: ${read}/${RUNS} answers read`);
    expect(read).toBe(RUNS);
  });

  test('401 before the body is read', async () => {
    const read = await countReadAnswers(locked.port, 401, 'UNAUTHORIZED');
    console.info(`REST 401 early refusal: ${read}/${RUNS} answers read`);
    expect(read).toBe(RUNS);
  });

  test('429 before the body is read, Retry-After kept', async () => {
    const answer = await blockingRequest(throttled.port, head(BODY), BODY);
    expect(answer.error).toBeUndefined();
    expect(answer.text).toMatch(/^HTTP\/1\.1 429 [\s\S]*retry-after: 3/i);
  });

  test("Node's fetch reads the 413 of a 5 MiB body", async () => {
    let read = 0;
    for (let run = 0; run < RUNS; run++) {
      const response = await fetch(`${open.baseUrl}/setSessionData`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: Buffer.alloc(BODY, 0x20),
      });
      const body = (await response.json()) as { code?: string };
      if (response.status === 413 && body.code === 'PAYLOAD_TOO_LARGE') read++;
    }
    console.info(`REST 413 via fetch: ${read}/${RUNS} answers read`);
    expect(read).toBe(RUNS);
  });
});
