import type { IncomingMessage } from 'node:http';
import getRawBody from 'raw-body';
import type { ProblemCode } from './problem.js';

/** The outcome of reading a JSON request body. */
export type JsonBody = { ok: true; value: unknown } | { ok: false; code: ProblemCode; detail: string };

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json$/;

/**
 * Whether a `Content-Type` header names JSON (`application/json` or `application/…+json`) in
 * UTF-8 (the only charset JSON allows on the wire, RFC 8259).
 */
export function isJsonMediaType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const [type = '', ...parameters] = contentType.split(';');
  if (!JSON_MEDIA_TYPE.test(type.trim().toLowerCase())) return false;
  return parameters.every((parameter) => {
    const [name = '', value = ''] = parameter.split('=');
    if (name.trim().toLowerCase() !== 'charset') return true;
    return /^"?utf-?8"?$/i.test(value.trim());
  });
}

function parse(text: string): JsonBody {
  try {
    // A UTF-8 byte order mark is tolerated (RFC 8259 §8.1 lets a parser ignore it).
    return { ok: true, value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) };
  } catch {
    return { ok: false, code: 'MALFORMED_JSON', detail: 'The request body is not valid JSON.' };
  }
}

/**
 * Reads and parses a JSON body of at most `limit` bytes. A body a host framework already parsed
 * (`req.body`, e.g. from `express.json()`) is used as it is.
 */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<JsonBody> {
  const preParsed = (req as IncomingMessage & { body?: unknown }).body;
  if (preParsed !== undefined && req.readableEnded) {
    if (typeof preParsed === 'string') return parse(preParsed);
    if (Buffer.isBuffer(preParsed)) return parse(preParsed.toString('utf8'));
    return { ok: true, value: preParsed };
  }
  const coding = String(req.headers['content-encoding'] ?? 'identity')
    .trim()
    .toLowerCase();
  if (coding !== 'identity' && coding !== '') {
    return {
      ok: false,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      detail: `Content-Encoding "${coding.slice(0, 40)}" is not accepted: send the JSON body uncompressed.`,
    };
  }
  try {
    const text = await getRawBody(req, { length: req.headers['content-length'], limit, encoding: 'utf8' });
    return parse(text);
  } catch (error) {
    const { type } = error as { type?: string };
    if (type === 'entity.too.large') {
      return {
        ok: false,
        code: 'PAYLOAD_TOO_LARGE',
        detail: `The request body is larger than ${limit} bytes.`,
      };
    }
    return { ok: false, code: 'BAD_REQUEST', detail: 'The request body could not be read.' };
  }
}
