import { type OperationName, operationNames, operations } from '@mcc/core';

/**
 * The server-side fail reasons operation `name` can answer, as the operations table lists them
 * (`serverFailReasons`), in its enum's order. checkSession and checkSessionWithData have none.
 */
export function serverFailReasons(name: OperationName): string[] {
  const definition = operations[name];
  const serverSide = new Set<string>(definition.serverFailReasons);
  return (definition.failReason.options as string[]).filter((reason) => serverSide.has(reason));
}

/** {@link serverFailReasons} of every operation, in the table's order. */
export const SERVER_FAIL_REASONS: Readonly<Record<OperationName, readonly string[]>> = Object.fromEntries(
  operationNames.map((name) => [name, serverFailReasons(name)]),
) as unknown as Record<OperationName, readonly string[]>;
