import { type OperationName, operationNames, operations, type Param } from '@mcc/core';
import { UsageError } from './exit-codes.js';

/** `startSession` → `start-session`, `channelId` → `channel-id`. */
export function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** The command of each operation (`check-session` → `checkSession`), from the operations table. */
export const operationCommands: ReadonlyMap<string, OperationName> = new Map(
  operationNames.map((name) => [kebab(name), name]),
);

/** One command-line option of an operation, derived from one of its parameters. */
export interface OperationOption {
  /** The option, without dashes (`session-id`). */
  flag: string;
  /** The parameter it fills (`sessionId`). */
  name: string;
  param: Param;
}

/** The options of an operation, in the reference's parameter order. */
export function operationOptions(operation: OperationName): OperationOption[] {
  return Object.entries(operations[operation].request as Record<string, Param>).map(([name, param]) => ({
    flag: kebab(name),
    name,
    param,
  }));
}

/** `parseArgs` option declarations for an operation's parameters. */
export function parseArgsOptions(
  operation: OperationName,
): Record<string, { type: 'string'; multiple?: boolean }> {
  const out: Record<string, { type: 'string'; multiple?: boolean }> = Object.create(null);
  for (const option of operationOptions(operation))
    out[option.flag] =
      option.param.kind === 'strings' ? { type: 'string', multiple: true } : { type: 'string' };
  return out;
}

/**
 * The typed request from the parsed option values, checked against the parameters' own schemas:
 * a missing required option or an invalid value is a {@link UsageError} naming the option.
 */
export function buildRequest(
  operation: OperationName,
  values: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const request: Record<string, unknown> = {};
  for (const { flag, name, param } of operationOptions(operation)) {
    const value = values[flag];
    if (value === undefined) {
      if (param.required) throw new UsageError(`${kebab(operation)} needs --${flag} (${param.description})`);
      continue;
    }
    const parsed = param.schema.safeParse(value);
    if (!parsed.success) {
      const allowed = param.enum ? ` (one of ${param.enum.options.join(', ')})` : '';
      throw new UsageError(`--${flag}: ${parsed.error.issues[0]?.message ?? 'invalid value'}${allowed}`);
    }
    request[name] = parsed.data;
  }
  return request;
}

/** The help lines of an operation's options. */
export function operationOptionsHelp(operation: OperationName): string {
  return operationOptions(operation)
    .map(({ flag, param }) => {
      const value = param.kind === 'int' ? '<int>' : param.kind === 'enum' ? '<value>' : '<text>';
      const left = `  --${flag} ${value}`.padEnd(29);
      const notes = [
        param.required ? 'required' : '',
        param.enum ? `one of ${param.enum.options.join(', ')}` : '',
      ].filter(Boolean);
      return `${left} ${param.description}${notes.length ? ` (${notes.join('; ')})` : ''}`;
    })
    .join('\n');
}
