import type { ServerResponse } from 'node:http';
import { protocolAnswer, sendProblem } from '@mcc/http';

/**
 * Answers a `ProtocolFault` the service threw (core's `protocolAnswer`): a 503
 * `SERVICE_UNAVAILABLE` problem with `Retry-After`, a 500 `INTERNAL_ERROR` problem carrying the
 * error's message, or a destroyed connection. Returns false, writing nothing, for any other error.
 */
export function answerProtocolFault(res: ServerResponse, error: unknown): boolean {
  const answer = protocolAnswer(error);
  if (!answer) return false;
  if (answer.kind === 'drop') {
    res.destroy();
    return true;
  }
  sendProblem(
    res,
    answer.status === 503 ? 'SERVICE_UNAVAILABLE' : 'INTERNAL_ERROR',
    answer.message,
    answer.headers,
  );
  return true;
}
