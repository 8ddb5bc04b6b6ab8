import { createServer, type Server, type ServerOptions } from 'node:http';
import type { MccService } from '@mcc/core';
import { createClientErrorListener, DEFAULT_DRAIN_LIMITS, sendProblem } from '@mcc/http';
import { createRestHandler } from './create-rest-handler.js';
import { DEFAULT_MAX_URL_LENGTH, type RestHandlerOptions } from './options.js';

/** Room for the header fields beside the request line in {@link RestServerOptions.http}'s default `maxHeaderSize`. */
export const HEADER_FIELDS_ROOM = 64 * 1024;

/** Options of {@link createRestServer}: the handler's, plus `node:http` server options. */
export interface RestServerOptions extends RestHandlerOptions {
  /**
   * Passed to `http.createServer`. `maxHeaderSize` defaults to `maxUrlLength` + 64 KiB, so that
   * every URL up to `maxUrlLength` reaches the handler (Node's own default is 16 KiB); a longer
   * request line gets a 414 problem, oversized header fields a 431 problem.
   */
  http?: ServerOptions;
}

/**
 * A `node:http` server (not yet listening) that serves `service` over REST/JSON and answers every
 * path outside the MCC endpoint with a 404 problem. Requests Node cannot parse get a problem body
 * too (414, 431, 400), with a lingering close. Call `listen()` on it.
 */
export function createRestServer(service: MccService, options: RestServerOptions = {}): Server {
  const { http, ...handlerOptions } = options;
  const handler = createRestHandler(service, handlerOptions);
  const maxHeaderSize = (handlerOptions.maxUrlLength ?? DEFAULT_MAX_URL_LENGTH) + HEADER_FIELDS_ROOM;
  const server = createServer({ maxHeaderSize, ...http }, (req, res) => {
    if (!handler(req, res)) sendProblem(res, 'NOT_FOUND', 'There is no MCC resource at this path.');
  });
  server.on('clientError', createClientErrorListener({ ...DEFAULT_DRAIN_LIMITS, ...handlerOptions.drain }));
  return server;
}
