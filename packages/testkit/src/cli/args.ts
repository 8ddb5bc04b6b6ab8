import { parseArgs } from 'node:util';
import type { SessionSubject } from '../target.js';

/** What the command line asks for. */
export interface CliOptions {
  /** REST/JSON endpoint, e.g. `https://tvox.example.com/mc/cxf/rest/json`. */
  rest?: string;
  /** SOAP WSDL address, e.g. `https://tvox.example.com/mc/cxf/soap?wsdl`. */
  soap?: string;
  /** Write mode: where write cases start their sessions. */
  write?: SessionSubject;
  /** Print the report as JSON. */
  json: boolean;
  /** Time limit of each call, in ms. */
  timeoutMs: number;
  /** HTTP Basic credentials (password from `MCC_PASSWORD`). */
  credentials?: { username: string; password: string };
  /** Read answers strictly: every deviation from the contract fails the case. */
  strict: boolean;
  help: boolean;
}

/** A command line that cannot be run; the message says why (exit code 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const DEFAULT_TIMEOUT_MS = 10_000;

export const USAGE = `Usage: mcc-conformance [--rest <url>] [--soap <wsdl-url>] [options]

Runs the MCC conformance cases that need no contact-center control against a live MCC (a TVox,
a gateway, the playground) and prints a report. Exit code 0: every case passed; 1: a case failed
or an endpoint did not answer; 2: a usage or setup error.

Endpoints (at least one):
  --rest <url>             REST/JSON endpoint, e.g. http://127.0.0.1:8080/mc/cxf/rest/json
  --soap <wsdl-url>        SOAP WSDL, e.g. http://127.0.0.1:8080/mc/cxf/soap?wsdl

Mode (read-only by default: only calls the reference refuses before any effect, and queries):
  --write-service <code>   allow writes: start sessions on this (test) service, check, update
  --write-channel <id>     and close them again, on this channel; both are required together.
                           Write mode never accepts a session and never logs an agent out.

Options:
  --json                   print the report as JSON
  --timeout <ms>           time limit of each call (default ${DEFAULT_TIMEOUT_MS})
  --username <name>        HTTP Basic user for both endpoints (password in MCC_PASSWORD)
  --strict                 read answers strictly: any deviation from the contract (a null, an
                           extra field, an unknown value…) fails the case (for testing servers
                           built on this toolkit; a TVox is read tolerantly by default)
  -h, --help               print this help
`;

function httpUrl(option: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${option}: "${value}" is not a URL (expected http://host:port/…)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`${option}: "${value}" is not an http(s) URL`);
  return value;
}

function positiveInteger(option: string, value: string): number {
  if (!/^\d+$/.test(value) || Number(value) <= 0)
    throw new UsageError(`${option}: "${value}" is not a positive integer`);
  return Number(value);
}

/** Reads the command line (and `MCC_PASSWORD`); throws {@link UsageError} with a clear message. */
export function parseCliArgs(argv: readonly string[], env: Record<string, string | undefined>): CliOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        rest: { type: 'string' },
        soap: { type: 'string' },
        'write-service': { type: 'string' },
        'write-channel': { type: 'string' },
        json: { type: 'boolean', default: false },
        timeout: { type: 'string' },
        username: { type: 'string' },
        strict: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const options: CliOptions = {
    json: values.json === true,
    timeoutMs:
      typeof values.timeout === 'string' ? positiveInteger('--timeout', values.timeout) : DEFAULT_TIMEOUT_MS,
    strict: values.strict === true,
    help: values.help === true,
  };
  if (options.help) return options;
  if (typeof values.rest === 'string') options.rest = httpUrl('--rest', values.rest);
  if (typeof values.soap === 'string') options.soap = httpUrl('--soap', values.soap);
  if (!options.rest && !options.soap)
    throw new UsageError('nothing to check: give --rest <url>, --soap <wsdl-url> or both');
  const service = values['write-service'];
  const channel = values['write-channel'];
  if ((service === undefined) !== (channel === undefined))
    throw new UsageError('write mode needs both --write-service <code> and --write-channel <id>');
  if (typeof service === 'string' && typeof channel === 'string') {
    if (!service.trim()) throw new UsageError('--write-service: the service code is blank');
    options.write = { channelId: positiveInteger('--write-channel', channel), serviceid: service };
  }
  if (typeof values.username === 'string') {
    const password = env.MCC_PASSWORD;
    if (password === undefined)
      throw new UsageError('--username needs the password in the MCC_PASSWORD variable');
    options.credentials = { username: values.username, password };
  }
  return options;
}
