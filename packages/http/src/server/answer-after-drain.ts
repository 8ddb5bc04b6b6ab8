import type { IncomingMessage } from 'node:http';
import { DEFAULT_DRAIN_LIMITS, type DrainLimits, drainRequest, hasUnreadBody } from './drain-request.js';

/**
 * Answers a request refused before (or while) its body was read: the rest of the body is drained
 * within `limits` first ({@link drainRequest}), then `answer` runs; `close` is true when the body
 * could not be drained, and the answer must then ask for the connection to be closed. A request
 * with no unread body is answered at once.
 */
export function answerAfterDrain(
  req: IncomingMessage,
  answer: (close: boolean) => void,
  limits: DrainLimits = DEFAULT_DRAIN_LIMITS,
): void {
  if (!hasUnreadBody(req)) {
    answer(false);
    return;
  }
  void drainRequest(req, limits).then((ended) => answer(!ended));
}
