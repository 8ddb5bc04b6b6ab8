import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect } from 'node:net';
import { blockingRequest } from '@mcc/testkit';
import { afterEach, describe, expect, test } from 'vitest';
import { answerAfterDrain } from './answer-after-drain.js';
import { createClientErrorListener } from './client-error-answer.js';
import { drainRequest } from './drain-request.js';
import { sendProblem } from './send-problem.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

function listen(handler: (req: IncomingMessage, res: import('node:http').ServerResponse) => void) {
  server = createServer({ connectionsCheckingInterval: 50 }, handler);
  server.on('clientError', createClientErrorListener({ maxBytes: 1 << 20, timeoutMs: 1000 }));
  return new Promise<number>((resolve) =>
    server!.listen(0, '127.0.0.1', () => resolve((server!.address() as { port: number }).port)),
  );
}

describe('answerAfterDrain', () => {
  test('a refusal before the body is read reaches a client still sending (no reset), keeping the connection', async () => {
    const port = await listen((req, res) =>
      answerAfterDrain(req, (close) => sendProblem(res, 'PAYLOAD_TOO_LARGE', 'too big', {}, close)),
    );
    // 5 MiB: past what loopback buffers absorb, so that without the drain the client gets EPIPE.
    const size = 5 * 1024 * 1024;
    const { text: answer, error } = await blockingRequest(
      port,
      `PUT /x HTTP/1.1\r\nhost: a\r\ncontent-type: application/json\r\ncontent-length: ${size}\r\n\r\n`,
      size,
    );
    expect(error).toBeUndefined();
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toContain('"code":"PAYLOAD_TOO_LARGE"');
    expect(answer).not.toMatch(/connection: close/i);
  });

  test('the control: answering at once and closing resets that same client (why the drain exists)', async () => {
    const port = await listen((_req, res) => sendProblem(res, 'PAYLOAD_TOO_LARGE', 'too big', {}, true));
    const size = 5 * 1024 * 1024;
    let resets = 0;
    for (let run = 0; run < 3; run++) {
      const { error } = await blockingRequest(
        port,
        `PUT /x HTTP/1.1\r\nhost: a\r\ncontent-length: ${size}\r\n\r\n`,
        size,
      );
      if (error === 'EPIPE' || error === 'ECONNRESET') resets++;
    }
    expect(resets).toBeGreaterThan(0);
  });

  test('over the drain limit, the answer asks to close', async () => {
    let drained: boolean | undefined;
    const port = await listen((req, res) => {
      void drainRequest(req, { maxBytes: 1024, timeoutMs: 1000 }).then((ended) => {
        drained = ended;
        sendProblem(res, 'PAYLOAD_TOO_LARGE', 'too big', {}, !ended);
      });
    });
    const size = 2 * 1024 * 1024;
    const { text: answer } = await blockingRequest(
      port,
      `PUT /x HTTP/1.1\r\nhost: a\r\ncontent-length: ${size}\r\n\r\n`,
      size,
    );
    expect(drained).toBe(false);
    // Either the answer arrived or the reset came first: the server's side is bounded either way.
    if (answer) expect(answer).toMatch(/^HTTP\/1\.1 413 [\s\S]*connection: close/i);
  });

  test('a slow sender is cut off after timeoutMs', async () => {
    let drained: boolean | undefined;
    const port = await listen((req, res) => {
      void drainRequest(req, { maxBytes: 1 << 20, timeoutMs: 200 }).then((ended) => {
        drained = ended;
        sendProblem(res, 'UNAUTHORIZED', 'no', {}, !ended);
      });
    });
    const socket = connect(port, '127.0.0.1');
    socket.write('PUT /x HTTP/1.1\r\nhost: a\r\ncontent-length: 100\r\n\r\n0123');
    const answer = await new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (chunk) => {
        text += chunk.toString('latin1');
      });
      socket.on('error', () => undefined);
      socket.on('close', () => resolve(text));
    });
    expect(drained).toBe(false);
    expect(answer).toMatch(/^HTTP\/1\.1 401 [\s\S]*connection: close/i);
  });
});

describe('createClientErrorListener', () => {
  test('a request line over maxHeaderSize is a 414 problem, header fields a 431 problem', async () => {
    const port = await listen((_req, res) => res.end('ok'));
    const long = await blockingRequest(port, `GET /x?${'a'.repeat(100_000)} HTTP/1.1\r\nhost: a\r\n\r\n`, 0);
    expect(long.text).toMatch(/^HTTP\/1\.1 414 /);
    expect(long.text).toContain('"code":"URI_TOO_LONG"');
    const fields = await blockingRequest(
      port,
      `GET /x HTTP/1.1\r\nhost: a\r\nx-big: ${'b'.repeat(100_000)}\r\n\r\n`,
      0,
    );
    expect(fields.text).toMatch(/^HTTP\/1\.1 431 /);
    expect(fields.text).toContain('"code":"REQUEST_HEADER_FIELDS_TOO_LARGE"');
    const garbage = await blockingRequest(port, 'NOT HTTP AT ALL\r\n\r\n', 0);
    expect(garbage.text).toMatch(/^HTTP\/1\.1 400 [\s\S]*"code":"BAD_REQUEST"/);
  });

  test('headers not received within headersTimeout: a 408 problem', async () => {
    const port = await listen((_req, res) => res.end('ok'));
    server!.headersTimeout = 200;
    server!.requestTimeout = 200;
    const socket = connect(port, '127.0.0.1');
    socket.write('GET /x HTTP/1.1\r\nhost: a\r\n');
    const answer = await new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (chunk) => {
        text += chunk.toString('latin1');
      });
      socket.on('error', () => undefined);
      socket.on('close', () => resolve(text));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408 [\s\S]*"code":"REQUEST_TIMEOUT"/);
  });
});
