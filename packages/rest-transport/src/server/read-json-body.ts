import type { IncomingMessage } from 'node:http';
import { tokenize } from '@humanwhocodes/momoa';
import { BodyError, type ProblemCode, readBody } from '@mcc/http';

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

/** Deepest nesting of arrays and objects accepted in a JSON body. */
export const MAX_JSON_DEPTH = 32;

/**
 * Why the structure of `text` is refused (nesting deeper than {@link MAX_JSON_DEPTH}, a key twice
 * in one object), or `undefined`; read with momoa's tokenizer, one pass, no recursion.
 */
function structureProblem(text: string): string | undefined {
  const open: Array<Set<string> | undefined> = [];
  let previous = '';
  for (const token of tokenize(text, { ranges: true })) {
    const { type } = token;
    if (type === 'LBrace' || type === 'LBracket') {
      if (open.length >= MAX_JSON_DEPTH)
        return `arrays and objects nest deeper than ${MAX_JSON_DEPTH} levels`;
      open.push(type === 'LBrace' ? new Set() : undefined);
    } else if (type === 'RBrace' || type === 'RBracket') {
      open.pop();
    } else if (type === 'String' && (previous === 'LBrace' || previous === 'Comma')) {
      const keys = open[open.length - 1];
      const [start, end] = token.range ?? [0, 0];
      const key = keys && (JSON.parse(text.slice(start, end)) as string);
      if (keys && key !== undefined) {
        if (keys.has(key)) return `the key "${key.slice(0, 40)}" appears more than once in an object`;
        keys.add(key);
      }
    }
    previous = type;
  }
  return undefined;
}

/** UTF-8, strictly: invalid bytes are refused, not turned into U+FFFD (two bodies, one value). */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function parseBytes(bytes: Buffer): JsonBody {
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return { ok: false, code: 'MALFORMED_JSON', detail: 'The request body is not valid UTF-8.' };
  }
  return parse(text);
}

function parse(raw: string): JsonBody {
  // A UTF-8 byte order mark is tolerated (RFC 8259 §8.1 lets a parser ignore it).
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, code: 'MALFORMED_JSON', detail: 'The request body is not valid JSON.' };
  }
  const problem = structureProblem(text);
  if (problem)
    return { ok: false, code: 'MALFORMED_JSON', detail: `The request body is refused: ${problem}.` };
  return { ok: true, value };
}

/**
 * Reads and parses a JSON body of at most `limit` bytes. A body a host framework already parsed
 * (`req.body`, e.g. from `express.json()`) is used as it is.
 */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<JsonBody> {
  const preParsed = (req as IncomingMessage & { body?: unknown }).body;
  if (preParsed !== undefined && req.readableEnded) {
    if (typeof preParsed === 'string') return parse(preParsed);
    if (Buffer.isBuffer(preParsed)) return parseBytes(preParsed);
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
    return parseBytes(await readBody(req, limit));
  } catch (error) {
    if (error instanceof BodyError && error.code === 'TOO_LARGE') {
      return {
        ok: false,
        code: 'PAYLOAD_TOO_LARGE',
        detail: `The request body is larger than ${limit} bytes.`,
      };
    }
    return { ok: false, code: 'BAD_REQUEST', detail: 'The request body could not be read.' };
  }
}
