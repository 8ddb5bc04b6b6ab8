/**
 * The protocol errors the MCC REST server answers with, as data: the one source the problem
 * writer, the OpenAPI document and the WADL read (business failures are never problems: they are
 * HTTP 200 results with `result: FAILED`).
 */
export const PROBLEM_TYPES = {
  BAD_REQUEST: {
    status: 400,
    title: 'Bad Request',
    description: 'A request the server could not read (bad Content-Length, aborted or ill-shaped body).',
  },
  MALFORMED_JSON: { status: 400, title: 'Malformed JSON', description: 'A body that is not JSON.' },
  UNAUTHORIZED: {
    status: 401,
    title: 'Unauthorized',
    description: 'Credentials missing or refused (see WWW-Authenticate).',
  },
  NOT_FOUND: { status: 404, title: 'Not Found', description: 'No MCC resource at this path.' },
  METHOD_NOT_ALLOWED: {
    status: 405,
    title: 'Method Not Allowed',
    description: 'The resource exists but not with this method (see Allow).',
  },
  REQUEST_TIMEOUT: {
    status: 408,
    title: 'Request Timeout',
    description: "The request was not received within the server's headersTimeout / requestTimeout.",
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    title: 'Content Too Large',
    description: "A body over the handler's maxBodyBytes.",
  },
  URI_TOO_LONG: { status: 414, title: 'URI Too Long', description: "A URL over the handler's maxUrlLength." },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    title: 'Unsupported Media Type',
    description: 'A body that is not uncompressed application/json.',
  },
  TOO_MANY_REQUESTS: {
    status: 429,
    title: 'Too Many Requests',
    description: "The handler's throttle refused the request (see Retry-After).",
  },
  REQUEST_HEADER_FIELDS_TOO_LARGE: {
    status: 431,
    title: 'Request Header Fields Too Large',
    description: "Header fields over the server's maxHeaderSize.",
  },
  INTERNAL_ERROR: {
    status: 500,
    title: 'Internal Server Error',
    description: 'The service failed and the operation has no fail reason for it.',
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    title: 'Service Unavailable',
    description: 'The service cannot answer now (see Retry-After when given).',
  },
} as const satisfies Record<string, { status: number; title: string; description: string }>;

/** Stable code of a problem: what clients branch on. */
export type ProblemCode = keyof typeof PROBLEM_TYPES;

/** Every problem code, in status order. */
export const problemCodes = Object.keys(PROBLEM_TYPES) as ProblemCode[];

/** Every status a problem is answered with, ascending, each once. */
export const problemStatuses: readonly number[] = [
  ...new Set(problemCodes.map((code) => PROBLEM_TYPES[code].status)),
];

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

/** Builds the problem body for `code`. */
export function problem(code: ProblemCode, detail: string): Problem {
  const { status, title } = PROBLEM_TYPES[code];
  return { type: `urn:mcc:problem:${code.toLowerCase().replaceAll('_', '-')}`, title, status, detail, code };
}
