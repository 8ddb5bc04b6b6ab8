import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, VirtualClock } from '@mcc/engine';
import { describe, expect, test } from 'vitest';
import { createSqliteStore } from '../src/index.js';
import { tempDir } from './helpers.js';

const here = dirname(fileURLToPath(import.meta.url));

describe('SQLite store on disk', () => {
  test('sessions, agent logins and timers survive a restart of the engine', async () => {
    const directory = tempDir();
    const clock = new VirtualClock();
    const first = await createEngine({ store: createSqliteStore({ directory }), clock });
    const started = await first.startSession({
      channelId: 1003,
      serviceid: 'SUPPORT',
      sessionId: 'keep',
      data: 'd',
    });
    expect(started.result).toBe('SUCCESS');
    await first.control.logoutAgent('alice', 1003);
    await first.sessionAccept({ sessionId: 'keep', user: 'bob' });
    await first.close();

    const second = await createEngine({ store: createSqliteStore({ directory }), clock });
    expect(await second.checkSessionWithData({ sessionId: 'keep' })).toEqual({
      result: 'SUCCESS',
      sessionId: 'keep',
      status: 'BOOKED',
      username: 'bob',
      data: 'd',
    });
    const alice = (await second.control.snapshot()).agents.find((a) => a.username === 'alice');
    expect(alice?.channels.find((c) => c.channelId === 1003)?.loggedIn).toBe(false);
    // The booking timeout armed before the restart still fires after it.
    await clock.advance(30_000);
    expect((await second.checkSession({ sessionId: 'keep' })).status).toBe('QUEUED');
    const events = await second.control.readEvents(0, 1000);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    await second.close();
  });

  test('migrations are recorded and applied once', async () => {
    const directory = tempDir();
    await createSqliteStore({ directory }).close();
    const store = createSqliteStore({ directory });
    await store.close();
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(store.path, { readonly: true });
    expect(db.prepare('SELECT version FROM schema_migrations').all()).toEqual([{ version: 1 }]);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  test('a data directory that cannot be created is a clear STORE_OPEN_FAILED error', () => {
    const file = join(tempDir(), 'not-a-directory');
    writeFileSync(file, 'x');
    expect(() => createSqliteStore({ directory: join(file, 'data') })).toThrow(
      expect.objectContaining({
        code: 'STORE_OPEN_FAILED',
        message: expect.stringContaining('is the data directory writable'),
      }),
    );
  });

  test('a file held by another process is a clear STORE_LOCKED error', async () => {
    const directory = tempDir();
    const holder = spawn(
      process.execPath,
      ['--conditions=mcc-source', '--import', 'tsx', resolve(here, 'fixtures/hold-store.ts'), directory],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((ok, fail) => {
        holder.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && ok());
        holder.on('exit', (code) => fail(new Error(`holder exited with ${code}`)));
      });
      expect(() => createSqliteStore({ directory, lockTimeoutMs: 200 })).toThrow(
        expect.objectContaining({
          code: 'STORE_LOCKED',
          message: expect.stringContaining('locked by another process'),
        }),
      );
    } finally {
      holder.kill('SIGKILL');
    }
  });

  test('SIGKILL in the middle of a write load loses no session that was answered SUCCESS', async () => {
    const directory = tempDir();
    const child = spawn(
      process.execPath,
      ['--conditions=mcc-source', '--import', 'tsx', resolve(here, 'fixtures/write-load.ts'), directory],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const acknowledged: string[] = [];
    let buffer = '';
    await new Promise<void>((ok) => {
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) if (line.startsWith('ack ')) acknowledged.push(line.slice(4));
        if (acknowledged.length >= 300) {
          child.kill('SIGKILL');
          ok();
        }
      });
      child.on('exit', () => ok());
    });
    await new Promise((r) => child.once('exit', r).once('close', r));
    expect(acknowledged.length).toBeGreaterThanOrEqual(300);

    const store = createSqliteStore({ directory });
    const found = await store.transaction(async (tx) => {
      const present: string[] = [];
      for (const id of acknowledged) if (await tx.getSession(id)) present.push(id);
      return present;
    });
    await store.close();
    expect(found).toEqual(acknowledged);
  });
});
