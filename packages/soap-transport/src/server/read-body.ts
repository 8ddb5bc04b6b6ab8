import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import { promisify, TextDecoder } from 'node:util';
import { gunzip, inflate } from 'node:zlib';
import { BodyError as HttpBodyError, readBody } from '@mcc/http';

const gunzipAsync = promisify(gunzip);
const inflateAsync = promisify(inflate);

/** Why a request body was refused. */
export class BodyError extends Error {
  override readonly name = 'BodyError';
  constructor(
    readonly code: 'TOO_LARGE' | 'BAD_ENCODING' | 'ABORTED',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads a request body of at most `limit` bytes with the one body reader both servers share
 * (`readBody` of `@mcc/http`), its refusals as {@link BodyError}s.
 */
export async function readRawBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  try {
    return await readBody(req, limit);
  } catch (error) {
    if (error instanceof HttpBodyError && error.code === 'TOO_LARGE')
      throw new BodyError('TOO_LARGE', `the request body exceeds ${limit} bytes`);
    throw new BodyError('ABORTED', 'the request was aborted');
  }
}

/**
 * Undoes `Content-Encoding` (identity, gzip, deflate), capping the inflated size at `limit` so
 * that a compression bomb is refused without being expanded.
 */
export async function decodeContentEncoding(
  body: Buffer,
  encoding: string | undefined,
  limit: number,
): Promise<Buffer> {
  const coding = (encoding ?? '').trim().toLowerCase();
  if (coding === '' || coding === 'identity') return body;
  const inflateWith =
    coding === 'gzip' || coding === 'x-gzip' ? gunzipAsync : coding === 'deflate' ? inflateAsync : undefined;
  if (!inflateWith)
    throw new BodyError('BAD_ENCODING', `unsupported content encoding "${coding.slice(0, 40)}"`);
  try {
    return await inflateWith(body, { maxOutputLength: limit });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new BodyError('TOO_LARGE', `the request body exceeds ${limit} bytes once decompressed`);
    }
    throw new BodyError('BAD_ENCODING', `the request body is not valid ${coding} data`);
  }
}

/**
 * Decodes body bytes in the charset of the `Content-Type` (default UTF-8), strictly: bytes that
 * are not valid in it are refused, never turned into U+FFFD (two requests, one value).
 */
export function decodeCharset(body: Buffer, charset: string | undefined): string {
  const label = (charset ?? 'utf-8').toLowerCase();
  const invalid = () => new BodyError('BAD_ENCODING', `the request body is not valid ${label.slice(0, 40)}`);
  if (label === 'utf-8' || label === 'utf8') {
    if (!isUtf8(body)) throw invalid();
    return body.toString('utf8');
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    throw new BodyError('BAD_ENCODING', `unsupported charset "${label.slice(0, 40)}"`);
  }
  try {
    return decoder.decode(body);
  } catch {
    throw invalid();
  }
}
