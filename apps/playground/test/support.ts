import { afterEach } from 'vitest';
import { createLogger } from '../src/logger.js';
import { type Playground, type PlaygroundOptions, startPlayground } from '../src/server.js';

const running: Playground[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.close()));
});

/** A playground on a free port, in memory, quiet; closed after the test. */
export async function playground(options: Partial<PlaygroundOptions> = {}): Promise<Playground> {
  const p = await startPlayground({
    port: 0,
    host: '127.0.0.1',
    store: 'memory:',
    logger: createLogger('silent'),
    ...options,
  });
  running.push(p);
  return p;
}

/** fetch + JSON. */
export async function call(
  url: string,
  init: RequestInit & { json?: unknown } = {},
): Promise<{ status: number; headers: Headers; body: any }> {
  const { json, ...rest } = init;
  const response = await fetch(url, {
    ...rest,
    ...(json !== undefined
      ? { body: JSON.stringify(json), headers: { 'content-type': 'application/json' } }
      : {}),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {}
  return { status: response.status, headers: response.headers, body: body as any };
}
