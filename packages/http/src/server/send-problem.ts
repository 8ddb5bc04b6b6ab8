import type { ServerResponse } from 'node:http';
import { PROBLEM_MEDIA_TYPE, type ProblemCode, problem } from './problem-types.js';

/** An RFC 9457 problem body with a stable `code`: an MCC one, or another API's own (the playground's control API). */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
}

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
  writeProblem(res, problem(code, detail), headers, close);
}

/**
 * Writes a problem body: the one problem writer of every HTTP API here ({@link sendProblem} for
 * the MCC codes). Once headers are sent nothing can be said any more: the connection is destroyed.
 */
export function writeProblem(
  res: ServerResponse,
  body: ProblemBody,
  headers: Readonly<Record<string, string | readonly string[]>> = {},
  close = false,
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
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
