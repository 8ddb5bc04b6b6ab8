import type { IncomingMessage } from 'node:http';

/**
 * How much of a refused request body a server reads (and throws away) before it answers, so that
 * the client finishes sending and reads the answer instead of a reset connection (RFC 9112 §9.6).
 * Bounded, so that a slow or endless sender cannot hold the connection.
 */
export interface DrainLimits {
  /** Most bytes read after the refusal. Default 8 MiB. */
  maxBytes: number;
  /** Longest wait for the rest of the body, in ms. Default 2000. */
  timeoutMs: number;
}

/** The defaults of {@link DrainLimits}. */
export const DEFAULT_DRAIN_LIMITS: Readonly<DrainLimits> = Object.freeze({
  maxBytes: 8 * 1024 * 1024,
  timeoutMs: 2000,
});

/** Whether a request still has body bytes on the wire. */
export function hasUnreadBody(req: IncomingMessage): boolean {
  if (req.readableEnded || req.complete) return false;
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

/**
 * Reads and discards what is left of `req`'s body, within `limits`. Resolves `true` when the body
 * ended (the connection can then be kept), `false` when a limit was hit or the request failed (the
 * answer must then close the connection).
 */
export function drainRequest(
  req: IncomingMessage,
  limits: DrainLimits = DEFAULT_DRAIN_LIMITS,
): Promise<boolean> {
  if (!hasUnreadBody(req)) return Promise.resolve(!req.destroyed);
  return new Promise((resolve) => {
    let seen = 0;
    const finish = (ended: boolean) => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onFail);
      req.off('close', onFail);
      if (!ended) req.pause();
      resolve(ended);
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > limits.maxBytes) finish(false);
    };
    const onEnd = () => finish(true);
    const onFail = () => finish(false);
    const timer = setTimeout(onFail, limits.timeoutMs);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onFail);
    req.on('close', onFail);
    req.resume();
  });
}
