import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { answerAfterDrain } from './answer-after-drain.js';
import { BodyError, readBody } from './read-body.js';

const LIMIT = 1000;

/** What the server made of each request body: its bytes, or the refusal's code and message. */
type Outcome = { body: string } | { code: string; message: string };
const outcomes: Array<(outcome: Outcome) => void> = [];
const server = createServer((req, res) => {
  const report = outcomes.shift()!;
  readBody(req, LIMIT).then(
    (body) => {
      report({ body: body.toString('latin1') });
      res.end('ok');
    },
    (error: BodyError) => {
      report({ code: error.code, message: error.message });
      answerAfterDrain(req, (close) => {
        res.statusCode = 413;
        res.shouldKeepAlive = !close;
        res.end('refused');
      });
    },
  );
});
let port = 0;
beforeAll(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});
afterAll(() => void server.close());

/** Sends `head` and `parts` on a raw socket (then ends it, or destroys it when `abort`). */
async function send(
  head: string,
  parts: string[],
  abort = false,
): Promise<{ outcome: Outcome; answer: string }> {
  const outcome = new Promise<Outcome>((resolve) => outcomes.push(resolve));
  const socket = connect(port, '127.0.0.1');
  let answer = '';
  socket.on('data', (data) => {
    answer += data.toString('latin1');
  });
  socket.on('error', () => {});
  await once(socket, 'connect');
  socket.write(`POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${head}\r\n`);
  for (const part of parts) {
    socket.write(part);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  if (abort) {
    const result = await outcome;
    socket.destroy();
    return { outcome: result, answer };
  }
  const result = await outcome;
  while (!/\r\n\r\n(?:ok|refused)$/.test(answer)) await new Promise((resolve) => setTimeout(resolve, 5));
  socket.destroy();
  return { outcome: result, answer };
}

/** A stand-in request: `readBody` reads headers and the stream. */
function fakeRequest(headers: Record<string, string>): PassThrough & IncomingMessage {
  return Object.assign(new PassThrough(), { headers }) as unknown as PassThrough & IncomingMessage;
}

describe('readBody', () => {
  test('reads a body sent in one piece or many, declared or chunked', async () => {
    expect((await send('Content-Length: 5\r\n', ['hello'])).outcome).toEqual({ body: 'hello' });
    expect((await send('Content-Length: 6\r\n', ['ab', 'cd', 'ef'])).outcome).toEqual({ body: 'abcdef' });
    const chunked = await send('Transfer-Encoding: chunked\r\n', [
      '3\r\nabc\r\n',
      '2\r\nde\r\n',
      '0\r\n\r\n',
    ]);
    expect(chunked.outcome).toEqual({ body: 'abcde' });
    expect((await send('Content-Length: 0\r\n', [])).outcome).toEqual({ body: '' });
    expect((await send(`Content-Length: ${LIMIT}\r\n`, ['x'.repeat(LIMIT)])).outcome).toEqual({
      body: 'x'.repeat(LIMIT),
    });
  });

  test('a declared length over the limit is refused before a byte is read; the rest is drained, then answered', async () => {
    const { outcome, answer } = await send(`Content-Length: ${LIMIT + 1}\r\n`, ['x'.repeat(LIMIT + 1)]);
    expect(outcome).toEqual({ code: 'TOO_LARGE', message: `the request body is larger than ${LIMIT} bytes` });
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
  });

  test('a chunked body is refused as soon as it passes the limit, then drained and answered', async () => {
    const big = (LIMIT + 10).toString(16);
    const { outcome, answer } = await send('Transfer-Encoding: chunked\r\n', [
      `${big}\r\n${'y'.repeat(LIMIT + 10)}\r\n`,
      '0\r\n\r\n',
    ]);
    expect(outcome).toEqual({ code: 'TOO_LARGE', message: `the request body is larger than ${LIMIT} bytes` });
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
  });

  test('a request aborted mid-body is ABORTED', async () => {
    const outcome = new Promise<Outcome>((resolve) => outcomes.push(resolve));
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => {});
    await once(socket, 'connect');
    socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly this much');
    await new Promise((resolve) => setTimeout(resolve, 20));
    socket.destroy();
    expect(await outcome).toEqual({ code: 'ABORTED', message: 'the request body could not be read' });
  });

  test('a body ending short of its Content-Length, a stream error, a malformed length are ABORTED', async () => {
    const short = fakeRequest({ 'content-length': '10' });
    const shortRead = readBody(short, LIMIT);
    short.end('abc');
    await expect(shortRead).rejects.toMatchObject({ code: 'ABORTED' });

    const failing = fakeRequest({});
    const failingRead = readBody(failing, LIMIT);
    failing.write('abc');
    failing.destroy(new Error('socket hang up'));
    await expect(failingRead).rejects.toMatchObject({ code: 'ABORTED' });

    for (const length of ['abc', '-1', '1.5', '10, 10', ''])
      await expect(readBody(fakeRequest({ 'content-length': length }), LIMIT), length).rejects.toEqual(
        new BodyError('ABORTED', 'the request body could not be read'),
      );
  });

  test('a stream set to decode text, or already read, is ABORTED rather than read wrong', async () => {
    const decoding = fakeRequest({});
    decoding.setEncoding('utf8');
    await expect(readBody(decoding, LIMIT)).rejects.toMatchObject({ code: 'ABORTED' });

    const read = fakeRequest({});
    read.end('abc');
    read.resume();
    await once(read, 'end');
    await expect(readBody(read, LIMIT)).rejects.toMatchObject({ code: 'ABORTED' });
  });

  test('a streamed body over the limit stops being collected and the stream is paused', async () => {
    const req = fakeRequest({});
    const reading = readBody(req, 4);
    req.write('abc');
    req.write('de');
    await expect(reading).rejects.toEqual(
      new BodyError('TOO_LARGE', 'the request body is larger than 4 bytes'),
    );
    expect(req.isPaused()).toBe(true);
    expect(req.listenerCount('data')).toBe(0);
  });
});
