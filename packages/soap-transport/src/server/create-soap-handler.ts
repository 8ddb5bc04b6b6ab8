import type { IncomingMessage, ServerResponse } from 'node:http';
import { type DispatchObserver, dispatch, type MccService } from '@mcc/core';
import { protocolAnswer, readAuthorization } from '@mcc/http';
import { type FaultCode, writeFault } from '../envelope/fault.js';
import { decodeRequest, type Envelope, EnvelopeError, readEnvelope } from '../envelope/read-envelope.js';
import {
  DEFAULT_NAMESPACE,
  parseContentType,
  type SoapVersion,
  soapContentType,
  soapVersionOfMediaType,
} from '../envelope/soap-version.js';
import { writeResponseEnvelope } from '../envelope/write-envelope.js';
import {
  MAX_USERNAME_TOKENS,
  readUsernameTokens,
  type UsernameToken,
  WSSE_NS,
} from '../security/ws-security.js';
import { type SoapOperation, soapOperationBySoapName } from '../soap-operations.js';
import { generateWsdl } from '../wsdl/generate-wsdl.js';
import { XmlError } from '../xml/parse-xml.js';
import { BodyError, decodeCharset, decodeContentEncoding, readRawBody } from './read-body.js';

/** Default path of the SOAP endpoint, as on a TVox host. */
export const DEFAULT_SOAP_PATH = '/mc/cxf/soap';

/** Credentials a request carried, handed to {@link SoapServerOptions.authenticate}. */
export interface SoapCredentials {
  /** From an `Authorization: Basic` header. */
  basic?: { username: string; password: string };
  /** From a WS-Security `UsernameToken` (check it with `verifyUsernameToken`). */
  usernameToken?: UsernameToken;
}

/** Options of {@link createSoapHandler}. */
export interface SoapServerOptions {
  /** Path of the endpoint (the WSDL is at `path?wsdl`). Default `/mc/cxf/soap`. */
  path?: string;
  /** Target namespace of the WSDL and of the wrapper elements. Default `http://mcc.tvox/`. */
  namespace?: string;
  /** Describe a SOAP 1.2 binding in the WSDL too (SOAP 1.2 requests are served either way). Default true. */
  soap12?: boolean;
  /** Largest request body in bytes, before and after decompression. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Deepest element nesting accepted in a request. Default 64. */
  maxDepth?: number;
  /**
   * Build the WSDL's `soap:address` from `X-Forwarded-Proto` / `X-Forwarded-Host` (set this only
   * behind a proxy you trust). Default false: the request's own scheme and `Host`.
   */
  trustProxy?: boolean;
  /** Deadline handed to the service for each call (`CallOptions.timeoutMs`). Default none. */
  timeoutMs?: number;
  /**
   * Accepts or refuses a request's credentials (HTTP Basic and/or a WS-Security UsernameToken);
   * `soapAuthenticator(checker)` builds one from core's `CredentialChecker`, with replay
   * protection. Called once per credential: with the Basic credentials before the body is read
   * (a refusal then costs no parsing), then once per UsernameToken of the envelope (every token of
   * every `wsse:Security` block must pass; more than 4 are refused); with `{}` when the request
   * carries none. Default: no authentication. A refusal is a `Client` fault with HTTP 401. The
   * WSDL stays open.
   */
  authenticate?: (credentials: SoapCredentials) => boolean | Promise<boolean>;
  /**
   * Asked before each request's body is read: a whole number of seconds refuses it with a
   * `Server` fault, HTTP 429 and that `Retry-After`; `undefined` lets it through. For a per-client
   * rate limit. Default: none.
   */
  throttle?: (req: IncomingMessage) => number | undefined;
  /** Told about unexpected errors (a service that throws, a response that cannot be written). */
  onError?: (error: unknown) => void;
  /** Told about every operation answered (invalid input included): for logs and metrics. */
  observe?: DispatchObserver;
}

/** A Node request handler; requests for another path go to `next`, or get a 404. */
export type SoapHandler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

const MAX_WSDL_CACHE = 16;

