import type { IncomingMessage } from 'node:http';
import { describe, expect, test } from 'vitest';
import { publicAddress } from './public-address.js';

function request(headers: Record<string, string>, encrypted = false): IncomingMessage {
  return {
    headers,
    socket: { encrypted, localAddress: '::1', localPort: 8080 },
  } as unknown as IncomingMessage;
}

describe('publicAddress', () => {
  test('scheme from the socket, host from the Host header', () => {
    expect(publicAddress(request({ host: 'tvox.local:8443' }, true), false)).toBe('https://tvox.local:8443');
  });

  test('forwarded headers count only when trusted, first value of a list', () => {
    const headers = {
      host: 'internal:8080',
      'x-forwarded-proto': 'https, http',
      'x-forwarded-host': 'mcc.example.com, proxy',
    };
    expect(publicAddress(request(headers), false)).toBe('http://internal:8080');
    expect(publicAddress(request(headers), true)).toBe('https://mcc.example.com');
  });

  test('a malformed Host falls back to the socket address', () => {
    expect(publicAddress(request({ host: 'a b' }), false)).toBe('http://[::1]:8080');
    expect(publicAddress(request({}), false)).toBe('http://[::1]:8080');
  });

  test('a forwarded prefix must be a path', () => {
    expect(publicAddress(request({ host: 'h', 'x-forwarded-prefix': '/pbx/' }), true)).toBe('http://h/pbx');
    expect(publicAddress(request({ host: 'h', 'x-forwarded-prefix': 'javascript:x' }), true)).toBe(
      'http://h',
    );
  });
});
