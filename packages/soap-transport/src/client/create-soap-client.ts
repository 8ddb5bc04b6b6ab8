import {
  type CallOptions,
  MccClientError,
  type MccService,
  type OperationName,
  operationNames,
  type RequestOf,
  type ResultOf,
  type RetryOptions,
  readResult,
  withRetry,
} from '@mcc/core';
import { exchange, headerValue, readRetryAfter } from '@mcc/http';
import { type Dispatcher, getGlobalDispatcher } from 'undici';
import { readFault } from '../envelope/fault.js';
import { decodeResult, readEnvelope } from '../envelope/read-envelope.js';
import { DEFAULT_NAMESPACE, type SoapVersion, soapContentType } from '../envelope/soap-version.js';
import { writeRequestEnvelope } from '../envelope/write-envelope.js';
import { writeUsernameToken } from '../security/ws-security.js';
import { type SoapOperation, soapOperationOf } from '../soap-operations.js';
import { generateWsdl } from '../wsdl/generate-wsdl.js';
import { readWsdl, type WsdlBinding } from '../wsdl/read-wsdl.js';
import { childElement } from '../xml/parse-xml.js';

/** Where the client finds the service: a WSDL to fetch, or an endpoint with the bundled WSDL. */
export type SoapClientSource =
  /** Fetch this WSDL (ours, or a real TVox's `https://host/mc/cxf/soap?wsdl`) on first use. */
  | { wsdlUrl: string }
  /** Call this endpoint as described by the WSDL this package generates; nothing is fetched. */
  | { endpoint: string };

/** Credentials sent with every request. */
export interface SoapClientCredentials {
  username: string;
  password: string;
  /** `basic` (HTTP Basic), `ws-security` (a UsernameToken header) or `both`. Default `basic`. */
  scheme?: 'basic' | 'ws-security' | 'both';
  /** UsernameToken password form. Default `text`. */
  passwordType?: 'text' | 'digest';
}

/** Options of {@link createSoapClient}. */
export interface SoapClientOptions {
  /** Endpoint address to call instead of the WSDL's `soap:address` (e.g. a TVox behind NAT). */
  endpoint?: string;
  /** Target namespace when the source is an `endpoint`. Default `http://mcc.tvox/`. */
  namespace?: string;
  /** SOAP version to speak (the WSDL's port for it is preferred). Default `1.1`. */
  soapVersion?: SoapVersion;
  /** Deadline of each attempt in ms (and of the WSDL fetch). Default 10 000. */
  timeoutMs?: number;
  /** Retry policy (the core's, shared with the REST client). Default 2 retries on retry-safe calls. */
  retry?: RetryOptions;
  credentials?: SoapClientCredentials;
  /** undici dispatcher (an `Agent`, a `MockAgent`…). Default undici's global dispatcher. */
  dispatcher?: Dispatcher;
  /** Extra HTTP headers sent with every request. */
  headers?: Record<string, string>;
  /** Largest answer accepted, in bytes. Default 10 MiB. */
  maxResponseBytes?: number;
}

/** An `MccService` over SOAP. */
export interface SoapClient extends MccService {
  /** Fetches and reads the WSDL now (else on the first call); rejects when it cannot be used. */
  ready(): Promise<void>;
}

interface Target {
  /** The endpoint's origin and path. */
  endpoint: { origin: string; path: string };
  version: SoapVersion;
  wsdl: WsdlBinding;
}

const EXCERPT = 500;

/**
 * A SOAP client implementing `MccService`, for this package's server or a real TVox. Requests are
 * written by the same envelope serializer the server uses, following the WSDL's namespace,
 * wrapper names, element qualification and SOAPActions. Answers go through the core's tolerant
 * `readResult`; failures that are not results throw `MccClientError` (`SOAP_FAULT` for faults,
 * retryable when the fault is `soap:Server`, after its `Retry-After`; `UNAUTHORIZED` for HTTP 401;
 * `HTTP_ERROR`, `NETWORK_ERROR`, `TIMEOUT`, `ABORTED`,
 * `MALFORMED_RESPONSE`), with the core's retry policy.
 */
