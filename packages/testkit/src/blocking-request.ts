import { connect } from 'node:net';

/** What a blocking client read back, and the socket error it met, if any. */
export interface BlockingAnswer {
  /** Everything read, latin1. */
  text: string;
  /** `EPIPE`, `ECONNRESET`… */
  error?: string;
}

/**
 * A client the way gSOAP or JAX-WS's HttpURLConnection behave: it writes the request head and the
 * whole body (`bodyBytes` bytes of `fill`), ignoring an early FIN from the server, and reads the
 * answer only once everything is written (`tail` after the body: a chunked body's last chunk). A server that answers early and closes while the body
 * is still coming makes it fail with EPIPE / ECONNRESET.
 */
export function blockingRequest(
  port: number,
  head: string,
  bodyBytes: number,
  tail = '',
): Promise<BlockingAnswer> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1', allowHalfOpen: true });
    socket.pause();
    const chunks: Buffer[] = [];
    let error: string | undefined;
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (e: NodeJS.ErrnoException) => {
      error ??= e.code ?? e.message;
    });
    socket.on('close', () => resolve({ text: Buffer.concat(chunks).toString('latin1'), error }));
    socket.setTimeout(10_000, () => socket.destroy(new Error('TIMEOUT')));
    socket.write(head);
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let left = bodyBytes;
    const pump = () => {
      while (left > 0 && !socket.destroyed) {
        const n = Math.min(left, chunk.length);
        left -= n;
        if (!socket.write(n === chunk.length ? chunk : chunk.subarray(0, n)))
          return void socket.once('drain', pump);
      }
      if (socket.destroyed) return;
      socket.end(tail);
      socket.resume();
    };
    pump();
  });
}
