import { connect, type Socket } from 'node:net';
import { describe, expect, test } from 'vitest';
import type { ConnectionGuardOptions } from '../src/connection-guard.js';
import type { ServerLimits } from '../src/settings.js';
import { playground } from './support.js';

// Issue 15 (3): one client could take every connection slot, and a client that never reads its
// answers was never disconnected. Loopback only; every wait is bounded.

interface Raw {
  socket: Socket;
  received: () => string;
  closed: Promise<void>;
  isClosed: () => boolean;
}

/** A raw TCP connection from `localAddress` (any 127.0.0.0/8 address is this machine). */
function rawSocket(port: number, localAddress = '127.0.0.1'): Promise<Raw> {
  return new Promise((ok, fail) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress });
    let data = '';
    let isClosed = false;
    socket.on('data', (chunk) => {
      data += chunk.toString();
    });
    const closed = new Promise<void>((done) =>
      socket.once('close', () => {
        isClosed = true;
        done();
      }),
    );
    socket.once('connect', () => {
      socket.on('error', () => {});
      ok({ socket, received: () => data, closed, isClosed: () => isClosed });
    });
    socket.once('error', fail);
  });
}

/** Resolves when `promise` does, or fails after `ms` with `what`. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms)),
  ]);
}

describe('per-client connection limit', () => {
  test('one address cannot take every slot: a fresh client is still answered', async () => {
    const limits: Partial<ServerLimits & ConnectionGuardOptions> = {
      maxConnections: 12,
      maxConnectionsPerClient: 4,
    };
    const p = await playground({ limits });
    const port = Number(new URL(p.url).port);
    // The attacker opens as many idle connections as the global cap (slowloris).
    const held = await Promise.all(Array.from({ length: 12 }, () => rawSocket(port, '127.0.0.1')));
    await within(
      Promise.all(held.slice(4).map((c) => c.closed)),
      5000,
      'connections beyond the per-client limit are closed',
    );
    expect(held.slice(0, 4).every((c) => !c.isClosed())).toBe(true);
    expect(held.slice(4).every((c) => c.received() === '')).toBe(true);
    // Another client (another address) is served while the attacker holds its four.
    const fresh = await rawSocket(port, '127.0.0.2');
    fresh.socket.write('GET /livez HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    await within(fresh.closed, 5000, 'the fresh client is answered');
    expect(fresh.received()).toMatch(/^HTTP\/1\.1 200/);
    for (const c of held) c.socket.destroy();
  });
});

describe('a client that stops reading', () => {
  test('is disconnected once its answers have not drained for writeStallTimeoutMs', async () => {
    const limits: Partial<ServerLimits & ConnectionGuardOptions> = { writeStallTimeoutMs: 300 };
    const p = await playground({ limits });
    const port = Number(new URL(p.url).port);
    const client = await rawSocket(port, '127.0.0.3');
    client.socket.pause(); // never reads: the answers pile up in the kernel, then in the server
    const request = 'GET /mc/cxf/soap?wsdl HTTP/1.1\r\nHost: x\r\n\r\n';
    client.socket.write(request.repeat(3000));
    // Past the deadline, read what the server sent before it hung up: far fewer than 3000
    // answers, and the connection ends (a paused socket only sees the close once it reads).
    await new Promise((resolve) => setTimeout(resolve, 1500));
    client.socket.resume();
    await within(client.closed, 20_000, 'the stalled client is disconnected');
    const answers = client.received().match(/HTTP\/1\.1 200/g)?.length ?? 0;
    expect(answers).toBeGreaterThan(0);
    expect(answers).toBeLessThan(3000);
    // The server still serves everyone else.
    const other = await rawSocket(port, '127.0.0.4');
    other.socket.write('GET /livez HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    await within(other.closed, 5000, 'another client is answered');
    expect(other.received()).toMatch(/^HTTP\/1\.1 200/);
  }, 30_000);
});
