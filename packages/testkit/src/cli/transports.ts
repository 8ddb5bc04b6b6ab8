import type { MccService } from '@mcc/core';
import { type CliOptions, UsageError } from './args.js';
import type { LiveEndpoint } from './run-live.js';

/**
 * The part of `@mcc/rest-transport/client` the CLI uses. The transports are optional peer
 * dependencies of the testkit, loaded only when asked for (a test checks this shape against the
 * real module).
 */
export interface RestClientModule {
  createRestClient(options: {
    baseUrl: string;
    timeoutMs?: number;
    retry?: { retries: number };
    auth?: { username: string; password: string };
    strict?: boolean;
  }): MccService & { close(): Promise<void> };
}

/** The part of `@mcc/soap-transport/client` the CLI uses. */
export interface SoapClientModule {
  createSoapClient(options: {
    wsdlUrl: string;
    timeoutMs?: number;
    retry?: { retries: number };
    auth?: { username: string; password: string };
    strict?: boolean;
  }): MccService & { close(): Promise<void> };
}

export const REST_CLIENT_MODULE = '@mcc/rest-transport/client';
export const SOAP_CLIENT_MODULE = '@mcc/soap-transport/client';

/** Imports a transport's client module; a missing package is a {@link UsageError} that says what to install. */
export async function loadClientModule<M>(specifier: string, option: string): Promise<M> {
  try {
    // A specifier in a variable: resolved at run time only, so the testkit builds without the transports.
    return (await import(specifier)) as M;
  } catch (error) {
    const code = (error as { code?: string }).code;
    const name = specifier.replace(/\/client$/, '');
    const missing = [`'${name}'`, `'${specifier}'`].some((quoted) =>
      (error as Error).message.includes(quoted),
    );
    if (code === 'ERR_MODULE_NOT_FOUND' && missing) {
      throw new UsageError(`${option} needs ${name}, which is not installed: npm install ${name}`);
    }
    throw error;
  }
}

/** The endpoints the command line names, with their clients (one call, one request: no retries). */
export async function openEndpoints(options: CliOptions): Promise<LiveEndpoint[]> {
  const endpoints: LiveEndpoint[] = [];
  const retry = { retries: 0 };
  if (options.rest) {
    const { createRestClient } = await loadClientModule<RestClientModule>(REST_CLIENT_MODULE, '--rest');
    const client = createRestClient({
      baseUrl: options.rest,
      timeoutMs: options.timeoutMs,
      retry,
      strict: options.strict,
      ...(options.credentials ? { auth: options.credentials } : {}),
    });
    endpoints.push({ name: 'REST', url: options.rest, service: client, close: () => client.close() });
  }
  if (options.soap) {
    const { createSoapClient } = await loadClientModule<SoapClientModule>(SOAP_CLIENT_MODULE, '--soap');
    const client = createSoapClient({
      wsdlUrl: options.soap,
      timeoutMs: options.timeoutMs,
      retry,
      strict: options.strict,
      ...(options.credentials ? { auth: options.credentials } : {}),
    });
    endpoints.push({ name: 'SOAP', url: options.soap, service: client, close: () => client.close() });
  }
  return endpoints;
}
