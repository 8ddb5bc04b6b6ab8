import type { Socket } from 'node:net';
import { DEFAULT_DRAIN_LIMITS, type DrainLimits } from './drain-request.js';

/**
 * Closes a connection the way RFC 9112 §9.6 asks: `answer` is written, the sending side is shut
 * (FIN), and what the client still sends is read and thrown away until it closes its side or a
 * limit is hit, so that the answer is not lost to a reset. Used where no request object exists
 * (a request Node could not parse).
 */
export function lingeringClose(
  socket: Socket,
  answer: string,
  limits: DrainLimits = DEFAULT_DRAIN_LIMITS,
): void {
  if (socket.destroyed) return;
  let seen = 0;
  const done = () => {
    clearTimeout(timer);
    socket.destroy();
  };
  const timer = setTimeout(done, limits.timeoutMs);
  socket.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > limits.maxBytes) done();
  });
  socket.once('end', done);
  socket.once('close', () => clearTimeout(timer));
  if (socket.writable) socket.end(answer);
  else done();
  socket.resume();
}
