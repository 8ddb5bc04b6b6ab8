import type { Server, Socket } from 'node:net';

/** Options of {@link guardConnections}. */
export interface ConnectionGuardOptions {
  /** Most connections open at once from one remote address; further ones are closed unanswered. */
  maxConnectionsPerClient: number;
  /**
   * Longest time answers may wait unsent in a connection's buffer (the client stopped reading)
   * before the connection is closed, in ms.
   */
  writeStallTimeoutMs: number;
}

/** The defaults: 64 connections per address, 15 s for answers left unread. */
export const DEFAULT_CONNECTION_GUARD: ConnectionGuardOptions = Object.freeze({
  maxConnectionsPerClient: 64,
  writeStallTimeoutMs: 15_000,
});

/**
 * Guards a listening server against one greedy or stalled client (issue 15, 3): a cap on open
 * connections per remote address (so that one address cannot take the global `maxConnections`),
 * and a deadline for a client that stops reading its answers (the answer waits in the socket's
 * buffer; no other timeout of node:http covers it). One sweep timer for all connections, checked
 * at a quarter of the deadline; stopped when the server closes.
 */
export function guardConnections(server: Server, given: Partial<ConnectionGuardOptions> = {}): void {
  const options = { ...DEFAULT_CONNECTION_GUARD, ...given };
  const perClient = new Map<string, number>();
  /** Open connections, and since when each has had answers waiting unsent (undefined: none). */
  const pending = new Map<Socket, number | undefined>();

  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    const count = (perClient.get(address) ?? 0) + 1;
    if (count > options.maxConnectionsPerClient) {
      socket.destroy();
      return;
    }
    perClient.set(address, count);
    pending.set(socket, undefined);
    socket.on('drain', () => pending.set(socket, undefined));
    socket.once('close', () => {
      pending.delete(socket);
      const left = (perClient.get(address) ?? 1) - 1;
      if (left > 0) perClient.set(address, left);
      else perClient.delete(address);
    });
  });

  const sweep = setInterval(
    () => {
      const now = Date.now();
      for (const [socket, since] of pending) {
        if (socket.writableLength === 0) pending.set(socket, undefined);
        else if (since === undefined) pending.set(socket, now);
        else if (now - since >= options.writeStallTimeoutMs) socket.destroy();
      }
    },
    Math.max(25, Math.min(1000, Math.floor(options.writeStallTimeoutMs / 4))),
  );
  sweep.unref();
  server.once('close', () => clearInterval(sweep));
}
