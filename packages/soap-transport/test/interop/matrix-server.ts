import { type MccService, ServiceUnavailableError } from '@mcc/core';
import { createSoapHandler, type SoapServerOptions } from '../../src/server/index.js';
import { createFakeService } from '../support/fake-service.js';
import { type Listening, listen } from '../support/listen.js';

/** The reason of the injected unavailability: every stack must read it from the fault. */
export const UNAVAILABLE_REASON = 'MCC is under maintenance';
/** The `Retry-After` the injected unavailability asks for. */
export const UNAVAILABLE_RETRY_AFTER = 7;
/** The largest request body the matrix server accepts (the server's default). */
export const MATRIX_BODY_LIMIT = 1024 * 1024;

/**
 * The test service of the matrix: the transport tests' fake service, where checkSessionState of
 * the session `unavailable` throws the core's ServiceUnavailableError (an injected Server fault,
 * as the playground's fault injection does).
 */
export function createMatrixService(): MccService {
  const service = createFakeService();
  const checkSession = service.checkSession.bind(service);
  service.checkSession = async (request, options) => {
    if (request.sessionId === 'unavailable') {
      throw new ServiceUnavailableError(UNAVAILABLE_REASON, { retryAfterSeconds: UNAVAILABLE_RETRY_AFTER });
    }
    return checkSession(request, options);
  };
  return service;
}

/** A SOAP server on 127.0.0.1, port 0, serving the matrix service with its default limits. */
export function listenMatrixServer(options: SoapServerOptions = {}): Promise<Listening> {
  return listen(createSoapHandler(createMatrixService(), { maxBodyBytes: MATRIX_BODY_LIMIT, ...options }));
}
