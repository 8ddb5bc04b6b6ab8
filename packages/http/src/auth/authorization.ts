/** What an HTTP `Authorization` header carries, when it is a scheme the MCC servers accept. */
export type Authorization =
  | { scheme: 'basic'; username: string; password: string }
  | { scheme: 'bearer'; token: string };

function decodeBase64Utf8(text: string): string | undefined {
  try {
    const binary = atob(text);
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

/**
 * Reads an `Authorization` header value: `Basic base64(user:password)` (RFC 7617, UTF-8) or
 * `Bearer token` (RFC 6750). Anything else, or a malformed value, is `undefined`.
 */
export function readAuthorization(value: string | undefined): Authorization | undefined {
  const match = value && /^\s*(basic|bearer)\s+(\S+)\s*$/i.exec(value);
  if (!match) return undefined;
  const [, scheme, credentials] = match as unknown as [string, string, string];
  if (scheme.toLowerCase() === 'bearer') return { scheme: 'bearer', token: credentials };
  const decoded = decodeBase64Utf8(credentials);
  const colon = decoded?.indexOf(':') ?? -1;
  if (decoded === undefined || colon < 0) return undefined;
  return { scheme: 'basic', username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * The `Authorization` header value for HTTP Basic (RFC 7617, UTF-8): `Basic base64(user:password)`.
 * The one encoder both clients use; {@link readAuthorization} reads it back.
 */
export function basicAuthorization(username: string, password: string): string {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}
