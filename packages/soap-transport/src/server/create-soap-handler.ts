import type { IncomingMessage, ServerResponse } from 'node:http';
import { dispatch, type MccService, type OperationName, type OperationTable, operations } from '@mcc/core';
import {
  answerAfterDrain,
  type CommonHandlerOptions,
  DEFAULT_DRAIN_LIMITS,
  protocolAnswer,
  publicAddress,
  readAuthorization,
  reportError,
  type ServerHandler,
} from '@mcc/http';
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
import { type SoapOperation, soapViewOf } from '../soap-operations.js';
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

/** The HTTP status of every fault but an authentication refusal (WS-I Basic Profile 1.1 R1126). */
export const FAULT_STATUS = 500;

/**
 * Options of {@link createSoapHandler}: the ones both servers share ({@link CommonHandlerOptions}:
 * `maxBodyBytes` — here 1 MiB —, `drain`, `timeoutMs`, `trustProxy`, `throttle`, `onError`,
 * `observe`) and the SOAP ones.
 */
export interface SoapServerOptions extends CommonHandlerOptions {
  /** Path of the endpoint (the WSDL is at `path?wsdl`). Default `/mc/cxf/soap`. */
  path?: string;
  /** Target namespace of the WSDL and of the wrapper elements. Default `http://mcc.tvox/`. */
  namespace?: string;
  /**
   * Describe a SOAP 1.2 port and binding in the WSDL beside the SOAP 1.1 one. Default false: a
   * client generated from the WSDL speaks SOAP 1.1, as from a CXF endpoint (gSOAP would pick 1.2
   * otherwise, wsimport warns). SOAP 1.2 requests are served either way.
   */
  soap12?: boolean;
  /** Deepest element nesting accepted in a request. Default 64. */
  maxDepth?: number;
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
   * The operations table served (wrapper elements, validation, answers, WSDL). Default: the MCC
   * one (`operations` of `@mcc/core`); pass a copy with more rows to serve an operation of your
   * own (the service must implement it).
   */
  operations?: OperationTable;
}

/**
 * A Node request handler of the SOAP endpoint, the same shape as the REST one (`ServerHandler`
 * of `@mcc/http`): `true` when the request is for the endpoint path (it is then answered);
 * otherwise `next()` is called when given and `false` returned, or — without `next` — a 404 is
 * answered and `true` returned.
 */
export type SoapHandler = ServerHandler;

const MAX_WSDL_CACHE = 16;

