import { type OperationDefinition, type OperationName, operationNames, operations } from '@mcc/core';

/** Fail reasons that tell of a server-side failure, whatever the operation (the rest are the caller's). */
const SERVER_SIDE = new Set(['GENERIC', 'TIMEOUT_EXCEEDED', 'INVALID_RESPONSE', 'DATABASE_ERROR']);
const LOGOUT_SERVER_ERROR = /^LOGOUT_[A-Z]+_ERROR$/;

/**
 * The server-side fail reasons operation `name` can answer, from the operations table: those of
 * its own enum that are `GENERIC`, `TIMEOUT_EXCEEDED`, `INVALID_RESPONSE`, `DATABASE_ERROR` or
 * `LOGOUT_*_ERROR`, plus whatever its `faults` row maps a failure to. checkSession and
 * checkSessionWithData have none (their enum is `INVALID_SESSION_ID` only).
 */
export function serverFailReasons(name: OperationName): string[] {
  const definition = operations[name] as OperationDefinition;
  const mapped = new Set<string>(Object.values(definition.faults).filter((r) => r !== undefined));
  return (definition.failReason.options as string[]).filter(
    (reason) => SERVER_SIDE.has(reason) || LOGOUT_SERVER_ERROR.test(reason) || mapped.has(reason),
  );
}

/** {@link serverFailReasons} of every operation, in the table's order. */
export const SERVER_FAIL_REASONS: Readonly<Record<OperationName, readonly string[]>> = Object.fromEntries(
  operationNames.map((name) => [name, serverFailReasons(name)]),
) as unknown as Record<OperationName, readonly string[]>;
