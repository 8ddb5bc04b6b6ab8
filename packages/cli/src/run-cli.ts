import { type CommandContext, callOperation } from './commands/call-operation.js';
import { fetchDocument } from './commands/fetch-document.js';
import { waitStatus } from './commands/wait-status.js';
import { EXIT, type ExitCode, UsageError } from './exit-codes.js';
import { operationCommands } from './operation-options.js';
import type { CliOutput } from './output.js';
import { USAGE } from './usage.js';

/**
 * The `mcc` command: reads the command and its options, runs it, prints what it found; resolves to
 * the exit code (0 SUCCESS, 1 FAILED or not reached, 2 usage error, 3 protocol error, 130 on abort).
 */
export async function runCli(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  out: CliOutput,
  signal?: AbortSignal,
): Promise<ExitCode> {
  const [command, ...rest] = argv;
  const context: CommandContext = { argv: rest, env, out, ...(signal ? { signal } : {}) };
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      out.stdout(USAGE);
      return command === undefined ? EXIT.usage : EXIT.ok;
    }
    const operation = operationCommands.get(command);
    if (operation) return await callOperation(operation, context);
    if (command === 'wait' || command === 'watch') return await waitStatus(command, context);
    if (command === 'wsdl' || command === 'openapi') return await fetchDocument(command, context);
    throw new UsageError(`unknown command "${command.slice(0, 50)}"`);
  } catch (error) {
    if (error instanceof UsageError) {
      const help = command && !command.startsWith('-') && command.length <= 50 ? ` ${command}` : '';
      out.stderr(
        `mcc: ${error.message}\nRun mcc${operationCommands.has(command ?? '') || ['wait', 'watch', 'wsdl', 'openapi'].includes(command ?? '') ? help : ''} --help for the options.\n`,
      );
      return EXIT.usage;
    }
    throw error;
  }
}