/** A body holding more than white space (what `String.prototype.trim` removes). */
const NOT_BLANK = /\S/;

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
  const drain = { ...DEFAULT_DRAIN_LIMITS, ...options.drain };
  const table = options.operations ?? operations;
  const view = soapViewOf(table);
  const wsdlCache = new Map<string, string>();

  function wsdlFor(req: IncomingMessage): string {
    // The same public address as the WADL's: forwarded values only when trusted, and well-formed.
    const address = `${publicAddress(req, options.trustProxy ?? false)}${path}`;
    let wsdl = wsdlCache.get(address);
    if (!wsdl) {
      wsdl = generateWsdl({ address, namespace, soap12: options.soap12 ?? false, operations: table });
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

  /**
   * Every fault goes with HTTP 500 (WS-I BP 1.1 R1126; what gSOAP, Mono and JAX-WS read), its
   * reason and `Retry-After` kept; only an authentication refusal is a 401 with a challenge.
   */
  function sendFault(res: ServerResponse, version: SoapVersion, fault: Fault, close = false): void {
    const status = fault.status === 401 ? 401 : FAULT_STATUS;
    if (status === 401) res.setHeader('www-authenticate', 'Basic realm="MCC"');
    send(res, status, soapContentType(version), writeFault(version, fault.code, fault.message), close);
  }

  function toFault(error: unknown, req: IncomingMessage, operation: OperationName | undefined): Fault {
    if (error instanceof Fault) return error;
    if (error instanceof XmlError) {
      const what =
        error.code === 'DTD_FORBIDDEN'
          ? 'document type declarations (DTD, entities) are not accepted'
          : error.code === 'TOO_DEEP'
            ? `elements nest deeper than ${maxDepth} levels`
            : error.code === 'LIMIT_EXCEEDED'
              ? `the XML exceeds a limit: ${error.message}`
              : `malformed XML: ${error.message}`;
      return new Fault('Client', what);
    }
    if (error instanceof EnvelopeError) return new Fault(error.faultCode, error.message);
    if (error instanceof BodyError) return new Fault('Client', error.message);
    reportError(options.onError, error, operation ? { operation, req } : { req });
    return new Fault('Server', 'internal server error');
  }

  async function handlePost(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const contentType = parseContentType(header(req, 'content-type'));
    const declared = soapVersionOfMediaType(contentType.mediaType);
    let version: SoapVersion = declared ?? '1.1';
    let operation: OperationName | undefined;
    try {
      const wait = options.throttle?.(req);
      if (wait !== undefined) {
        res.setHeader('retry-after', String(wait));
        throw new Fault('Server', `too many requests: try again in ${wait} s`);
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
      const coding = header(req, 'content-encoding');
      const body = decodeCharset(
        coding === undefined ? raw : await decodeContentEncoding(raw, coding, limit),
        contentType.params.charset,
      );
      if (!NOT_BLANK.test(body)) throw new Fault('Client', 'the request body is empty');
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
      const op = payload.ns === namespace ? view.bySoapName.get(payload.local) : undefined;
      if (!op) {
        throw new Fault(
          'Client',
          `unknown operation {${payload.ns.slice(0, 200)}}${payload.local.slice(0, 100)}`,
        );
      }
      operation = op.operation;
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
        table,
      );
      send(res, 200, soapContentType(version), writeResponseEnvelope(op, result, version, namespace));
    } catch (error) {
      // A ProtocolFault the service threw (core): a dropped connection, or a Server fault with its
      // own message and status (503 + Retry-After, 500); not reported to onError, it is meant.
      const directed = protocolAnswer(error);
      if (directed?.kind === 'drop') return void res.destroy();
      if (directed) for (const [name, value] of Object.entries(directed.headers)) res.setHeader(name, value);
      const fault = directed ? new Fault('Server', directed.message) : toFault(error, req, operation);
      // A body refused before it was read entirely is drained (bounded) first, so that the client
      // finishes sending and reads the fault instead of a reset; past the bounds, close.
      answerAfterDrain(req, (close) => sendFault(res, version, fault, close), drain);
    }
  }

  return function soapHandler(req, res, next) {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const pathname = q < 0 ? url : url.slice(0, q);
    if (pathname !== path) {
      if (next) {
        next();
        return false;
      }
      send(res, 404, 'text/plain; charset=utf-8', 'Not Found');
      return true;
    }
    const query = q < 0 ? '' : url.slice(q + 1);
    if (req.method === 'GET' || req.method === 'HEAD') {
      if (/^wsdl(=|&|$)/i.test(query)) {
        send(res, 200, 'text/xml; charset=utf-8', wsdlFor(req));
      } else {
        res.setHeader('allow', 'GET, HEAD, POST');
        send(res, 405, 'text/plain; charset=utf-8', `POST SOAP requests here; the WSDL is at ${path}?wsdl`);
      }
      return true;
    }
    if (req.method !== 'POST') {
      res.setHeader('allow', 'GET, HEAD, POST');
      answerAfterDrain(
        req,
        (close) => send(res, 405, 'text/plain; charset=utf-8', 'Method Not Allowed', close),
        drain,
      );
      return true;
    }
    handlePost(req, res).catch((error: unknown) => {
      reportError(options.onError, error, { req });
      if (!res.headersSent) sendFault(res, '1.1', new Fault('Server', 'internal server error'));
      else res.destroy();
    });
    return true;
  };
}
