import type { IncomingMessage } from 'node:http';
import getRawBody from 'raw-body';

/** Why a request body could not be read. */
export class BodyError extends Error {
  override readonly name = 'BodyError';
  constructor(
    /** `TOO_LARGE`: over the limit (declared or sent); `ABORTED`: the body could not be read whole. */
    readonly code: 'TOO_LARGE' | 'ABORTED',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads a request body of at most `limit` bytes (the `raw-body` package: a declared
 * `Content-Length` over the limit is refused before a byte is read, a sent body as soon as it
 * passes the limit, never buffering more). What is left unread stays on the wire: answer with
 * `answerAfterDrain`.
 */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  try {
    return await getRawBody(req, { length: req.headers['content-length'], limit });
  } catch (error) {
    const { type } = error as { type?: string };
    if (type === 'entity.too.large')
      throw new BodyError('TOO_LARGE', `the request body is larger than ${limit} bytes`);
    throw new BodyError('ABORTED', 'the request body could not be read');
  }
}
