import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ProblemCode } from '@mcc/http';
import { REST_CHALLENGES, restCredentials } from './authenticate.js';
import type { ResolvedRestHandlerOptions } from './options.js';

/** Answers a refused request with a problem (the handler closes the connection if a body is pending). */
export type Refuse = (
  req: IncomingMessage,
  res: ServerResponse,
  code: ProblemCode,
  detail: string,
  headers: Record<string, string | string[]>,
) => void;

/** Resolves true when the request may reach its operation; otherwise it has been answered. */
export type Gate = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/**
 * The step every operation passes before its body is read: the rate limit (429 with
 * `Retry-After`), then authentication (401 with a `WWW-Authenticate` challenge per scheme).
 * `undefined` when neither is configured, so an open handler pays nothing.
 */
export function createGate(
  options: Pick<ResolvedRestHandlerOptions, 'throttle' | 'authenticate'>,
  refuse: Refuse,
): Gate | undefined {
  const { throttle, authenticate } = options;
  if (!throttle && !authenticate) return undefined;
  return async (req, res) => {
    const wait = throttle?.(req);
    if (wait !== undefined) {
      refuse(req, res, 'TOO_MANY_REQUESTS', `Too many requests: try again in ${wait} s.`, {
        'retry-after': String(wait),
      });
      return false;
    }
    if (authenticate && !(await authenticate(restCredentials(req)))) {
      refuse(req, res, 'UNAUTHORIZED', 'Valid credentials are needed: HTTP Basic or a bearer API key.', {
        'www-authenticate': [...REST_CHALLENGES],
      });
      return false;
    }
    return true;
  };
}
