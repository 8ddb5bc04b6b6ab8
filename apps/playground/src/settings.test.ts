import { describe, expect, test } from 'vitest';
import { parseSettings } from './settings.js';

describe('settings', () => {
  test('defaults: 127.0.0.1:8080 on the SQLite store under .data', () => {
    expect(parseSettings([], {})).toEqual({
      port: 8080,
      host: '127.0.0.1',
      store: 'sqlite:.data',
      config: undefined,
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
      'PORT must be a number from 0 to 65535, not "eighty"',
    );
    expect(() => parseSettings(['--port', '70000'], {})).toThrow(/PORT must be a number/);
    expect(() => parseSettings([], { MCC_STORE: 'redis://x' })).toThrow(
      'MCC_STORE must be sqlite:<directory>, memory: or postgres://…, not "redis://x"',
    );
    expect(parseSettings(['--store', 'postgres://u:p@127.0.0.1/mcc'], {}).store).toBe(
      'postgres://u:p@127.0.0.1/mcc',
    );
    expect(parseSettings([], { MCC_CONFIG: 'cc.yaml' }).config).toBe('cc.yaml');
    expect(() => parseSettings(['--nope'], {})).toThrow(/Unknown option/);
  });
});
