import type { z } from 'zod';
import { type OperationName, operations, type ResultOf } from '../operations/index.js';
import { SessionStatus } from '../wire/enums.js';
import { MccClientError } from './client-error.js';

const knownStatuses = new Set<string>(SessionStatus.options);

function dropNulls(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (v !== null && v !== undefined) out[key] = v;
  return out;
}

/**
 * The tolerant reader every client uses on a decoded answer: null and absent optional fields are
 * alike, a session status it does not know reads as `UNKNOW`, and the object is validated against
 * the operation's result schema. A malformed answer throws `MALFORMED_RESPONSE`; it is never
 * turned into a made-up result.
 */
export function readResult<N extends OperationName>(operation: N, decoded: unknown): ResultOf<N> {
  if (decoded === null || typeof decoded !== 'object' || Array.isArray(decoded)) {
    throw new MccClientError('MALFORMED_RESPONSE', `${operation}: the answer is not an object`, {
      operation,
    });
  }
  const value = dropNulls(decoded as Record<string, unknown>);
  if (typeof value.status === 'string' && !knownStatuses.has(value.status)) value.status = 'UNKNOW';
  const schema = operations[operation].result.schema as z.ZodType;
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MccClientError(
      'MALFORMED_RESPONSE',
      `${operation}: the answer is not a valid ${operations[operation].result.name} (${issue?.path.join('.') || 'result'}: ${issue?.message})`,
      { operation, details: { answer: decoded } },
    );
  }
  return parsed.data as ResultOf<N>;
}
