import type { IncomingMessage } from 'node:http';
import { type MccService, ServiceUnavailableError } from '@mcc/core';
import { createEngineTarget, type EngineTarget } from '@mcc/testkit';
import { createRestServer } from '../../src/server/index.js';
import { type Listening, listen } from '../support/listen.js';

/** The bearer token the matrix server accepts (it refuses any other with 401). */
export const MATRIX_TOKEN = 'interop-token';
/** A request carrying this header is throttled (429, Retry-After 9), as a rate limit would. */
export const THROTTLE_HEADER = 'x-interop-throttle';
/** The reason of the injected unavailability (checkSession of the session `unavailable`). */
export const UNAVAILABLE_REASON = 'MCC is under maintenance';

/** A running matrix server: the reference engine (default configuration) behind the REST handler. */
export interface RestMatrix extends Listening {
  target: EngineTarget;
}

function withInjectedUnavailability(engine: MccService): MccService {
  return {
    startSession: (request, options) => engine.startSession(request, options),
    sessionAccept: (request, options) => engine.sessionAccept(request, options),
    checkSession: async (request, options) => {
      if (request.sessionId === 'unavailable') {
        throw new ServiceUnavailableError(UNAVAILABLE_REASON, { retryAfterSeconds: 7 });
      }
      return engine.checkSession(request, options);
    },
    checkSessionWithData: (request, options) => engine.checkSessionWithData(request, options),
    setSessionData: (request, options) => engine.setSessionData(request, options),
    closeSession: (request, options) => engine.closeSession(request, options),
    getServiceState: (request, options) => engine.getServiceState(request, options),
    logoutAgentFromChannel: (request, options) => engine.logoutAgentFromChannel(request, options),
  };
}

/**
 * The REST server of the matrix on 127.0.0.1, port 0: credentials required (bearer
 * {@link MATRIX_TOKEN}), a throttle on {@link THROTTLE_HEADER}, an injected 503, default limits.
 */
export async function listenRestMatrix(): Promise<RestMatrix> {
  const target = await createEngineTarget();
  const server = createRestServer(withInjectedUnavailability(target.engine), {
    authenticate: (credentials) => credentials.bearer === MATRIX_TOKEN,
    throttle: (req: IncomingMessage) => (req.headers[THROTTLE_HEADER] === '1' ? 9 : undefined),
  });
  const listening = await listen(server);
  return {
    ...listening,
    target,
    close: async () => {
      await listening.close();
      await target.close();
    },
  };
}
