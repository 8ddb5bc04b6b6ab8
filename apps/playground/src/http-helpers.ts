import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  BodyError,
  PROBLEM_TYPES,
  type ProblemCode,
  problem,
  problemCodes,
  readBody,
  writeProblem,
} from '@mcc/http';

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

/** The problem code's place in the one table of problems (`@mcc/http`), when it is an MCC code. */
function isProblemCode(code: string): code is ProblemCode {
  return Object.hasOwn(PROBLEM_TYPES, code);
}

/** Titles by status, from the same table (the first code of each status gives its title). */
const TITLES = new Map<number, string>();
for (const code of problemCodes) {
  const { status, title } = PROBLEM_TYPES[code];
  if (!TITLES.has(status)) TITLES.set(status, title);
}

/**
 * Writes an RFC 9457 problem body through `@mcc/http`'s one problem writer: an MCC code with its
 * own type and title, a control-API code (`INVALID_ARGUMENT`…) with the title of its status.
 */
export function sendProblem(res: ServerResponse, status: number, code: string, detail: string): void {
  writeProblem(
    res,
    isProblemCode(code) && PROBLEM_TYPES[code].status === status
      ? problem(code, detail)
      : {
          type: `urn:mcc:problem:${code.toLowerCase().replaceAll('_', '-')}`,
          title: TITLES.get(status) ?? 'Error',
          status,
          detail,
          code,
        },
  );
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
  let body: Buffer;
  try {
    body = await readBody(req, limit);
  } catch (error) {
    if (error instanceof BodyError && error.code === 'TOO_LARGE')
      throw new HttpProblem(413, 'PAYLOAD_TOO_LARGE', `the body is over ${limit} bytes`);
    throw new HttpProblem(400, 'BAD_REQUEST', 'the request body could not be read');
  }
  if (body.length === 0) return {};
  if (type && !/^application\/json\b/i.test(type))
    throw new HttpProblem(415, 'UNSUPPORTED_MEDIA_TYPE', `send application/json, not ${type}`);
  try {
    const value = JSON.parse(body.toString('utf8'));
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
