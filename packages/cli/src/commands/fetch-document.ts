import { parseArgs } from 'node:util';
import { createCaptureDispatcher } from '@mcc/http';
import { request } from 'undici';
import { CONNECTION_HELP, connectionOptions, outputOptions, readConnection } from '../connection.js';
import { EXIT, type ExitCode, UsageError } from '../exit-codes.js';
import { formatExchanges } from '../output.js';
import type { CommandContext } from './call-operation.js';

/** The two documents an MCC publishes. */
export type DocumentKind = 'wsdl' | 'openapi';

/** The help of `mcc wsdl` and `mcc openapi`. */
export function documentHelp(kind: DocumentKind): string {
  const what =
    kind === 'wsdl'
      ? `Usage: mcc wsdl --soap <url> [options]

Prints the service's WSDL: <url> itself when it ends in ?wsdl, else <url>?wsdl.`
      : `Usage: mcc openapi --rest <url> [options]

Prints the service's OpenAPI document: openapi.json beside the REST endpoint
(http://host/mc/cxf/rest/json → http://host/mc/cxf/rest/openapi.json), or --url.`;
  return `${what}
Exit code 0: printed; 2: usage error; 3: the document could not be fetched.

  --url <url>                 fetch this address instead

${CONNECTION_HELP}
`;
}

/** Where the document of `kind` is, from the endpoint the command line names. */
export function documentUrl(kind: DocumentKind, endpoint: string): string {
  const url = new URL(endpoint);
  if (kind === 'wsdl') {
    if (!/^\?wsdl\b/i.test(url.search)) url.search = '?wsdl';
    return url.toString();
  }
  url.pathname = `${url.pathname.replace(/\/+$/, '').replace(/\/[^/]*$/, '')}/openapi.json`;
  url.search = '';
  return url.toString();
}

/** `mcc wsdl` / `mcc openapi`: GET the document and print it. */
export async function fetchDocument(kind: DocumentKind, context: CommandContext): Promise<ExitCode> {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({
      args: [...context.argv],
      strict: true,
      allowPositionals: false,
      options: { ...connectionOptions, ...outputOptions, url: { type: 'string' } },
    }).values as Record<string, unknown>;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help === true) {
    context.out.stdout(documentHelp(kind));
    return EXIT.ok;
  }
  const connection = readConnection(values, context.env, kind === 'wsdl' ? 'soap' : 'rest');
  const target = typeof values.url === 'string' ? values.url : documentUrl(kind, connection.url);
  const headers: Record<string, string> = {};
  const auth = connection.auth;
  if (auth && 'bearer' in auth) headers.authorization = `Bearer ${auth.bearer}`;
  else if (auth)
    headers.authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
  const capture = createCaptureDispatcher();
  try {
    const answer = await request(target, {
      dispatcher: capture.dispatcher,
      headers,
      headersTimeout: connection.timeoutMs,
      bodyTimeout: connection.timeoutMs,
      ...(context.signal ? { signal: context.signal } : {}),
    });
    const text = await answer.body.text();
    if (values.raw === true) context.out.stdout(`${formatExchanges(capture.exchanges)}\n`);
    if (answer.statusCode !== 200) {
      context.out.stderr(`mcc: HTTP_ERROR: GET ${target} answered HTTP ${answer.statusCode}\n`);
      return EXIT.protocol;
    }
    if (values.raw !== true) context.out.stdout(text.endsWith('\n') ? text : `${text}\n`);
    return EXIT.ok;
  } catch (error) {
    if (context.signal?.aborted) return EXIT.interrupted;
    context.out.stderr(`mcc: NETWORK_ERROR: GET ${target}: ${(error as Error).message}\n`);
    return EXIT.protocol;
  } finally {
    await capture.close();
  }
}
