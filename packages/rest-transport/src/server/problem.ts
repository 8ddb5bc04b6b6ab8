import type { ServerResponse } from 'node:http';

/**
 * Stable codes of the protocol errors the REST server answers with (business failures are never
 * problems: they are HTTP 200 results with `result: FAILED`).
 */
export type ProblemCode =
  /** 404: no MCC resource at this path. */
  | 'NOT_FOUND'
  /** 405: the resource exists but not with this method (see the `Allow` header). */
  | 'METHOD_NOT_ALLOWED'
  /** 415: a PUT whose body is not `application/json`. */
  | 'UNSUPPORTED_MEDIA_TYPE'
  /** 400: a body that is not JSON. */
  | 'MALFORMED_JSON'
  /** 400: a request the server could not read (bad `Content-Length`, aborted body…). */
  | 'BAD_REQUEST'
  /** 401: the handler's `authenticate` refused the credentials, or none were sent (see `WWW-Authenticate`). */
  | 'UNAUTHORIZED'
  /** 413: a body over the handler's `maxBodyBytes`. */
  | 'PAYLOAD_TOO_LARGE'
  /** 414: a URL over the handler's `maxUrlLength`. */
  | 'URI_TOO_LONG'
  /** 429: the handler's `throttle` refused the request (see `Retry-After`). */
  | 'TOO_MANY_REQUESTS'
  /** 500: the service threw and the operation has no fail reason for it. */
  | 'INTERNAL_ERROR'
  /** 503: the service threw core's `ServiceUnavailableError` (with `Retry-After` when it gave one). */
  | 'SERVICE_UNAVAILABLE';

/** An RFC 9457 problem body with the stable `code` extension. */
export interface Problem {
  /** `urn:mcc:problem:<code in kebab case>`. */
  type: string;
  /** Short, fixed summary of the problem type. */
  title: string;
  /** The HTTP status, repeated. */
  status: number;
  /** What went wrong with this request (never a stack trace or an internal path). */
  detail: string;
  /** Stable code to branch on. */
  code: ProblemCode;
}

/** The media type of problem bodies. */
export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

const problemTypes: { readonly [C in ProblemCode]: { status: number; title: string } } = {
  NOT_FOUND: { status: 404, title: 'Not Found' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method Not Allowed' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported Media Type' },
  MALFORMED_JSON: { status: 400, title: 'Malformed JSON' },
  BAD_REQUEST: { status: 400, title: 'Bad Request' },
  UNAUTHORIZED: { status: 401, title: 'Unauthorized' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Content Too Large' },
  URI_TOO_LONG: { status: 414, title: 'URI Too Long' },
  TOO_MANY_REQUESTS: { status: 429, title: 'Too Many Requests' },
  INTERNAL_ERROR: { status: 500, title: 'Internal Server Error' },
  SERVICE_UNAVAILABLE: { status: 503, title: 'Service Unavailable' },
};

/** Builds the problem body for `code`. */
export function problem(code: ProblemCode, detail: string): Problem {
  const { status, title } = problemTypes[code];
  return { type: `urn:mcc:problem:${code.toLowerCase().replaceAll('_', '-')}`, title, status, detail, code };
}

/**
 * Answers with a problem body. `close` asks the client to drop the connection (used when the
 * request body was left unread, so the connection cannot be reused safely).
 */
export function sendProblem(
  res: ServerResponse,
  code: ProblemCode,
  detail: string,
  headers: Record<string, string | string[]> = {},
  close = false,
): void {
  const body = problem(code, detail);
  const payload = JSON.stringify(body);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(body.status, {
    ...headers,
    'content-type': PROBLEM_MEDIA_TYPE,
    'content-length': String(Buffer.byteLength(payload)),
    'cache-control': 'no-store',
    ...(close ? { connection: 'close' } : {}),
  });
  res.end(payload);
}
