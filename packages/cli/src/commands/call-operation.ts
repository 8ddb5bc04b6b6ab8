import { parseArgs } from 'node:util';
import { MccClientError, type OperationName, operations } from '@mcc/core';
import { createCaptureDispatcher } from '@mcc/http';
import { CONNECTION_HELP, connectionOptions, outputOptions, readConnection } from '../connection.js';
import { EXIT, type ExitCode, UsageError } from '../exit-codes.js';
import { openClient } from '../open-client.js';
import { buildRequest, kebab, operationOptionsHelp, parseArgsOptions } from '../operation-options.js';
import { type CliOutput, describeError, formatExchanges, formatResult, json } from '../output.js';

/** What every command is given. */
export interface CommandContext {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  out: CliOutput;
  /** Fires on SIGINT. */
  signal?: AbortSignal;
}

/** The help of an operation's command, from the operations table. */
export function operationHelp(operation: OperationName): string {
  return `Usage: mcc ${kebab(operation)} (--rest <url> | --soap <url>) [options]

${operations[operation].summary}
Exit code 0: SUCCESS; 1: FAILED (the fail reason is printed); 2: usage error; 3: protocol error.

Parameters:
${operationOptionsHelp(operation)}

${CONNECTION_HELP}
`;
}

function parse(operation: OperationName, argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: { ...connectionOptions, ...outputOptions, ...parseArgsOptions(operation) },
    }).values as Record<string, unknown>;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** `mcc <operation>`: one call, its result printed; the exit code says SUCCESS, FAILED or error. */
export async function callOperation(operation: OperationName, context: CommandContext): Promise<ExitCode> {
  const values = parse(operation, context.argv);
  if (values.help === true) {
    context.out.stdout(operationHelp(operation));
    return EXIT.ok;
  }
  const connection = readConnection(values, context.env);
  const request = buildRequest(operation, values);
  const capture = createCaptureDispatcher();
  const client = openClient(connection, capture.dispatcher);
  const { out } = context;
  try {
    const call = client[operation] as (
      r: unknown,
      o: { signal?: AbortSignal },
    ) => Promise<{ result: string }>;
    const result = await call(request, context.signal ? { signal: context.signal } : {});
    if (values.json === true)
      out.stdout(json(values.raw === true ? { result, exchanges: capture.exchanges } : result));
    else {
      if (values.raw === true) out.stdout(`${formatExchanges(capture.exchanges)}\n`);
      out.stdout(formatResult(result));
    }
    return result.result === 'SUCCESS' ? EXIT.ok : EXIT.failed;
  } catch (error) {
    if (!(error instanceof MccClientError)) throw error;
    if (values.json === true) {
      out.stdout(
        json(
          values.raw === true
            ? { error: describeError(error), exchanges: capture.exchanges }
            : { error: describeError(error) },
        ),
      );
    } else {
      if (values.raw === true) out.stdout(`${formatExchanges(capture.exchanges)}\n`);
      out.stderr(`mcc: ${error.code}: ${error.message}\n`);
    }
    return error.code === 'ABORTED' ? EXIT.interrupted : EXIT.protocol;
  } finally {
    await client.close();
    await capture.close();
  }
}
