import { parseUpstream } from '@mcc/gateway';
import { z } from 'zod';
import { isStoreUrl } from '../open-store.js';
import { keyList, onOff, optionalText, setting, text, userList, wholeNumber } from './setting.js';

/**
 * The playground's settings, one row each: flag, environment variable, `--help` line and schema.
 * The one source of truth for all three: `parseSettings` reads flags and environment through it and
 * `--help` is printed from it. To add a setting, add a row here (docs/configuration.md, "Adding a
 * setting"): its value appears in `Settings` under the row's key.
 */
export const SETTINGS_TABLE = {
  port: setting({
    flag: 'port',
    env: 'PORT',
    arg: 'N',
    group: 'server',
    help: 'port to listen on; 0 picks a free one',
    defaultText: '8080',
    schema: wholeNumber(0, 65535, 8080),
  }),
  host: setting({
    flag: 'host',
    env: 'HOST',
    arg: 'ADDR',
    group: 'server',
    help: 'address to bind',
    defaultText: '127.0.0.1',
    schema: text('127.0.0.1'),
  }),
  store: setting({
    flag: 'store',
    env: 'MCC_STORE',
    arg: 'URL',
    group: 'server',
    help: 'sqlite:<directory>, memory:, or postgres://user:pass@host/db',
    defaultText: 'sqlite:.data',
    schema: text('sqlite:.data').refine(isStoreUrl, 'must be sqlite:<directory>, memory: or postgres://…'),
  }),
  storePool: setting({
    flag: 'store-pool',
    env: 'MCC_STORE_POOL',
    arg: 'N',
    group: 'server',
    help: "a postgres:// store's connections on this node; split the database's among its nodes",
    defaultText: '10',
    schema: wholeNumber(1, 1000, undefined),
  }),
  config: setting({
    flag: 'config',
    env: 'MCC_CONFIG',
    arg: 'FILE',
    group: 'server',
    help: 'contact-center configuration, JSON or YAML (docs/configuration.md)',
    defaultText: 'the demo contact center',
    schema: optionalText().transform((value) => value || undefined),
  }),
  configCheck: setting({
    flag: 'config-check',
    arg: 'FILE',
    group: 'server',
    help: 'validate a configuration file and exit (0: valid; 2: each problem at file:line:column)',
    schema: optionalText(),
  }),
  help: setting({
    flag: 'help',
    short: 'h',
    switch: true,
    group: 'server',
    help: 'this text',
    schema: onOff(),
  }),
  credentials: setting({
    flag: 'credentials',
    env: 'MCC_CREDENTIALS',
    arg: 'FILE',
    group: 'access',
    help: 'a JSON or YAML file: { mcc: { users, apiKeys }, control: { users, apiKeys } }',
    schema: optionalText(),
  }),
  mccUsers: setting({
    env: 'MCC_USERS',
    secret: true,
    group: 'access',
    help: 'user:password,… allowed on REST and SOAP (HTTP Basic, WS-Security UsernameToken)',
    schema: userList(),
  }),
  mccApiKeys: setting({
    env: 'MCC_API_KEYS',
    secret: true,
    group: 'access',
    help: 'key,… allowed on REST as Authorization: Bearer <key>',
    schema: keyList(),
  }),
  controlUsers: setting({
    env: 'MCC_CONTROL_USERS',
    secret: true,
    group: 'access',
    help: 'user:password,… allowed on the control API, the console and /metrics',
    schema: userList(),
  }),
  controlApiKeys: setting({
    env: 'MCC_CONTROL_API_KEYS',
    secret: true,
    group: 'access',
    help: 'key,… the same, as bearer keys',
    schema: keyList(),
  }),
  insecure: setting({
    flag: 'insecure',
    env: 'MCC_INSECURE',
    switch: true,
    group: 'access',
    help: 'listen on a non-loopback --host without credentials (logs a warning)',
    schema: onOff(),
  }),
  tlsCert: setting({
    flag: 'tls-cert',
    env: 'MCC_TLS_CERT',
    arg: 'FILE',
    group: 'access',
    help: 'serve HTTPS with this PEM certificate (with --tls-key)',
    schema: optionalText(),
  }),
  tlsKey: setting({
    flag: 'tls-key',
    env: 'MCC_TLS_KEY',
    arg: 'FILE',
    group: 'access',
    help: "the certificate's PEM private key",
    schema: optionalText(),
  }),
  trustProxy: setting({
    flag: 'trust-proxy',
    env: 'MCC_TRUST_PROXY',
    switch: true,
    group: 'access',
    help: 'behind a reverse proxy: client address and URL from X-Forwarded-*',
    schema: onOff(),
  }),
  maxConnections: setting({
    flag: 'max-connections',
    env: 'MCC_MAX_CONNECTIONS',
    arg: 'N',
    group: 'limits',
    help: 'open connections',
    defaultText: '1000',
    schema: wholeNumber(1, 1_000_000, 1000),
  }),
  maxConnectionsPerClient: setting({
    flag: 'max-client-connections',
    env: 'MCC_MAX_CLIENT_CONNECTIONS',
    arg: 'N',
    group: 'limits',
    help: 'open connections per client address',
    defaultText: '64',
    schema: wholeNumber(1, 1_000_000, 64),
  }),
  headersTimeoutMs: setting({
    flag: 'headers-timeout',
    env: 'MCC_HEADERS_TIMEOUT_MS',
    arg: 'MS',
    group: 'limits',
    help: 'ms to send the request headers (slow-loris guard)',
    defaultText: '10000',
    schema: wholeNumber(100, 600_000, 10_000),
  }),
  requestTimeoutMs: setting({
    flag: 'request-timeout',
    env: 'MCC_REQUEST_TIMEOUT_MS',
    arg: 'MS',
    group: 'limits',
    help: 'ms to send a whole request',
    defaultText: '30000',
    schema: wholeNumber(100, 3_600_000, 30_000),
  }),
  keepAliveTimeoutMs: setting({
    flag: 'keep-alive-timeout',
    env: 'MCC_KEEP_ALIVE_TIMEOUT_MS',
    arg: 'MS',
    group: 'limits',
    help: 'ms an idle connection stays open',
    defaultText: '5000',
    schema: wholeNumber(100, 600_000, 5000),
  }),
  writeStallTimeoutMs: setting({
    flag: 'write-stall-timeout',
    env: 'MCC_WRITE_STALL_TIMEOUT_MS',
    arg: 'MS',
    group: 'limits',
    help: 'ms answers may wait unread before the connection is closed',
    defaultText: '15000',
    schema: wholeNumber(100, 3_600_000, 15_000),
  }),
  rateLimit: setting({
    flag: 'rate-limit',
    env: 'MCC_RATE_LIMIT',
    arg: 'N',
    group: 'limits',
    help: 'REST/SOAP requests per second per client',
    defaultText: 'off',
    schema: wholeNumber(0, 1_000_000, 0),
  }),
  rateBurst: setting({
    flag: 'rate-burst',
    env: 'MCC_RATE_BURST',
    arg: 'N',
    group: 'limits',
    help: 'burst above the rate',
    defaultText: '2 × rate',
    schema: wholeNumber(1, 10_000_000, undefined),
  }),
  upstream: setting({
    flag: 'upstream',
    env: 'MCC_UPSTREAM',
    arg: 'URL',
    group: 'gateway',
    help: 'serve a real MCC instead of the simulator: rest:<base URL> or soap:<WSDL URL>',
    schema: optionalText().superRefine((value, ctx) => {
      if (value === undefined) return;
      try {
        parseUpstream(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: `is not usable: ${(error as Error).message}` });
      }
    }),
  }),
  upstreamTimeoutMs: setting({
    flag: 'upstream-timeout',
    env: 'MCC_UPSTREAM_TIMEOUT_MS',
    arg: 'MS',
    group: 'gateway',
    help: 'deadline of each upstream call, retries included',
    defaultText: '10000',
    schema: wholeNumber(100, 600_000, 10_000),
  }),
  record: setting({
    flag: 'record',
    env: 'MCC_RECORD',
    arg: 'DIR',
    group: 'gateway',
    help: 'record every exchange with the upstream into this new or empty directory',
    schema: optionalText(),
  }),
  replay: setting({
    flag: 'replay',
    env: 'MCC_REPLAY',
    arg: 'DIR',
    group: 'gateway',
    help: 'answer from a recording instead of the simulator',
    schema: optionalText(),
  }),
  webhooks: setting({
    flag: 'webhook',
    env: 'MCC_WEBHOOKS',
    arg: 'URL,…',
    group: 'gateway',
    help: 'POST each session status change, signed, to these http(s) URLs',
    schema: z
      .string()
      .optional()
      .transform((value) =>
        (value ?? '')
          .split(',')
          .map((url) => url.trim())
          .filter(Boolean),
      )
      .pipe(
        z.array(z.url({ protocol: /^https?$/, error: 'must be a comma-separated list of http(s) URLs' })),
      ),
  }),
  webhookSecret: setting({
    env: 'MCC_WEBHOOK_SECRET',
    secret: true,
    group: 'gateway',
    help: 'the shared secret webhooks are signed with (HMAC-SHA256)',
    schema: optionalText(),
  }),
};

/** The settings table's rows by key. */
export type SettingsTable = typeof SETTINGS_TABLE;

/** The value of each row of the table, as its schema gives it. */
export type SettingValues = { [K in keyof SettingsTable]: z.output<SettingsTable[K]['schema']> };
