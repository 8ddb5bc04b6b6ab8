import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

const HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;
const PREFIX = /^(?:\/[A-Za-z0-9._~!$&'()*+,;=:@%-]+)+$/;

function first(value: string | string[] | undefined): string | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined) return undefined;
  const comma = raw.indexOf(',');
  return (comma < 0 ? raw : raw.slice(0, comma)).trim();
}

function socketHost(req: IncomingMessage): string {
  const address = req.socket.localAddress ?? '127.0.0.1';
  const host = address.includes(':') ? `[${address}]` : address;
  return req.socket.localPort ? `${host}:${req.socket.localPort}` : host;
}

/**
 * The origin and path prefix a client used to reach this server: scheme and `Host` of the request,
 * or — only when `trustProxy` is set — the `X-Forwarded-Proto`, `X-Forwarded-Host` and
 * `X-Forwarded-Prefix` a reverse proxy added. Values that are not a well-formed host or path are
 * ignored (the socket's own address is used), so nothing a caller sends can break the document.
 */
export function publicAddress(req: IncomingMessage, trustProxy: boolean): string {
  let scheme = (req.socket as Partial<TLSSocket>).encrypted ? 'https' : 'http';
  let host = req.headers.host;
  let prefix = '';
  if (trustProxy) {
    const proto = first(req.headers['x-forwarded-proto'])?.toLowerCase();
    if (proto === 'http' || proto === 'https') scheme = proto;
    const forwardedHost = first(req.headers['x-forwarded-host']);
    if (forwardedHost && HOST.test(forwardedHost)) host = forwardedHost;
    const forwardedPrefix = first(req.headers['x-forwarded-prefix'])?.replace(/\/+$/, '');
    if (forwardedPrefix && PREFIX.test(forwardedPrefix)) prefix = forwardedPrefix;
  }
  if (!host || !HOST.test(host)) host = socketHost(req);
  return `${scheme}://${host}${prefix}`;
}
