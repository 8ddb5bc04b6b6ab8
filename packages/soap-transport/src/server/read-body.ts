import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { gunzip, inflate } from 'node:zlib';

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

/** Reads a request body, refusing it as soon as it passes `limit` bytes (never buffering more). */
export function readRawBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    return Promise.reject(new BodyError('TOO_LARGE', `the request body exceeds ${limit} bytes`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onAborted);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        reject(new BodyError('TOO_LARGE', `the request body exceeds ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    const onError = () => {
      cleanup();
      reject(new BodyError('ABORTED', 'the request was aborted'));
    };
    const onAborted = onError;
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onAborted);
  });
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

/** Decodes body bytes in the charset of the `Content-Type` (default UTF-8). */
export function decodeCharset(body: Buffer, charset: string | undefined): string {
  const label = (charset ?? 'utf-8').toLowerCase();
  if (label === 'utf-8' || label === 'utf8') return body.toString('utf8');
  try {
    return new TextDecoder(label).decode(body);
  } catch {
    throw new BodyError('BAD_ENCODING', `unsupported charset "${label.slice(0, 40)}"`);
  }
}
