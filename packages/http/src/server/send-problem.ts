import type { ServerResponse } from 'node:http';
import { PROBLEM_MEDIA_TYPE, type ProblemCode, problem } from './problem-types.js';

/**
 * Answers with a problem body. `close` asks the client to drop the connection (used when the
 * request body was left unread, so the connection cannot be reused safely). Once headers are
 * sent nothing can be said any more: the connection is destroyed.
 */
export function sendProblem(
  res: ServerResponse,
  code: ProblemCode,
  detail: string,
  headers: Readonly<Record<string, string | readonly string[]>> = {},
  close = false,
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = problem(code, detail);
  const payload = JSON.stringify(body);
  res.writeHead(body.status, {
    ...(headers as Record<string, string | string[]>),
    'content-type': PROBLEM_MEDIA_TYPE,
    'content-length': String(Buffer.byteLength(payload)),
    'cache-control': 'no-store',
    ...(close ? { connection: 'close' } : {}),
  });
  res.end(payload);
}
