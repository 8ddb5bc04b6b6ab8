import { UsageError } from './exit-codes.js';

/** Where and how to reach the MCC, from the command line and the environment. */
export interface Connection {
  transport: 'rest' | 'soap';
  /** The REST endpoint, or the SOAP endpoint or WSDL address, as given. */
  url: string;
  /** Time limit of each call, in ms. */
  timeoutMs: number;
  /** Credentials: `MCC_USERNAME`/`--username` with `MCC_PASSWORD`, or `MCC_TOKEN`. */
  auth?: { username: string; password: string } | { bearer: string };
  /** Read answers strictly (every deviation from the contract is an error). */
  strict: boolean;
}

/** The default time limit of each call: the clients' own default, 30 s. */
export const DEFAULT_CALL_TIMEOUT_MS = 30_000;

/** The `parseArgs` options every command that talks to an MCC takes. */
export const connectionOptions = {
  rest: { type: 'string' },
  soap: { type: 'string' },
  timeout: { type: 'string' },
  username: { type: 'string' },
  strict: { type: 'boolean', default: false },
} as const;

/** The `parseArgs` options of output every command takes. */
export const outputOptions = {
  json: { type: 'boolean', default: false },
  raw: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** The help lines of {@link connectionOptions} and {@link outputOptions}. */
export const CONNECTION_HELP = `Connection (one of --rest, --soap):
  --rest <url>                REST/JSON endpoint, e.g. http://127.0.0.1:8080/mc/cxf/rest/json
  --soap <url>                SOAP endpoint (http://127.0.0.1:8080/mc/cxf/soap) or its WSDL (…?wsdl)
  --timeout <ms>              time limit of each call (default ${DEFAULT_CALL_TIMEOUT_MS})
  --username <name>           HTTP Basic user (else MCC_USERNAME); the password is read from
                              MCC_PASSWORD, a bearer token from MCC_TOKEN
  --strict                    report every deviation of an answer from the contract (exit 3)

Output:
  --json                      print JSON instead of text
  --raw                       show the HTTP exchange (credentials redacted)
  -h, --help                  print this help`;

/** A positive integer option value, or a {@link UsageError}. */
export function positiveInteger(option: string, value: string): number {
  if (!/^\d+$/.test(value) || Number(value) <= 0)
    throw new UsageError(`${option}: "${value}" is not a positive integer`);
  return Number(value);
}

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

function credentials(
  username: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Connection['auth'] {
  const user = username ?? env.MCC_USERNAME;
  const token = env.MCC_TOKEN;
  if (user !== undefined && token !== undefined)
    throw new UsageError('give a username (with MCC_PASSWORD) or MCC_TOKEN, not both');
  if (token !== undefined) return { bearer: token };
  if (user === undefined) return undefined;
  const password = env.MCC_PASSWORD;
  if (password === undefined) throw new UsageError(`the user "${user}" needs the password in MCC_PASSWORD`);
  return { username: user, password };
}

/** The connection the parsed values name; `only` restricts the transport (wsdl, openapi). */
export function readConnection(
  values: Readonly<Record<string, unknown>>,
  env: Readonly<Record<string, string | undefined>>,
  only?: 'rest' | 'soap',
): Connection {
  const rest = typeof values.rest === 'string' ? httpUrl('--rest', values.rest) : undefined;
  const soap = typeof values.soap === 'string' ? httpUrl('--soap', values.soap) : undefined;
  if (only === 'rest' && soap !== undefined) throw new UsageError('this command takes --rest, not --soap');
  if (only === 'soap' && rest !== undefined) throw new UsageError('this command takes --soap, not --rest');
  if (rest !== undefined && soap !== undefined) throw new UsageError('give --rest or --soap, not both');
  if (rest === undefined && soap === undefined)
    throw new UsageError(
      only ? `give --${only} <url>` : 'give the MCC to call: --rest <url> or --soap <url>',
    );
  const auth = credentials(typeof values.username === 'string' ? values.username : undefined, env);
  return {
    transport: rest !== undefined ? 'rest' : 'soap',
    url: (rest ?? soap) as string,
    timeoutMs:
      typeof values.timeout === 'string'
        ? positiveInteger('--timeout', values.timeout)
        : DEFAULT_CALL_TIMEOUT_MS,
    ...(auth ? { auth } : {}),
    strict: values.strict === true,
  };
}
