import { type CliOptions, parseCliArgs, USAGE, UsageError } from './args.js';
import { formatJson, formatText } from './report.js';
import { runLiveConformance } from './run-live.js';
import { openEndpoints } from './transports.js';

/** Where the CLI writes. */
export interface CliOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

/**
 * The `mcc-conformance` command: reads the arguments, runs the live cases against the endpoints,
 * prints the report; resolves to the exit code (0 all passed, 1 a case failed, 2 usage error).
 */
export async function runCli(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  out: CliOutput,
): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCliArgs(argv, env);
    if (options.help) {
      out.stdout(USAGE);
      return 0;
    }
    const endpoints = await openEndpoints(options);
    try {
      const report = await runLiveConformance({
        endpoints,
        ...(options.write ? { write: options.write } : {}),
      });
      out.stdout(options.json ? formatJson(report) : formatText(report));
      return report.failed + report.notRun === 0 ? 0 : 1;
    } finally {
      await Promise.all(endpoints.map((e) => e.close?.()));
    }
  } catch (error) {
    if (error instanceof UsageError) {
      out.stderr(`mcc-conformance: ${error.message}\nRun mcc-conformance --help for the options.\n`);
      return 2;
    }
    throw error;
  }
}
