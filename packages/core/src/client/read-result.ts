import type { z } from 'zod';
import type { OperationDefinition } from '../operations/define-operation.js';
import { type OperationName, type OperationTable, operations, type ResultOf } from '../operations/index.js';
import { MccClientError } from './client-error.js';

/** How {@link readResult} reads an answer. */
export interface ReadResultOptions {
  /**
   * Report every deviation from the contract this toolkit's servers write (a null, an extra or
   * missing field, an unknown enum value, plus the transport's own `deviations`) as a
   * `MALFORMED_RESPONSE`, instead of reading past it. For testing a server, not for production.
   * Default false.
   */
  strict?: boolean;
  /** Deviations the transport's decoder already found (a CXF root wrapper, an integer as a string…). */
  deviations?: readonly string[];
  /** The operations table whose row describes the result. Default: the MCC one. */
  operations?: OperationTable;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function withoutNulls(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const [key, v] of Object.entries(value)) if (v !== null && v !== undefined) out[key] = v;
  return out;
}

function describe(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const path = issue.path.join('.') || 'result';
    const keys = 'keys' in issue && Array.isArray(issue.keys) ? ` ${issue.keys.join(', ')}` : '';
    return `${path}: ${issue.message}${keys}`;
  });
}

function malformed(operation: OperationName, what: string, problems: string[], answer: unknown) {
  return new MccClientError(
    'MALFORMED_RESPONSE',
    `${operation}: ${what} (${problems.slice(0, 5).join('; ')}${problems.length > 5 ? '; …' : ''})`,
    { operation, details: { answer, deviations: problems } },
  );
}

/**
 * The reader every client uses on a decoded answer.
 *
 * Tolerant (the default): null and absent fields are alike, fields it does not know are dropped,
 * an enum value it does not know (a newer server's status or fail reason) passes through as an
 * `Unrecognised` string, and only the fields without which the answer means nothing are required
 * (startSession's `sessionId`, checkSession's `status`, getServiceState's `state`). An answer that is still not a result
 * throws `MALFORMED_RESPONSE`; it is never turned into a made-up result.
 *
 * Strict (`{ strict: true }`): the answer must be exactly what this toolkit's servers write;
 * every deviation is listed in the error's `details.deviations`.
 */
export function readResult<N extends OperationName>(
  operation: N,
  decoded: unknown,
  options: ReadResultOptions = {},
): ResultOf<N> {
  const table = options.operations ?? operations;
  if (!Object.hasOwn(table, operation))
    throw new TypeError(`readResult: no operation ${operation} in the table`);
  const definition = (table[operation] as OperationDefinition).result;
  if (!isRecord(decoded)) {
    throw malformed(operation, `the answer is not a ${definition.name}`, ['not an object'], decoded);
  }
  if (options.strict) {
    const deviations = [...(options.deviations ?? [])];
    for (const [key, value] of Object.entries(decoded))
      if (value === null) deviations.push(`${key}: null instead of absent`);
    const parsed = (definition.contract as z.ZodType).safeParse(withoutNulls(decoded));
    if (!parsed.success) deviations.push(...describe(parsed.error.issues));
    if (deviations.length > 0)
      throw malformed(
        operation,
        `the answer deviates from the ${definition.name} contract`,
        deviations,
        decoded,
      );
    return parsed.data as ResultOf<N>;
  }
  const parsed = (definition.schema as z.ZodType).safeParse(withoutNulls(decoded));
  if (!parsed.success) {
    throw malformed(
      operation,
      `the answer is not a valid ${definition.name}`,
      describe(parsed.error.issues),
      decoded,
    );
  }
  return parsed.data as ResultOf<N>;
}
