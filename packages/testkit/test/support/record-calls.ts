import { type CallOptions, type MccService, operationNames } from '@mcc/core';
import type { SessionSubject } from '../../src/index.js';

/** One call a service received, and how it was answered. */
export interface RecordedCall {
  operation: string;
  request: Record<string, unknown>;
  answer: string;
}

/**
 * Wraps `service` and writes down every call as a line `operation {request} → answer`, with the
 * session ids the service generated shown as `<s1>`, `<s2>`… and, when a subject is given, its
 * channel and service as `<channel>` and `<service>`: the lines are the same on every run.
 */
export function recordCalls(service: MccService, subject?: SessionSubject) {
  const calls: RecordedCall[] = [];
  const names = new Map<string, string>();
  const show = (request: Record<string, unknown>): Record<string, unknown> => {
    const shown: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(request)) {
      if (key === 'sessionId' && typeof value === 'string' && names.has(value)) shown[key] = names.get(value);
      else if (subject && key === 'channelId' && value === subject.channelId) shown[key] = '<channel>';
      else if (subject && key === 'serviceid' && value === subject.serviceid) shown[key] = '<service>';
      else shown[key] = value;
    }
    return shown;
  };
  const wrapped: Record<string, unknown> = {};
  for (const operation of operationNames) {
    wrapped[operation] = async (request: Record<string, unknown>, options?: CallOptions) => {
      const call = (
        service[operation] as (r: unknown, o?: CallOptions) => Promise<Record<string, unknown>>
      ).bind(service);
      const entry: RecordedCall = { operation, request: show(request), answer: '' };
      calls.push(entry);
      try {
        const result = await call(request, options);
        if (
          operation === 'startSession' &&
          result.result === 'SUCCESS' &&
          typeof result.sessionId === 'string'
        )
          names.set(result.sessionId, `<s${names.size + 1}>`);
        entry.answer = result.result === 'SUCCESS' ? 'SUCCESS' : `FAILED ${String(result.failReason)}`;
        return result;
      } catch (error) {
        entry.answer = `throws ${(error as Error).message}`;
        throw error;
      }
    };
  }
  return {
    service: wrapped as MccService,
    calls,
    /** The calls recorded since the last `take()`, as lines. */
    take(): string[] {
      return calls.splice(0).map((c) => `${c.operation} ${JSON.stringify(c.request)} → ${c.answer}`);
    },
  };
}
