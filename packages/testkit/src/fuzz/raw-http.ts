import { connect } from 'node:net';

/** What a server answered to raw bytes. */
export interface RawHttpAnswer {
  /** The status of the first answer, or undefined when the server closed without one. */
  status: number | undefined;
  /** Everything the server sent (latin1). */
  text: string;
  /** True when nothing ended the exchange within the time limit. */
  timedOut: boolean;
}

/**
 * Writes `bytes` as they are to the server at `origin` (`http://host:port`) — a request no HTTP
 * client would send — half-closes, and reads until the server closes or `timeoutMs` passes.
 */
export function sendRawHttp(
  origin: string,
  bytes: Buffer | string,
  timeoutMs = 5000,
): Promise<RawHttpAnswer> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: hostname, port: Number(port) });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      socket.destroy();
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('latin1');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1];
      resolve({ status: status ? Number(status) : undefined, text, timedOut });
    });
    socket.write(bytes, () => socket.end());
  });
}
