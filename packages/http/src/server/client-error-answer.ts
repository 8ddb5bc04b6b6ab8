import type { Socket } from 'node:net';
import { DEFAULT_DRAIN_LIMITS, type DrainLimits } from './drain-request.js';
import { lingeringClose } from './lingering-close.js';
import { PROBLEM_MEDIA_TYPE, type ProblemCode, problem } from './problem-types.js';

/**
 * Which problem answers a request Node's parser refused (the `clientError` event): header fields
 * over `maxHeaderSize` are a 414 `URI_TOO_LONG` when the part being read is the request line (a
 * chunk with no line end yet, or whose first line is the end of a long request line), otherwise a
 * 431; a request not received within the server's deadlines is a 408 `REQUEST_TIMEOUT`; anything
 * else unreadable is a 400 `BAD_REQUEST`.
 */
export function clientErrorProblem(error: Error & { code?: string; rawPacket?: Buffer }): ProblemCode {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return 'REQUEST_TIMEOUT';
  if (error.code !== 'HPE_HEADER_OVERFLOW') return 'BAD_REQUEST';
  const packet = error.rawPacket?.toString('latin1') ?? '';
  const lineEnd = packet.indexOf('\r\n');
  if (lineEnd < 0) return 'URI_TOO_LONG';
  const firstLine = packet.slice(0, lineEnd);
  return / HTTP\/\d\.\d$/.test(firstLine) && firstLine.length > 1024
    ? 'URI_TOO_LONG'
    : 'REQUEST_HEADER_FIELDS_TOO_LARGE';
}

const DETAILS: { readonly [C in ProblemCode]?: string } = {
  URI_TOO_LONG: 'The request target is longer than this server accepts.',
  REQUEST_HEADER_FIELDS_TOO_LARGE: 'The request header fields are larger than this server accepts.',
  BAD_REQUEST: 'The request could not be read as HTTP/1.1.',
  REQUEST_TIMEOUT: 'The request was not received in time.',
};

/**
 * A `clientError` listener for a `node:http` server: instead of Node's bare status line, a problem
 * body ({@link clientErrorProblem}), then a lingering close so that a client still sending reads
 * it. Each socket is answered once; a socket already answering a request is just closed.
 */
export function createClientErrorListener(
  limits: DrainLimits = DEFAULT_DRAIN_LIMITS,
): (error: Error & { code?: string; rawPacket?: Buffer }, socket: Socket) => void {
  const answered = new WeakSet<Socket>();
  return (error, socket) => {
    if (answered.has(socket)) return;
    answered.add(socket);
    const busy = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || busy?.headersSent || !socket.writable) {
      socket.destroy();
      return;
    }
    const code = clientErrorProblem(error);
    const body = JSON.stringify(problem(code, DETAILS[code] ?? 'The request could not be read.'));
    const { status, title } = problem(code, '');
    const head =
      `HTTP/1.1 ${status} ${title}\r\ncontent-type: ${PROBLEM_MEDIA_TYPE}\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\ncache-control: no-store\r\nconnection: close\r\n\r\n`;
    lingeringClose(socket, head + body, limits);
  };
}
