#!/usr/bin/env node
import { runCli } from './run-cli.js';

// The `mcc` executable. Ctrl-C aborts the call or the wait (exit 130); the process exits once what
// it printed is flushed.
function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve) => stream.write(text, () => resolve()));
}

const interrupt = new AbortController();
process.once('SIGINT', () => interrupt.abort(new Error('interrupted')));
let pending: Promise<void> = Promise.resolve();
runCli(
  process.argv.slice(2),
  process.env,
  {
    stdout: (text) => {
      pending = pending.then(() => write(process.stdout, text));
    },
    stderr: (text) => {
      pending = pending.then(() => write(process.stderr, text));
    },
  },
  interrupt.signal,
).then(
  async (code) => {
    await pending;
    process.exit(code);
  },
  async (error: unknown) => {
    await pending;
    await write(process.stderr, `mcc: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
