import { Agent, type Dispatcher } from 'undici';

/** One HTTP exchange as it went over the wire. */
export interface Exchange {
  request: { method: string; url: string; headers: Record<string, string>; body: string };
  response?: { status: number; headers: Record<string, string>; body: string };
}

function headerRecord(headers: unknown): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  if (!headers) return out;
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2)
      out[String(headers[i]).toLowerCase()] = String(headers[i + 1]);
  } else if (typeof headers === 'object') {
    for (const [k, v] of Object.entries(headers as Record<string, unknown>))
      out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  return out;
}

/** Headers whose values are credentials: shown as their scheme only (issue 15, 4). */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie']);

/** `headers` with every credential replaced by its scheme and `[redacted]`. */
function redacted(headers: Record<string, string>): Record<string, string> {
  for (const name of Object.keys(headers)) {
    if (!SECRET_HEADERS.has(name)) continue;
    const scheme = /^[A-Za-z][\w-]*(?= )/.exec(headers[name] ?? '')?.[0];
    headers[name] = scheme ? `${scheme} [redacted]` : '[redacted]';
  }
  return headers;
}

/** A request body with WS-Security passwords and nonces blanked. */
function redactedBody(body: string): string {
  return body.replace(/(<(\w+:)?(Password|Nonce)\b[^>]*>)[^<]*(<\/)/g, '$1[redacted]$4');
}

function bodyText(body: unknown): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
  return '[stream]';
}

/**
 * An undici dispatcher that records every exchange it carries (request as sent, response as
 * received), so the console can show the raw wire next to the decoded result. Credentials are
 * never recorded: `Authorization`, `Proxy-Authorization` and `Cookie` keep only their scheme,
 * WS-Security `Password` and `Nonce` read `[redacted]`.
 */
export function createCaptureDispatcher(connect?: Agent.Options['connect']): {
  dispatcher: Dispatcher;
  exchanges: Exchange[];
  close(): Promise<void>;
} {
  const exchanges: Exchange[] = [];
  const agent = new Agent(connect ? { connect } : {});
  const dispatcher = agent.compose((dispatch) => (opts, handler) => {
    const exchange: Exchange = {
      request: {
        method: opts.method,
        url: `${String(opts.origin ?? '')}${opts.path}`,
        headers: redacted(headerRecord(opts.headers)),
        body: redactedBody(bodyText(opts.body)),
      },
    };
    exchanges.push(exchange);
    const chunks: Buffer[] = [];
    const tap = {
      onResponseStart(
        controller: unknown,
        status: number,
        headers: Record<string, string | string[]>,
        msg?: string,
      ) {
        exchange.response = { status, headers: headerRecord(headers), body: '' };
        return (handler as Dispatcher.DispatchHandler).onResponseStart?.(
          controller as never,
          status,
          headers,
          msg as never,
        );
      },
      onResponseData(controller: unknown, chunk: Buffer) {
        chunks.push(Buffer.from(chunk));
        return (handler as Dispatcher.DispatchHandler).onResponseData?.(controller as never, chunk);
      },
      onResponseEnd(controller: unknown, trailers: Record<string, string | string[]>) {
        if (exchange.response) exchange.response.body = Buffer.concat(chunks).toString('utf8');
        return (handler as Dispatcher.DispatchHandler).onResponseEnd?.(controller as never, trailers);
      },
    };
    const wrapped = new Proxy(handler as object, {
      get(target, key, receiver) {
        if (typeof key === 'string' && key in tap) return tap[key as keyof typeof tap];
        const value = Reflect.get(target, key, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    return dispatch(opts, wrapped as Dispatcher.DispatchHandler);
  });
  return { dispatcher, exchanges, close: () => agent.close() };
}