class Fault extends Error {
  constructor(
    readonly code: FaultCode,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function firstListValue(value: string | undefined): string | undefined {
  return value?.split(',')[0]?.trim() || undefined;
}

function basicCredentials(req: IncomingMessage): SoapCredentials['basic'] {
  const auth = readAuthorization(header(req, 'authorization'));
  return auth?.scheme === 'basic' ? { username: auth.username, password: auth.password } : undefined;
}

/** True when the SOAPAction names no operation, or names `op` (bare, quoted, or as a URI ending in it). */
function actionMatches(action: string | undefined, op: SoapOperation): boolean {
  if (action === undefined || action === '""' || action === '') return true;
  const bare = action.trim().replace(/^"(.*)"$/, '$1');
  if (bare === '' || bare === op.soapName) return true;
  return [`/${op.soapName}`, `#${op.soapName}`, `:${op.soapName}`].some((suffix) => bare.endsWith(suffix));
}

/** Refuses header blocks marked mustUnderstand that the server does not process (all but wsse:Security). */
function checkMustUnderstand(envelope: Envelope): void {
  for (const block of envelope.header?.children ?? []) {
    if (block.ns === WSSE_NS && block.local === 'Security') continue;
    const flag = Object.entries(block.attributes).find(
      ([name]) => name === 'mustUnderstand' || name.endsWith(':mustUnderstand'),
    )?.[1];
    if (flag === '1' || flag === 'true') {
      throw new Fault('MustUnderstand', `header block {${block.ns}}${block.local} is not understood`);
    }
  }
}

/**
 * Serves an `MccService` over SOAP 1.1 and 1.2 at `options.path` (default `/mc/cxf/soap`), with
 * the generated WSDL at `?wsdl` / `?WSDL` whose `soap:address` is the address it was fetched from.
 *
 * Each request is parsed strictly (no DTD, size and depth limits, compressed bodies capped after
 * inflation), handed to the core's `dispatch` (the one place input is validated) and answered in
 * the request's SOAP version. Business failures are normal responses; SOAP faults are kept for
 * protocol problems (`Client`: malformed XML, unknown operation, wrong content type, body too
 * large, SOAPAction mismatch; `Server`: the service failed) and never reveal internals.
 */
export function createSoapHandler(service: MccService, options: SoapServerOptions = {}): SoapHandler {
  const path = options.path ?? DEFAULT_SOAP_PATH;
  const namespace = options.namespace ?? DEFAULT_NAMESPACE;
  const limit = options.maxBodyBytes ?? 1024 * 1024;
  const maxDepth = options.maxDepth ?? 64;
  const callOptions = options.timeoutMs === undefined ? undefined : { timeoutMs: options.timeoutMs };
  const wsdlCache = new Map<string, string>();

  function wsdlFor(req: IncomingMessage): string {
    const secure = Boolean((req.socket as { encrypted?: boolean }).encrypted);
    const proto =
      (options.trustProxy && firstListValue(header(req, 'x-forwarded-proto'))) || (secure ? 'https' : 'http');
    const host =
      (options.trustProxy && firstListValue(header(req, 'x-forwarded-host'))) ||
      header(req, 'host') ||
      `${req.socket.localAddress}:${req.socket.localPort}`;
    const address = `${proto}://${host}${path}`;
    let wsdl = wsdlCache.get(address);
    if (!wsdl) {
      wsdl = generateWsdl({ address, namespace, soap12: options.soap12 ?? true });
      if (wsdlCache.size >= MAX_WSDL_CACHE) wsdlCache.clear();
      wsdlCache.set(address, wsdl);
    }
    return wsdl;
  }

  function send(res: ServerResponse, status: number, contentType: string, body: string, close = false): void {
    if (res.headersSent) return;
    const headers: Record<string, string | number> = {
      'content-type': contentType,
      'content-length': Buffer.byteLength(body),
    };
    if (close) headers.connection = 'close';
    res.writeHead(status, headers);
    res.end(body);
  }

  function sendFault(res: ServerResponse, version: SoapVersion, fault: Fault, close = false): void {
    const status = fault.status ?? (version === '1.2' && fault.code === 'Client' ? 400 : 500);
    if (status === 401) res.setHeader('www-authenticate', 'Basic realm="MCC"');
    send(res, status, soapContentType(version), writeFault(version, fault.code, fault.message), close);
  }

  function toFault(error: unknown): Fault {
    if (error instanceof Fault) return error;
    if (error instanceof XmlError) {
      const what =
        error.code === 'DTD_FORBIDDEN'
          ? 'document type declarations (DTD, entities) are not accepted'
          : error.code === 'TOO_DEEP'
            ? `elements nest deeper than ${maxDepth} levels`
            : `malformed XML: ${error.message}`;
      return new Fault('Client', what);
    }
    if (error instanceof EnvelopeError) return new Fault(error.faultCode, error.message);
    if (error instanceof BodyError) return new Fault('Client', error.message);
    options.onError?.(error);
    return new Fault('Server', 'internal server error');
  }

  async function handlePost(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const contentType = parseContentType(header(req, 'content-type'));
    const declared = soapVersionOfMediaType(contentType.mediaType);
    let version: SoapVersion = declared ?? '1.1';
    try {
      const wait = options.throttle?.(req);
      if (wait !== undefined) {
        res.setHeader('retry-after', String(wait));
        throw new Fault('Server', `too many requests: try again in ${wait} s`, 429);
      }
      if (!declared) {
        throw new Fault(
          'Client',
          `unsupported content type "${contentType.mediaType.slice(0, 60)}": use text/xml (SOAP 1.1) or application/soap+xml (SOAP 1.2)`,
        );
      }
      const basic = options.authenticate && basicCredentials(req);
      if (basic && !(await options.authenticate?.({ basic })))
        throw new Fault('Client', 'authentication failed', 401);
      const raw = await readRawBody(req, limit);
      const body = decodeCharset(
        await decodeContentEncoding(raw, header(req, 'content-encoding'), limit),
        contentType.params.charset,
      );
      if (body.trim() === '') throw new Fault('Client', 'the request body is empty');
      const envelope = readEnvelope(body, maxDepth);
      if (envelope.version !== declared) {
        version = envelope.version;
        throw new Fault(
          'VersionMismatch',
          `a SOAP ${envelope.version} envelope was sent as ${contentType.mediaType}`,
        );
      }
      checkMustUnderstand(envelope);
      const payload = envelope.payload;
      if (!payload) throw new Fault('Client', 'the SOAP Body is empty');
      const op = payload.ns === namespace ? soapOperationBySoapName(payload.local) : undefined;
      if (!op) {
        throw new Fault(
          'Client',
          `unknown operation {${payload.ns.slice(0, 200)}}${payload.local.slice(0, 100)}`,
        );
      }
      const action = version === '1.1' ? header(req, 'soapaction') : contentType.params.action;
      if (!actionMatches(action, op)) {
        throw new Fault('Client', `the SOAPAction does not match the operation ${op.soapName}`);
      }
      if (options.authenticate) {
        const tokens = readUsernameTokens(envelope.header);
        let accepted = tokens.length <= MAX_USERNAME_TOKENS && (basic !== undefined || tokens.length > 0);
        if (!basic && tokens.length === 0) accepted = await options.authenticate({});
        for (const usernameToken of tokens) {
          if (!accepted) break;
          accepted = await options.authenticate({ usernameToken });
        }
        if (!accepted) throw new Fault('Client', 'authentication failed', 401);
      }
      const result = await dispatch(
        service,
        op.operation,
        decodeRequest(op, payload),
        callOptions,
        options.observe,
      );
      send(res, 200, soapContentType(version), writeResponseEnvelope(op, result, version, namespace));
    } catch (error) {
      // A ProtocolFault the service threw (core): a dropped connection, or a Server fault with its
      // own message and status (503 + Retry-After, 500); not reported to onError, it is meant.
      const directed = protocolAnswer(error);
      if (directed?.kind === 'drop') return void res.destroy();
      if (directed) for (const [name, value] of Object.entries(directed.headers)) res.setHeader(name, value);
      const fault = directed ? new Fault('Server', directed.message, directed.status) : toFault(error);
      // A body refused before it was read entirely: close the connection rather than drain it.
      const close = error instanceof BodyError || (!req.complete && !req.readableEnded);
      sendFault(res, version, fault, close);
    }
  }

  return function soapHandler(req, res, next) {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const pathname = q < 0 ? url : url.slice(0, q);
    if (pathname !== path) {
      if (next) return next();
      send(res, 404, 'text/plain; charset=utf-8', 'Not Found');
      return;
    }
    const query = q < 0 ? '' : url.slice(q + 1);
    if (req.method === 'GET' || req.method === 'HEAD') {
      if (/^wsdl(=|&|$)/i.test(query)) {
        send(res, 200, 'text/xml; charset=utf-8', wsdlFor(req));
      } else {
        res.setHeader('allow', 'GET, HEAD, POST');
        send(res, 405, 'text/plain; charset=utf-8', `POST SOAP requests here; the WSDL is at ${path}?wsdl`);
      }
      return;
    }
    if (req.method !== 'POST') {
      res.setHeader('allow', 'GET, HEAD, POST');
      send(res, 405, 'text/plain; charset=utf-8', 'Method Not Allowed', true);
      return;
    }
    handlePost(req, res).catch((error: unknown) => {
      options.onError?.(error);
      if (!res.headersSent) sendFault(res, '1.1', new Fault('Server', 'internal server error'));
      else res.destroy();
    });
  };
}
