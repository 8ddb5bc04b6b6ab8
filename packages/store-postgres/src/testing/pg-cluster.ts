import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const exec = promisify(execFile);

/** A throwaway PostgreSQL server in a temporary directory, on a free local port. */
export interface PgCluster {
  readonly port: number;
  /** Connection string of a database on this server. */
  url(database: string): string;
  /** Creates a database and returns its connection string. */
  createDatabase(name: string): Promise<string>;
  /** `pg_ctl stop -m fast`: ends every connection, as an administrator restarting the server would. */
  stop(): Promise<void>;
  /** Starts the server again on the same port and data. */
  start(): Promise<void>;
  /** Stops the server (if running) and deletes its directory. */
  destroy(): Promise<void>;
}

function missingBinaries(detail: string): Error {
  const how = process.env.CI
    ? 'CI must install PostgreSQL (apt-get install -y postgresql) or set DATABASE_URL: these tests never skip.'
    : 'install it (apt-get install postgresql), set PG_BIN to its bin directory, or set DATABASE_URL.';
  return new Error(`@mcc/store-postgres tests need a real PostgreSQL server: ${detail}. ${how}`);
}

/** The directory holding `initdb`/`pg_ctl`: `PG_BIN`, else the newest `/usr/lib/postgresql/<v>/bin`. */
export async function findPgBin(): Promise<string> {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv) {
    if (!existsSync(join(fromEnv, 'pg_ctl'))) throw missingBinaries(`PG_BIN=${fromEnv} has no pg_ctl`);
    return fromEnv;
  }
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? await readdir(root) : [];
  const bins = versions
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => join(root, v, 'bin'))
    .filter((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
  const bin = bins[0];
  if (!bin) throw missingBinaries(`no initdb/pg_ctl found under ${root}/<version>/bin`);
  return bin;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

/** PostgreSQL refuses to run as root: as root, run its tools as the `postgres` user. */
async function asOwner(command: string, args: string[]): Promise<void> {
  const asRoot = process.getuid?.() === 0;
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  await exec(file, argv, { maxBuffer: 16 * 1024 * 1024 });
}

/**
 * Creates and starts a throwaway cluster: `initdb` into a temporary directory (owned by `postgres`
 * when running as root), then `pg_ctl start` on a free port of 127.0.0.1 with the socket in that
 * directory. Durability settings are relaxed (fsync off): the data is thrown away afterwards.
 */
export async function startCluster(): Promise<PgCluster> {
  const bin = await findPgBin();
  const dir = await mkdtemp(join(tmpdir(), 'mcc-pg-'));
  if (process.getuid?.() === 0) {
    const { stdout } = await exec('id', ['-u', 'postgres']).catch(() => {
      throw missingBinaries('running as root, but there is no `postgres` user to run the server as');
    });
    const { stdout: gid } = await exec('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const port = await freePort();
  const serverOptions = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c max_connections=400',
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
  ].join(' ');
  const pgCtl = join(bin, 'pg_ctl');
  const fail = async (what: string, error: unknown): Promise<never> => {
    const tail = await readFile(log, 'utf8').catch(() => '');
    throw new Error(`${what} failed: ${(error as Error).message}\n${tail.slice(-2000)}`);
  };

  await asOwner(join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--locale=C',
    '-N',
  ]).catch((error) => fail('initdb', error));

  let running = false;
  const cluster: PgCluster = {
    port,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: cluster.url('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
      } finally {
        await client.end();
      }
      return cluster.url(name);
    },
    async start() {
      await asOwner(pgCtl, ['-D', data, '-l', log, '-w', '-t', '60', '-o', serverOptions, 'start']).catch(
        (error) => fail('pg_ctl start', error),
      );
      running = true;
    },
    async stop() {
      await asOwner(pgCtl, ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']).catch((error) =>
        fail('pg_ctl stop', error),
      );
      running = false;
    },
    async destroy() {
      if (running) await cluster.stop().catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
  await cluster.start();
  return cluster;
}
