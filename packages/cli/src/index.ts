export { type CommandContext, operationHelp } from './commands/call-operation.js';
export { type DocumentKind, documentHelp, documentUrl } from './commands/fetch-document.js';
export { WAIT_HELP, WATCH_HELP } from './commands/wait-status.js';
export { type Connection, DEFAULT_CALL_TIMEOUT_MS } from './connection.js';
export { EXIT, type ExitCode, UsageError } from './exit-codes.js';
export { kebab, operationCommands } from './operation-options.js';
export type { CliOutput } from './output.js';
export { runCli } from './run-cli.js';
export { USAGE } from './usage.js';
