import {
  type CallOptions,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
  type MccClient,
  MccClientError,
  type OperationName,
  type Operations,
  type OperationTable,
  operations,
  type RequestOf,
  type ResultOf,
  withRetry,
} from '@mcc/core';
import { basicAuthorization, classifyStatus, exchange, headerValue, readRetryAfter } from '@mcc/http';
import { Agent, type Dispatcher } from 'undici';
import { DEFAULT_NAMESPACE, type SoapVersion, soapContentType } from '../envelope/soap-version.js';
import { writeRequestEnvelope } from '../envelope/write-envelope.js';
import { writeUsernameToken } from '../security/ws-security.js';
import { type SoapOperation, soapViewOf } from '../soap-operations.js';
import { generateWsdl } from '../wsdl/generate-wsdl.js';
import { readWsdl, type WsdlBinding } from '../wsdl/read-wsdl.js';
import type { SoapClientOptions } from './options.js';
import { readSoapAnswer } from './read-answer.js';

/** An MCC client over SOAP: every operation of the table `T` (default: the MCC one), `ready()` and `close()`. */
export type SoapClient<T extends OperationTable = Operations> = MccClient<T>;

interface Target {
  /** The endpoint's origin and path. */
  endpoint: { origin: string; path: string };
  version: SoapVersion;
  wsdl: WsdlBinding;
}

const EXCERPT = 500;

function authorization(auth: SoapClientOptions['auth']): Record<string, string> {
  if (!auth) return {};
  if ('bearer' in auth) return { authorization: `Bearer ${auth.bearer}` };
  if (auth.scheme === 'ws-security') return {};
  return { authorization: basicAuthorization(auth.username, auth.password) };
}

/**
 * Creates an `MccService` that calls a SOAP MCC endpoint (a real TVox, or this toolkit's server)
 * over undici, mirroring `createRestClient`: the same options, defaults, `close()` and errors.
 * Requests are written by the same envelope serializer the server uses, following the WSDL's
 * namespace, wrapper names, element qualification and SOAPActions. Answers go through core's
 * tolerant `readResult` (or the strict one); failures that are not results throw `MccClientError`
 * (`SOAP_FAULT` for faults, retryable when the fault is `soap:Server`, after its `Retry-After`;
 * `UNAUTHORIZED` for HTTP 401; `HTTP_ERROR`, `NETWORK_ERROR`, `TIMEOUT`, `ABORTED`,
 * `MALFORMED_RESPONSE`), with core's retry policy. Its operations are the rows of
 * `options.operations` (default: the MCC table), through the same SOAP view (`soapViewOf`) the
 * server and the WSDL generator use.
 */
