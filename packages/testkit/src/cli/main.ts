#!/usr/bin/env node
import { runCli } from './run-cli.js';

// The `mcc-conformance` executable: exit code 0 when every case passed, 1 when one failed, 2 for a
// usage error. The SOAP client shares undici's global pool, so the process exits explicitly once
// the report is written rather than waiting for idle connections to time out.
function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve) => stream.write(text, () => resolve()));
}

let pending: Promise<void> = Promise.resolve();
runCli(process.argv.slice(2), process.env, {
  stdout: (text) => {
    pending = pending.then(() => write(process.stdout, text));
  },
  stderr: (text) => {
    pending = pending.then(() => write(process.stderr, text));
  },
}).then(
  async (code) => {
    await pending;
    process.exit(code);
  },
  async (error: unknown) => {
    await pending;
    await write(
      process.stderr,
      `mcc-conformance: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(2);
  },
);
