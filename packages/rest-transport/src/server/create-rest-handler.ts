import type { IncomingMessage, ServerResponse } from 'node:http';
import { dispatch, type MccService, type OperationName } from '@mcc/core';
import {
  answerAfterDrain,
  type ProblemCode,
  publicAddress,
  reportError,
  type ServerHandler,
  sendProblem,
} from '@mcc/http';
import { readBodyRequest } from './body-request.js';
import { createCorsStep } from './cors.js';
import { createGate } from './gate.js';
import { buildOpenApiDocument } from './openapi.js';
import { type RestHandlerOptions, resolveRestHandlerOptions } from './options.js';
import { parseQuery } from './parse-query.js';
import { answerProtocolFault } from './protocol-fault.js';
import { isJsonMediaType, readJsonBody } from './read-json-body.js';
import { asksForWadl, buildRoutes, type Route } from './routes.js';
import { serializeResult } from './serialize-result.js';
import { buildWadl, WADL_MEDIA_TYPE } from './wadl.js';

/**
 * A Node request handler for the MCC REST/JSON API (the same shape as the SOAP one:
 * `ServerHandler` of `@mcc/http`). Use it with `node:http` or mount it in a framework
 * (Express/Connect `app.use(handler)`, or any host that passes `req`, `res` and `next`).
 *
 * Returns `true` when the request is the handler's (an operation, the WADL, the OpenAPI document,
 * or any other path under the endpoint, which gets a 404 problem) — it then answers it. Returns
 * `false` for anything else, after calling `next()` when given, and writes nothing: the host
 * answers it.
 */
export type RestHandler = ServerHandler;

const NOT_FOUND: Route = { kind: 'endpoint', allow: '' };
type OperationRoute = Extract<Route, { kind: 'operation' }>;

function send(res: ServerResponse, contentType: string, body: string | Buffer): void {
  res.writeHead(200, {
    'content-type': contentType,
    'content-length': String(Buffer.byteLength(body)),
    'cache-control': 'no-store',
  });
  res.end(body);
}

/**
 * Serves any `MccService` over REST/JSON, CXF-compatible (semantics.md §1, §8): every operation of
 * the core table at `${basePath}/${name}` (GET with query parameters; setSessionData: PUT with a
 * JSON body), results as JSON with HTTP 200 for SUCCESS and FAILED alike, input checked once by
 * core's `dispatch`. Protocol errors are RFC 9457 problem bodies with a stable `code`. Routes, the
 * WADL and the OpenAPI document are computed here, once.
 */