export function createSoapClient<const T extends OperationTable>(
  options: SoapClientOptions<T> & { operations: T },
): SoapClient<T>;
/** Creates a SOAP client of the MCC operations table (see the overload above). */
export function createSoapClient(options: SoapClientOptions): SoapClient;
export function createSoapClient(
  options: SoapClientOptions<OperationTable>,
): Pick<SoapClient, 'ready' | 'close'> {
  if (options.baseUrl === undefined && options.wsdlUrl === undefined)
    throw new TypeError('createSoapClient needs a baseUrl, a wsdlUrl, or both');
  const table: OperationTable = options.operations ?? operations;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const strict = options.strict === true;
  const preferred = options.soapVersion ?? '1.1';
  const auth = options.auth;
  const usernameToken = auth && !('bearer' in auth) && auth.scheme !== undefined && auth.scheme !== 'basic';
  const baseHeaders: Record<string, string> = { ...options.headers, ...authorization(auth) };
  const ownAgent: Agent | undefined = options.dispatcher ? undefined : new Agent();
  const dispatcher: Dispatcher = options.dispatcher ?? (ownAgent as Agent);

  async function fetchText(url: string): Promise<string> {
    const { origin, pathname, search } = new URL(url);
    const response = await exchange(
      dispatcher,
      { origin, path: `${pathname}${search}`, method: 'GET', headers: baseHeaders },
      { timeoutMs, maxBytes },
    );
    const text = response.text;
    const verdict = classifyStatus(response.status);
    if (!verdict.ok) {
      throw new MccClientError(verdict.code, `GET ${url} answered HTTP ${response.status}`, {
        status: response.status,
        retryable: verdict.retryable,
        details: { body: text.slice(0, EXCERPT) },
      });
    }
    return text;
  }

  async function loadTarget(): Promise<Target> {
    let wsdl: WsdlBinding;
    let endpoint: string | undefined = options.baseUrl === undefined ? undefined : String(options.baseUrl);
    if (options.wsdlUrl !== undefined) {
      const wsdlUrl = String(options.wsdlUrl);
      const text = await fetchText(wsdlUrl);
      try {
        wsdl = await readWsdl(text, { baseUrl: wsdlUrl, fetchText, preferred });
      } catch (error) {
        if (error instanceof MccClientError) throw error;
        throw new MccClientError('MALFORMED_RESPONSE', `${wsdlUrl} is not a usable WSDL`, { cause: error });
      }
      endpoint ??= wsdl.address;
    } else {
      const bundled = generateWsdl({
        address: endpoint as string,
        namespace: options.namespace ?? DEFAULT_NAMESPACE,
        operations: table,
      });
      wsdl = await readWsdl(bundled, { preferred });
    }
    if (!endpoint) throw new MccClientError('MALFORMED_RESPONSE', 'the WSDL gives no endpoint address');
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch (cause) {
      throw new MccClientError(
        'MALFORMED_RESPONSE',
        `the endpoint address "${endpoint.slice(0, 200)}" is not a URL`,
        { cause },
      );
    }
    return {
      endpoint: { origin: url.origin, path: `${url.pathname}${url.search}` },
      version: wsdl.version,
      wsdl,
    };
  }

  let target: Promise<Target> | undefined;
  function getTarget(): Promise<Target> {
    if (!target) {
      target = loadTarget();
      target.catch(() => {
        target = undefined;
      });
    }
    return target;
  }

  async function attempt<N extends OperationName>(
    op: SoapOperation,
    request: RequestOf<N>,
    call: CallOptions | undefined,
  ): Promise<ResultOf<N>> {
    const { endpoint, version, wsdl } = await getTarget();
    const described = wsdl.operations.get(op.soapName);
    const namespace = described?.namespace ?? options.namespace ?? DEFAULT_NAMESPACE;
    const action = described?.soapAction ?? '';
    const header =
      usernameToken && auth && !('bearer' in auth)
        ? writeUsernameToken({
            username: auth.username,
            password: auth.password,
            ...(auth.passwordType ? { passwordType: auth.passwordType } : {}),
          })
        : undefined;
    const body = writeRequestEnvelope(op, request as Record<string, unknown>, {
      version,
      namespace,
      ...(described ? { wrapper: described.element, qualified: described.qualified } : {}),
      ...(header ? { header } : {}),
    });
    const headers: Record<string, string> = {
      ...baseHeaders,
      'content-type': soapContentType(version, action),
      accept: 'text/xml, application/soap+xml',
    };
    if (version === '1.1') headers.soapaction = `"${action}"`;
    const answer = await exchange(
      dispatcher,
      { ...endpoint, method: 'POST', headers, body },
      {
        operation: op.operation,
        timeoutMs: call?.timeoutMs ?? timeoutMs,
        maxBytes,
        ...(call?.signal ? { signal: call.signal } : {}),
      },
    );
    const retryAfterMs = readRetryAfter(headerValue(answer.headers, 'retry-after'));
    const read = { strict, operations: table };
    return readSoapAnswer<N>(op, { status: answer.status, text: answer.text, retryAfterMs }, read);
  }

  const client: Record<string, unknown> = {
    ready: async () => {
      await getTarget();
    },
    close: async () => {
      await ownAgent?.close();
    },
  };
  // The table's rows; extra rows are typed by `SoapClient<T>`, not by `OperationName`.
  for (const op of soapViewOf(table).list) {
    const name = op.operation;
    if (name in client) throw new TypeError(`createSoapClient: a row cannot be named ${name}`);
    client[name] = (request: RequestOf<typeof name>, call?: CallOptions) =>
      withRetry(name, request, () => attempt(op, request, call), options.retry, call?.signal, table);
  }
  return client as SoapClient;
}
