import type { IncomingMessage, ServerResponse } from 'node:http';

/** A control-API failure that becomes a problem answer. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
};

/** Writes an RFC 9457 problem body. */
export function sendProblem(res: ServerResponse, status: number, code: string, detail: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({
    type: 'about:blank',
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
  });
  res.writeHead(status, {
    'content-type': 'application/problem+json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** Writes a JSON answer (204 without a body for `undefined`). */
export function sendJson(res: ServerResponse, value: unknown, status = 200): void {
  if (value === undefined) {
    res.writeHead(204).end();
    return;
  }
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(body);
}

/** Reads a JSON request body of at most `limit` bytes (an empty body reads as `{}`). */
export async function readJson(req: IncomingMessage, limit = 64 * 1024): Promise<Record<string, unknown>> {
  const type = req.headers['content-type'];
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpProblem(413, 'BODY_TOO_LARGE', `the body is over ${limit} bytes`);
    chunks.push(chunk);
  }
  if (size === 0) return {};
  if (type && !/^application\/json\b/i.test(type))
    throw new HttpProblem(415, 'UNSUPPORTED_MEDIA_TYPE', `send application/json, not ${type}`);
  try {
    const value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
    return value as Record<string, unknown>;
  } catch (error) {
    throw new HttpProblem(
      400,
      'MALFORMED_JSON',
      `the body is not a JSON object: ${(error as Error).message}`,
    );
  }
}