export function createRestHandler(service: MccService, options: RestHandlerOptions = {}): RestHandler {
  const settings = resolveRestHandlerOptions(options);
  const callOptions = settings.timeoutMs === undefined ? undefined : { timeoutMs: settings.timeoutMs };
  const table = settings.operations;
  const routes = buildRoutes(settings, table);
  const corsStep = createCorsStep(settings.cors);

  /** Answers a refusal once what is left of the body has been drained (bounded). */
  function refuse(
    req: IncomingMessage,
    res: ServerResponse,
    code: ProblemCode,
    detail: string,
    headers: Record<string, string | readonly string[]> = {},
  ) {
    answerAfterDrain(req, (close) => sendProblem(res, code, detail, headers, close), settings.drain);
  }

  const gate = createGate(settings, refuse);
  const basePrefix = `${settings.basePath}/`;
  const wadl = settings.wadlPath === false ? undefined : buildWadl(settings.basePath, table);
  const openApi =
    settings.openApiPath === false
      ? undefined
      : Buffer.from(
          JSON.stringify(
            buildOpenApiDocument({
              basePath: settings.basePath,
              secured: Boolean(settings.authenticate),
              operations: table,
            }),
          ),
        );

  function internalError(
    req: IncomingMessage,
    res: ServerResponse,
    error: unknown,
    operation?: OperationName,
  ) {
    reportError(settings.onError, error, operation ? { operation, req } : { req });
    sendProblem(res, 'INTERNAL_ERROR', 'The service failed while answering this request.');
  }

  /** Answers the operation's result, or the error dispatch rethrew (a protocol fault or a 500). */
  function answerError(req: IncomingMessage, res: ServerResponse, operation: OperationName, error: unknown) {
    // A ProtocolFault (503, a fault with a message, a dropped connection) is meant: not logged.
    if (!answerProtocolFault(res, error)) internalError(req, res, error, operation);
  }

  function answer(req: IncomingMessage, res: ServerResponse, operation: OperationName, result: object) {
    try {
      send(res, 'application/json', serializeResult(table[operation]!, result));
    } catch (error) {
      answerError(req, res, operation, error);
    }
  }

  /** Dispatches `input` and answers; the promise settles once answered (never rejects). */
  function runOperation(
    req: IncomingMessage,
    res: ServerResponse,
    operation: OperationName,
    input: unknown,
  ): Promise<void> {
    return dispatch(service, operation, input, callOptions, settings.observe, table).then(
      (result) => answer(req, res, operation, result),
      (error: unknown) => answerError(req, res, operation, error),
    );
  }

  async function readBodyAndRun(req: IncomingMessage, res: ServerResponse, operation: OperationName) {
    if (!isJsonMediaType(req.headers['content-type'])) {
      refuse(req, res, 'UNSUPPORTED_MEDIA_TYPE', 'The request body must be application/json.', {
        accept: 'application/json',
      });
      return;
    }
    const body = await readJsonBody(req, settings.maxBodyBytes);
    if (!body.ok) return refuse(req, res, body.code, body.detail);
    await runOperation(req, res, operation, readBodyRequest(table[operation]!, body.value));
  }

  function serveDocument(req: IncomingMessage, res: ServerResponse, route: Route, search: string) {
    if (route.kind === 'openapi' && openApi) return send(res, 'application/json', openApi);
    if (wadl && asksForWadl(search))
      return send(res, WADL_MEDIA_TYPE, wadl(publicAddress(req, settings.trustProxy)));
    refuse(req, res, 'NOT_FOUND', 'There is no MCC resource at this path.');
  }

  function runRoute(req: IncomingMessage, res: ServerResponse, route: OperationRoute, search: string): void {
    if (route.binding.input === 'json-body') return void readBodyAndRun(req, res, route.operation);
    void runOperation(req, res, route.operation, search === '' ? {} : parseQuery(search));
  }

  function serve(req: IncomingMessage, res: ServerResponse, route: Route, search: string) {
    if (route === NOT_FOUND) return refuse(req, res, 'NOT_FOUND', 'There is no MCC operation at this path.');
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') {
      res.writeHead(204, { allow: route.allow, 'content-length': '0' });
      res.end();
      return;
    }
    if (route.kind !== 'operation') {
      if (method === 'GET' || method === 'HEAD') return serveDocument(req, res, route, search);
    } else if (method === route.binding.method) {
      if (!gate) return runRoute(req, res, route, search);
      gate(req, res).then(
        (pass) => pass && runRoute(req, res, route, search),
        (error: unknown) => internalError(req, res, error, route.operation),
      );
      return;
    }
    refuse(req, res, 'METHOD_NOT_ALLOWED', `${method} is not allowed here (allowed: ${route.allow}).`, {
      allow: route.allow,
    });
  }

  return function mccRestHandler(req, res, next) {
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const pathname = queryAt < 0 ? url : url.slice(0, queryAt);
    let route = routes.get(pathname);
    if (route === undefined && pathname.length > 1 && pathname.endsWith('/')) {
      route = routes.get(pathname.replace(/\/+$/, '') || '/');
    }
    if (route === undefined) {
      if (!pathname.startsWith(basePrefix)) {
        next?.();
        return false;
      }
      route = NOT_FOUND;
    }
    if (url.length > settings.maxUrlLength) {
      refuse(
        req,
        res,
        'URI_TOO_LONG',
        `The request target is longer than ${settings.maxUrlLength} characters.`,
      );
      return true;
    }
    const search = queryAt < 0 ? '' : url.slice(queryAt + 1);
    const matched = route;
    if (corsStep) {
      corsStep(req, res, (error) =>
        error ? internalError(req, res, error) : serve(req, res, matched, search),
      );
    } else {
      serve(req, res, matched, search);
    }
    return true;
  };
}
