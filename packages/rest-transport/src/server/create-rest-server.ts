import { createServer, type Server, type ServerOptions } from 'node:http';
import type { MccService } from '@mcc/core';
import { createRestHandler } from './create-rest-handler.js';
import { DEFAULT_MAX_URL_LENGTH, type RestHandlerOptions } from './options.js';
import { sendProblem } from './problem.js';

/** Options of {@link createRestServer}: the handler's, plus `node:http` server options. */
export interface RestServerOptions extends RestHandlerOptions {
  /**
   * Passed to `http.createServer`. `maxHeaderSize` defaults to `maxUrlLength` + 16 KiB, so that a
   * startSession with 64 KiB of `data` in its query fits (Node's own default is 16 KiB).
   */
  http?: ServerOptions;
}

/**
 * A `node:http` server (not yet listening) that serves `service` over REST/JSON and answers every
 * path outside the MCC endpoint with a 404 problem. Call `listen()` on it.
 */
export function createRestServer(service: MccService, options: RestServerOptions = {}): Server {
  const { http, ...handlerOptions } = options;
  const handler = createRestHandler(service, handlerOptions);
  const maxHeaderSize = (handlerOptions.maxUrlLength ?? DEFAULT_MAX_URL_LENGTH) + 16 * 1024;
  return createServer({ maxHeaderSize, ...http }, (req, res) => {
    if (!handler(req, res)) sendProblem(res, 'NOT_FOUND', 'There is no MCC resource at this path.');
  });
}
