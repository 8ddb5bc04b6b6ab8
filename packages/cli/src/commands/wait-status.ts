import { parseArgs } from 'node:util';
import { type CheckSessionSuccess, MccClientError, SessionStatus, waitForSessionStatus } from '@mcc/core';
import { createCaptureDispatcher } from '@mcc/http';
import {
  CONNECTION_HELP,
  connectionOptions,
  outputOptions,
  positiveInteger,
  readConnection,
} from '../connection.js';
import { EXIT, type ExitCode, UsageError } from '../exit-codes.js';
import { openClient } from '../open-client.js';
import { describeError, formatExchanges, formatResult, json } from '../output.js';
import type { CommandContext } from './call-operation.js';

const DEFAULT_MAX_WAIT_MS = 30_000;
const DEFAULT_INTERVAL_MS = 100;

/** The help of `mcc wait`. */
export const WAIT_HELP = `Usage: mcc wait (--rest <url> | --soap <url>) --session-id <id> --status <status> [options]

Polls checkSession until the session reaches one of the statuses (at once, then with doubling
delays up to 2 s). Stops at once when it can no longer reach them (e.g. the session is CLOSED).
Exit code 0: reached; 1: not reached (unreachable, timed out, unknown session); 2: usage error;
3: protocol error.

Wait:
  --session-id <id>           the session to wait for (required)
  --status <status>           ${SessionStatus.options.join(', ')} (required; repeatable or comma-separated)
  --max-wait <ms>             give up after this long (default ${DEFAULT_MAX_WAIT_MS})
  --interval <ms>             first delay between polls (default ${DEFAULT_INTERVAL_MS})

${CONNECTION_HELP}
`;

/** The help of `mcc watch`. */
export const WATCH_HELP = `Usage: mcc watch (--rest <url> | --soap <url>) --session-id <id> [options]

Prints each status change of a session (one line, or one JSON object a line with --json) until it
is CLOSED. Exit code 0: the session closed; 1: it is unknown or --max-wait passed first; 2: usage
error; 3: protocol error.

Watch:
  --session-id <id>           the session to watch (required)
  --max-wait <ms>             give up after this long (default: until the session closes)
  --interval <ms>             first delay between polls (default ${DEFAULT_INTERVAL_MS}, doubling up to 2 s)

${CONNECTION_HELP}
`;

function parse(argv: readonly string[], withStatus: boolean) {
  try {
    return parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        ...connectionOptions,
        ...outputOptions,
        'session-id': { type: 'string' },
        'max-wait': { type: 'string' },
        interval: { type: 'string' },
        ...(withStatus ? { status: { type: 'string', multiple: true } } : {}),
      },
    }).values as Record<string, unknown>;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function statuses(values: Record<string, unknown>): SessionStatus[] {
  const given = ((values.status as string[] | undefined) ?? [])
    .flatMap((s) => s.split(','))
    .map((s) => s.trim());
  if (given.length === 0) throw new UsageError(`wait needs --status (${SessionStatus.options.join(', ')})`);
  for (const status of given) {
    if (!(SessionStatus.options as readonly string[]).includes(status))
      throw new UsageError(`--status: "${status}" is not one of ${SessionStatus.options.join(', ')}`);
  }
  return given as SessionStatus[];
}

/** `mcc wait` and `mcc watch`: the core waiter over the chosen client. */
export async function waitStatus(mode: 'wait' | 'watch', context: CommandContext): Promise<ExitCode> {
  const values = parse(context.argv, mode === 'wait');
  if (values.help === true) {
    context.out.stdout(mode === 'wait' ? WAIT_HELP : WATCH_HELP);
    return EXIT.ok;
  }
  const connection = readConnection(values, context.env);
  const sessionId = values['session-id'];
  if (typeof sessionId !== 'string' || !sessionId.trim())
    throw new UsageError(`${mode} needs --session-id <id>`);
  const wanted: SessionStatus[] = mode === 'wait' ? statuses(values) : ['CLOSED'];
  const maxWait =
    typeof values['max-wait'] === 'string' ? positiveInteger('--max-wait', values['max-wait']) : undefined;
  const interval =
    typeof values.interval === 'string'
      ? positiveInteger('--interval', values.interval)
      : DEFAULT_INTERVAL_MS;
  const capture = createCaptureDispatcher();
  const client = openClient(connection, capture.dispatcher);
  const { out } = context;
  const asJson = values.json === true;
  const onStatus = (answer: CheckSessionSuccess) => {
    if (mode !== 'watch') return;
    const line = { at: new Date().toISOString(), ...answer };
    out.stdout(
      asJson
        ? json(line, false)
        : `${line.at} ${answer.status}${answer.username ? ` ${answer.username}` : ''}\n`,
    );
  };
  try {
    const reached = await waitForSessionStatus(client, sessionId, wanted, {
      timeoutMs: maxWait ?? (mode === 'watch' ? 2 ** 31 - 1 : DEFAULT_MAX_WAIT_MS),
      pollTimeoutMs: connection.timeoutMs,
      minDelayMs: interval,
      maxDelayMs: Math.max(interval, 2000),
      onStatus,
      ...(context.signal ? { signal: context.signal } : {}),
    });
    if (values.raw === true && !asJson) out.stdout(`${formatExchanges(capture.exchanges)}\n`);
    if (mode === 'wait') out.stdout(asJson ? json(reached) : formatResult(reached));
    return EXIT.ok;
  } catch (error) {
    if (context.signal?.aborted) return EXIT.interrupted;
    if (!(error instanceof MccClientError)) throw error;
    if (values.raw === true && !asJson) out.stdout(`${formatExchanges(capture.exchanges)}\n`);
    if (asJson) out.stdout(json({ error: describeError(error) }, mode === 'wait'));
    else out.stderr(`mcc: ${error.code}: ${error.message}\n`);
    return error.code.startsWith('WAIT_') ? EXIT.failed : EXIT.protocol;
  } finally {
    await client.close();
    await capture.close();
  }
}
