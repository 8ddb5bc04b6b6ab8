import type { SessionStore } from '@mcc/engine';
import { createMemoryStore } from '@mcc/engine';
import { createFaultyStore } from '@mcc/testkit';
import { afterAll, describe, expect, test } from 'vitest';
import { createReadinessCheck } from '../src/health.js';
import { playground } from './support.js';

// Issue 15 (10): /healthz answered 200 while the store was unreachable.

describe('readiness from the store', () => {
  const stores: SessionStore[] = [];
  afterAll(async () => {
    for (const store of stores) await store.close();
  });

  test('ready while the store answers, not ready while it fails, ready again after', async () => {
    const store = createFaultyStore(createMemoryStore());
    stores.push(store);
    let time = 0;
    const check = createReadinessCheck(store, { cacheMs: 100, now: () => time });
    expect(await check()).toEqual({ ready: true });
    store.faults.failNext(1000);
    time += 100;
    expect(await check()).toEqual({ ready: false, reason: 'the session store is not available' });
    store.faults.clear();
    time += 50;
    expect((await check()).ready, 'an answer is reused within cacheMs').toBe(false);
    time += 50;
    expect(await check()).toEqual({ ready: true });
  });

  test('a store that hangs is not ready after the timeout; concurrent checks share one probe', async () => {
    let reads = 0;
    const hanging = {
      ...createMemoryStore(),
      read: () => {
        reads++;
        return new Promise<never>(() => {});
      },
    } as SessionStore;
    const check = createReadinessCheck(hanging, { timeoutMs: 50 });
    const answers = await Promise.all([check(), check(), check()]);
    expect(answers).toEqual(
      Array(3).fill({ ready: false, reason: 'the session store did not answer within 50 ms' }),
    );
    expect(reads).toBe(1);
  });
});

describe('/healthz and /livez', () => {
  test('/healthz is 200 while the store serves and 503 with Retry-After while it fails; /livez stays 200', async () => {
    const p = await playground();
    expect(await (await fetch(`${p.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const store = p.engine.store as SessionStore & { close(): Promise<void> };
    await store.close();
    // The first answer is reused for 500 ms (cacheMs): wait that window out.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const down = await fetch(`${p.url}/healthz`);
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('1');
    expect(await down.json()).toMatchObject({
      status: 'unavailable',
      reason: expect.stringContaining('store'),
    });
    const live = await fetch(`${p.url}/livez`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });
  });
});
