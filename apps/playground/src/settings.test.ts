import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Setting } from './settings/setting.js';
import { renderHelp } from './settings/settings-help.js';
import { SETTINGS_TABLE } from './settings/settings-table.js';
import { DEFAULT_LIMITS, HELP, parseSettings } from './settings.js';

describe('settings', () => {
  test('defaults: 127.0.0.1:8080 on the SQLite store under .data', () => {
    expect(parseSettings([], {})).toEqual({
      port: 8080,
      host: '127.0.0.1',
      store: 'sqlite:.data',
      storePool: undefined,
      config: undefined,
      configCheck: undefined,
      mccCredentials: { users: {}, apiKeys: [] },
      controlCredentials: { users: {}, apiKeys: [] },
      insecure: false,
      trustProxy: false,
      tls: undefined,
      limits: DEFAULT_LIMITS,
      rateLimit: undefined,
      gateway: {},
      help: false,
    });
  });

  test('environment, then flags over environment', () => {
    const env = { PORT: '9000', HOST: '0.0.0.0', MCC_STORE: 'memory:' };
    expect(parseSettings([], env)).toMatchObject({ port: 9000, host: '0.0.0.0', store: 'memory:' });
    expect(parseSettings(['--port', '0', '--store', 'sqlite:/tmp/x'], env)).toMatchObject({
      port: 0,
      store: 'sqlite:/tmp/x',
    });
  });

  test('bad values are refused with a readable message', () => {
    expect(() => parseSettings([], { PORT: 'eighty' })).toThrow(
      'PORT must be a whole number from 0 to 65535, not "eighty"',
    );
    expect(() => parseSettings(['--port', '70000'], {})).toThrow(/PORT must be a whole number/);
    expect(() => parseSettings([], { MCC_STORE: 'redis://x' })).toThrow(
      'MCC_STORE must be sqlite:<directory>, memory: or postgres://…, not "redis://x"',
    );
    expect(parseSettings(['--store', 'postgres://u:p@127.0.0.1/mcc'], {}).store).toBe(
      'postgres://u:p@127.0.0.1/mcc',
    );
    expect(parseSettings([], { MCC_CONFIG: 'cc.yaml' }).config).toBe('cc.yaml');
    const pg = { MCC_STORE: 'postgres://u:p@127.0.0.1/mcc' };
    expect(parseSettings(['--store-pool', '4'], pg).storePool).toBe(4);
    expect(parseSettings([], { ...pg, MCC_STORE_POOL: '2' }).storePool).toBe(2);
    expect(() => parseSettings([], { ...pg, MCC_STORE_POOL: '0' })).toThrow(
      'MCC_STORE_POOL must be a whole number from 1 to 1000, not "0"',
    );
    expect(() => parseSettings(['--store-pool', '4'], {})).toThrow(
      '--store-pool (MCC_STORE_POOL) applies to a postgres:// store only',
    );
    expect(() => parseSettings(['--nope'], {})).toThrow(/Unknown option/);
  });

  test('credentials from the environment and from a file; secrets never in error messages', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mcc-cred-')), 'credentials.yaml');
    writeFileSync(
      file,
      'mcc:\n  users: { crm: "file-pw" }\n  apiKeys: [k-file]\ncontrol:\n  users: { ops: "ops-pw" }\n',
    );
    const settings = parseSettings(['--credentials', file], {
      MCC_USERS: 'alice:pa:ss, bob:b0b',
      MCC_API_KEYS: 'k1, k2',
      MCC_CONTROL_API_KEYS: 'c1',
    });
    expect(settings.mccCredentials).toEqual({
      users: { crm: 'file-pw', alice: 'pa:ss', bob: 'b0b' },
      apiKeys: ['k-file', 'k1', 'k2'],
    });
    expect(settings.controlCredentials).toEqual({ users: { ops: 'ops-pw' }, apiKeys: ['c1'] });
    expect(() => parseSettings([], { MCC_USERS: 'alice' })).toThrow(
      /MCC_USERS must be a comma-separated list/,
    );
    writeFileSync(file, 'mcc:\n  users: { crm: 42 }\n  password: hunter2\nadmins: {}\n');
    const message = (() => {
      try {
        parseSettings(['--credentials', file], {});
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(message).toContain('mcc.users must map each username to a non-empty password string');
    expect(message).toContain('mcc.password is not a setting');
    expect(message).toContain('admins is not a section');
    expect(message).not.toContain('hunter2');
    expect(() => parseSettings(['--credentials', join(file, 'missing')], {})).toThrow(
      /cannot read MCC_CREDENTIALS/,
    );
  });

  test('TLS, limits, rate limit and switches', () => {
    const settings = parseSettings(
      [
        '--tls-cert',
        'c.pem',
        '--tls-key',
        'k.pem',
        '--max-connections',
        '10',
        '--rate-limit',
        '5',
        '--insecure',
      ],
      { MCC_HEADERS_TIMEOUT_MS: '2000', MCC_TRUST_PROXY: 'true' },
    );
    expect(settings).toMatchObject({
      tls: { certFile: 'c.pem', keyFile: 'k.pem' },
      limits: { ...DEFAULT_LIMITS, maxConnections: 10, headersTimeoutMs: 2000 },
      rateLimit: { perSecond: 5, burst: 10 },
      insecure: true,
      trustProxy: true,
    });
    expect(() => parseSettings(['--tls-cert', 'c.pem'], {})).toThrow(/both a certificate/);
    expect(() => parseSettings([], { MCC_MAX_CONNECTIONS: '0' })).toThrow(
      'MCC_MAX_CONNECTIONS must be a whole number from 1 to 1000000, not "0"',
    );
    expect(() => parseSettings([], { MCC_INSECURE: 'maybe' })).toThrow(/MCC_INSECURE must be true or false/);
    expect(() => parseSettings([], { MCC_REQUEST_TIMEOUT_MS: '1000' })).toThrow(/must not be shorter/);
  });
});

describe('the settings table', () => {
  test('every problem at once, each named by its variable; secrets never echoed', () => {
    let message = '';
    try {
      parseSettings([], { PORT: 'x', MCC_RATE_LIMIT: '-1', MCC_CONTROL_USERS: 'secret-without-colon' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split('\n')).toEqual([
      'PORT must be a whole number from 0 to 65535, not "x"',
      'MCC_CONTROL_USERS must be a comma-separated list of user:password (an entry has no password)',
      'MCC_RATE_LIMIT must be a whole number from 0 to 1000000, not "-1"',
    ]);
    expect(message).not.toContain('secret-without-colon');
  });

  test('--help is printed from the table: every flag and variable, with its default', () => {
    for (const [key, row] of Object.entries(SETTINGS_TABLE)) {
      const setting = row as Setting;
      if (setting.flag) expect(HELP, key).toContain(`--${setting.flag}`);
      if (setting.env) expect(HELP, key).toContain(setting.env);
      if (setting.defaultText) expect(HELP, key).toContain(`(default ${setting.defaultText})`);
      expect(setting.secret && setting.flag, `${key}: a secret has no flag`).toBeFalsy();
    }
    expect(HELP).toMatch(/^ {2}--port N, PORT +port to listen on; 0 picks a free one \(default 8080\)$/m);
    expect(renderHelp({ extra: { ...SETTINGS_TABLE.port, flag: 'extra', env: 'MCC_EXTRA' } })).toContain(
      '--extra N, MCC_EXTRA',
    );
  });

  test('a flag wins over its variable; an empty variable counts as not set; switches from either', () => {
    expect(parseSettings(['--host', '::1'], { HOST: '0.0.0.0' }).host).toBe('::1');
    expect(parseSettings([], { PORT: '', MCC_STORE: '' })).toMatchObject({
      port: 8080,
      store: 'sqlite:.data',
    });
    expect(parseSettings(['--trust-proxy'], {}).trustProxy).toBe(true);
    expect(parseSettings([], { MCC_TRUST_PROXY: 'off' }).trustProxy).toBe(false);
    expect(parseSettings(['-h'], {}).help).toBe(true);
    expect(parseSettings(['--config-check', 'cc.yaml'], {}).configCheck).toBe('cc.yaml');
    expect(() => parseSettings(['stray'], {})).toThrow(/positional/i);
  });

  test('DEFAULT_LIMITS come from the table', () => {
    expect(DEFAULT_LIMITS).toEqual({
      maxConnections: 1000,
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 5000,
      maxConnectionsPerClient: 64,
      writeStallTimeoutMs: 15_000,
    });
    expect(parseSettings(['--rate-limit', '4', '--rate-burst', '3'], {}).rateLimit).toEqual({
      perSecond: 4,
      burst: 3,
    });
  });
});
