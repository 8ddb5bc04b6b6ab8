import { describe, expect, test } from 'vitest';
import { HELP, parseSettings } from './settings.js';

describe('gateway settings', () => {
  test('--upstream, --record, --webhook with MCC_WEBHOOK_SECRET fold into `gateway`', () => {
    const settings = parseSettings(
      ['--upstream', 'soap:https://tvox.example.com/mc/cxf/soap?wsdl', '--record', 'rec/trial-1'],
      { MCC_WEBHOOKS: 'http://127.0.0.1:9000/a, https://hooks.example.com/b', MCC_WEBHOOK_SECRET: 's3cret' },
    );
    expect(settings.gateway).toEqual({
      upstream: 'soap:https://tvox.example.com/mc/cxf/soap?wsdl',
      upstreamTimeoutMs: 10_000,
      record: 'rec/trial-1',
      webhooks: [
        { url: 'http://127.0.0.1:9000/a', secret: 's3cret' },
        { url: 'https://hooks.example.com/b', secret: 's3cret' },
      ],
    });
    expect(parseSettings(['--replay', 'rec/trial-1', '--upstream-timeout', '500'], {}).gateway).toEqual({
      replay: 'rec/trial-1',
      upstreamTimeoutMs: 500,
    });
  });

  test('unusable combinations and values are refused with a readable message', () => {
    expect(() => parseSettings(['--upstream', 'http://tvox/mc'], {})).toThrow(
      'MCC_UPSTREAM is not usable: "http://tvox/mc" is not rest:<base URL> or soap:<WSDL URL>',
    );
    expect(() => parseSettings(['--upstream', 'rest:https://u:p@tvox/mc'], {})).toThrow(
      'must not carry credentials',
    );
    expect(() => parseSettings(['--upstream', 'rest:http://a/b', '--replay', 'x'], {})).toThrow(
      '--upstream and --replay exclude each other',
    );
    expect(() => parseSettings(['--record', 'x'], {})).toThrow('--record needs --upstream');
    expect(() => parseSettings(['--webhook', 'http://127.0.0.1:9000/a'], {})).toThrow(
      '--webhook needs the shared secret in MCC_WEBHOOK_SECRET',
    );
    expect(() => parseSettings(['--webhook', 'ftp://x/y'], { MCC_WEBHOOK_SECRET: 's' })).toThrow(
      'MCC_WEBHOOKS must be a comma-separated list of http(s) URLs',
    );
    // The secret is never echoed.
    expect(HELP).toContain('MCC_WEBHOOK_SECRET');
    expect(HELP).toContain('--upstream URL, MCC_UPSTREAM');
  });
});
