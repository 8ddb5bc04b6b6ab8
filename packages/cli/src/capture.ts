import { Agent, type Dispatcher } from 'undici';

/** One HTTP exchange as it went over the wire, credentials redacted. */
export interface Exchange {
  request: { method: string; url: string; headers: Record<string, string>; body: string };
  response?: { status: number; headers: Record<string, string>; body: string };
}

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie']);

function headerRecord(headers: unknown): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2)
      out[String(headers[i]).toLowerCase()] = String(headers[i + 1]);
  } else if (headers && typeof headers === 'object') {
    for (const [k, v] of Object.entries(headers as Record<string, unknown>))
      out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  for (const name of Object.keys(out)) {
    if (!SECRET_HEADERS.has(name)) continue;
    const scheme = /^[A-Za-z][\w-]*(?= )/.exec(out[name] ?? '')?.[0];
    out[name] = scheme ? `${scheme} [redacted]` : '[redacted]';
  }
  return out;
}

function bodyText(body: unknown): string {
  if (body === undefined || body === null) return '';
  const text =
    typeof body === 'string'
      ? body
      : body instanceof Uint8Array
        ? Buffer.from(body).toString('utf8')
        : '[stream]';
  // WS-Security passwords and nonces never reach the screen.
  return text.replace(/(<(\w+:)?(Password|Nonce)\b[^>]*>)[^<]*(<\/)/g, '$1[redacted]$4');
}

/**
 * An undici `Agent` that records every exchange it carries (for `--raw`). Only `exchanges` is
 * added; the handler of each request is otherwise untouched.
 */
export function createCapturingAgent(): {
  dispatcher: Dispatcher;
  exchanges: Exchange[];
  close(): Promise<void>;
} {
  const exchanges: Exchange[] = [];
  const agent = new Agent();
  const dispatcher = agent.compose((dispatch) => (opts, handler) => {
    const exchange: Exchange = {
      request: {
        method: opts.method,
        url: `${String(opts.origin ?? '')}${opts.path}`,
        headers: headerRecord(opts.headers),
        body: bodyText(opts.body),
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