export function createSoapClient(source: SoapClientSource, options: SoapClientOptions = {}): SoapClient {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxBytes = options.maxResponseBytes ?? 10 * 1024 * 1024;
  const preferred = options.soapVersion ?? '1.1';
  const credentials = options.credentials;
  const scheme = credentials?.scheme ?? 'basic';
  const baseHeaders: Record<string, string> = { ...options.headers };
  if (credentials && scheme !== 'ws-security') {
    const token = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
    baseHeaders.authorization = `Basic ${token}`;
  }

  const dispatcher = (): Dispatcher => options.dispatcher ?? getGlobalDispatcher();

  async function fetchText(url: string): Promise<string> {
    const { origin, pathname, search } = new URL(url);
    const response = await exchange(
      dispatcher(),
      { origin, path: `${pathname}${search}`, method: 'GET', headers: baseHeaders },
      { timeoutMs, maxBytes },
    );
    const text = response.text;
    if (response.status !== 200) {
      const code = response.status === 401 ? 'UNAUTHORIZED' : 'HTTP_ERROR';
      throw new MccClientError(code, `GET ${url} answered HTTP ${response.status}`, {
        status: response.status,
        retryable: response.status >= 500,
        details: { body: text.slice(0, EXCERPT) },
      });
    }
    return text;
  }

  async function loadTarget(): Promise<Target> {
    let wsdl: WsdlBinding;
    let endpoint: string | undefined;
    if ('wsdlUrl' in source) {
      const text = await fetchText(source.wsdlUrl);
      try {
        wsdl = await readWsdl(text, { baseUrl: source.wsdlUrl, fetchText, preferred });
      } catch (error) {
        if (error instanceof MccClientError) throw error;
        throw new MccClientError('MALFORMED_RESPONSE', `${source.wsdlUrl} is not a usable WSDL`, {
          cause: error,
        });
      }
      endpoint = options.endpoint ?? wsdl.address;
    } else {
      endpoint = options.endpoint ?? source.endpoint;
      const bundled = generateWsdl({ address: endpoint, namespace: options.namespace ?? DEFAULT_NAMESPACE });
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
        {
          cause,
        },
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
      credentials && scheme !== 'basic'
        ? writeUsernameToken({
            username: credentials.username,
            password: credentials.password,
            ...(credentials.passwordType ? { passwordType: credentials.passwordType } : {}),
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
    const operation = op.operation as N;
    const answer = await exchange(
      dispatcher(),
      { ...endpoint, method: 'POST', headers, body },
      {
        operation,
        timeoutMs: call?.timeoutMs ?? timeoutMs,
        maxBytes,
        ...(call?.signal ? { signal: call.signal } : {}),
      },
    );
    const { status, text } = answer;
    const retryAfterMs = readRetryAfter(headerValue(answer.headers, 'retry-after'));
    let envelope: ReturnType<typeof readEnvelope> | undefined;
    try {
      envelope = readEnvelope(text);
    } catch {
      envelope = undefined;
    }
    const payload = envelope?.payload;
    if (payload?.local === 'Fault') {
      const fault = readFault(payload);
      throw new MccClientError(
        status === 401 ? 'UNAUTHORIZED' : 'SOAP_FAULT',
        `${op.soapName}: SOAP fault ${fault.code}: ${fault.message}`,
        {
          operation,
          status,
          retryable: fault.code === 'Server',
          details: { faultCode: fault.code, faultString: fault.message },
          ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        },
      );
    }
    if (status < 200 || status >= 300) {
      throw new MccClientError(
        status === 401 ? 'UNAUTHORIZED' : 'HTTP_ERROR',
        `${op.soapName}: HTTP ${status}`,
        {
          operation,
          status,
          retryable: status >= 500 || status === 429,
          details: { body: text.slice(0, EXCERPT) },
          ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        },
      );
    }
    const returned =
      payload?.local === `${op.soapName}Response` ? childElement(payload, 'return') : undefined;
    if (!returned) {
      throw new MccClientError(
        'MALFORMED_RESPONSE',
        `${op.soapName}: the answer is not a ${op.soapName}Response`,
        {
          operation,
          status,
          details: { body: text.slice(0, EXCERPT) },
        },
      );
    }
    return readResult(operation, decodeResult(op, returned));
  }

  const client = {
    ready: async () => {
      await getTarget();
    },
  } as SoapClient;
  for (const name of operationNames) {
    const op = soapOperationOf(name);
    (client as unknown as Record<string, unknown>)[name] = (
      request: RequestOf<typeof name>,
      call?: CallOptions,
    ) => withRetry(name, request, () => attempt(op, request, call), options.retry, call?.signal);
  }
  return client;
}
