import { Agent, type Dispatcher } from 'undici';

/** One HTTP exchange as it went over the wire, credentials redacted. */
export interface CapturedExchange {
  request: { method: string; url: string; headers: Record<string, string>; body: string };
  /** Absent when no answer came (the connection failed, the call was aborted). */
  response?: { status: number; headers: Record<string, string>; body: string };
}

/** Headers whose values are credentials: recorded as their scheme only. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie']);

/** Headers (undici's flat array or an object) as a null-prototype record of lower-case names. */
function headerRecord(headers: unknown): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2)
      out[String(headers[i]).toLowerCase()] = String(headers[i + 1]);
  } else if (headers && typeof headers === 'object') {
    for (const [k, v] of Object.entries(headers as Record<string, unknown>))
      out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  return out;
}

/** `headers` with every credential replaced by its scheme and `[redacted]`. */
function redacted(headers: Record<string, string>): Record<string, string> {
  for (const name of Object.keys(headers)) {
    if (!SECRET_HEADERS.has(name)) continue;
    const scheme = /^[A-Za-z][\w-]*(?= )/.exec(headers[name] ?? '')?.[0];
    headers[name] = scheme ? `${scheme} [redacted]` : '[redacted]';
  }
  return headers;
}

/** A request body as text, with WS-Security passwords and nonces blanked. */
function redactedBody(body: unknown): string {
  if (body === undefined || body === null) return '';
  const text =
    typeof body === 'string'
      ? body
      : body instanceof Uint8Array
        ? Buffer.from(body).toString('utf8')
        : '[stream]';
  return text.replace(/(<(\w+:)?(Password|Nonce)\b[^>]*>)[^<]*(<\/)/g, '$1[redacted]$4');
}

/**
 * An undici dispatcher (an `Agent` of its own) that records every exchange it carries — request as
 * sent, response as received — so that a console (`mcc --raw`, the playground's "try it") can show
 * the raw wire next to the decoded result. Credentials are never recorded: `Authorization`,
 * `Proxy-Authorization` and `Cookie` keep only their scheme, WS-Security `Password` and `Nonce`
 * read `[redacted]`. Each request's handler is otherwise untouched. `connect` is passed to the
 * `Agent` (e.g. `{ rejectUnauthorized: false }` for a self-signed test server).
 */
export function createCaptureDispatcher(connect?: Agent.Options['connect']): {
  dispatcher: Dispatcher;
  exchanges: CapturedExchange[];
  close(): Promise<void>;
} {
  const exchanges: CapturedExchange[] = [];
  const agent = new Agent(connect ? { connect } : {});
  const dispatcher = agent.compose((dispatch) => (opts, handler) => {
    const exchange: CapturedExchange = {
      request: {
        method: opts.method,
        url: `${String(opts.origin ?? '')}${opts.path}`,
        headers: redacted(headerRecord(opts.headers)),
        body: redactedBody(opts.body),
      },
    };
    exchanges.push(exchange);
    const chunks: Buffer[] = [];
    const inner = handler as Dispatcher.DispatchHandler;
    const tap: Dispatcher.DispatchHandler = {
      onRequestStart: (controller, context) => inner.onRequestStart?.(controller, context),
      onRequestUpgrade: (controller, status, headers, socket) =>
        inner.onRequestUpgrade?.(controller, status, headers, socket),
      onResponseStart(controller, status, headers, message) {
        exchange.response = { status, headers: headerRecord(headers), body: '' };
        return inner.onResponseStart?.(controller, status, headers, message);
      },
      onResponseData(controller, chunk) {
        chunks.push(Buffer.from(chunk));
        return inner.onResponseData?.(controller, chunk);
      },
      onResponseEnd(controller, trailers) {
        if (exchange.response) exchange.response.body = Buffer.concat(chunks).toString('utf8');
        return inner.onResponseEnd?.(controller, trailers);
      },
      onResponseError: (controller, error) => inner.onResponseError?.(controller, error),
    };
    return dispatch(opts, tap);
  });
  return { dispatcher, exchanges, close: () => agent.close() };
}
