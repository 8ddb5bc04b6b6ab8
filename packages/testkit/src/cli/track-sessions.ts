import { type CallOptions, type MccService, type OperationName, operationNames } from '@mcc/core';

/** A service that remembers the sessions it started, to close the ones a case left open. */
export interface TrackedService {
  service: MccService;
  /** Closes every session a start answered SUCCESS for and no close did; returns those it could not close. */
  closeLeftovers(): Promise<string[]>;
}

/**
 * Wraps `service` so that every session started through it is known: a live run closes what its
 * cases left open (and what a non-conforming server opened when it should have refused).
 */
export function trackSessions(service: MccService): TrackedService {
  const open = new Set<string>();
  const wrapped: Record<string, unknown> = {};
  for (const operation of operationNames) {
    wrapped[operation] = (request: unknown, options?: CallOptions) =>
      (service[operation] as (r: unknown, o?: CallOptions) => Promise<unknown>)(request, options);
  }
  wrapped.startSession = async (
    request: Parameters<MccService['startSession']>[0],
    options?: CallOptions,
  ) => {
    const result = await service.startSession(request, options);
    if (result.result === 'SUCCESS') open.add(result.sessionId);
    return result;
  };
  wrapped.closeSession = async (
    request: Parameters<MccService['closeSession']>[0],
    options?: CallOptions,
  ) => {
    const result = await service.closeSession(request, options);
    if (result.result === 'SUCCESS') open.delete(request.sessionId);
    return result;
  };
  return {
    service: wrapped as { [N in OperationName]: MccService[N] },
    async closeLeftovers() {
      const unclosed: string[] = [];
      for (const sessionId of open) {
        try {
          const result = await service.closeSession({ sessionId });
          if (result.result === 'FAILED' && result.failReason !== 'NOT_FOUND') unclosed.push(sessionId);
        } catch {
          unclosed.push(sessionId);
        }
      }
      open.clear();
      return unclosed;
    },
  };
}
