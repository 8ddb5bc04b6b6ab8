import type { IncomingMessage, ServerResponse } from 'node:http';
import cors, { type CorsOptions } from 'cors';

/** Runs the CORS policy; `next` continues with the request unless the policy answered it (preflight). */
export type CorsStep = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/** The CORS step for the handler's options (the `cors` package), or `undefined` when CORS is off. */
export function createCorsStep(options: CorsOptions | false): CorsStep | undefined {
  if (options === false) return undefined;
  return cors(options) as CorsStep;
}
