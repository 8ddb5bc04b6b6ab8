import { parseArgs } from 'node:util';
import type { CredentialSet } from '@mcc/http';
import { readCredentialsFile } from './credentials-file.js';
import type { GatewayModeOptions } from './gateway-mode.js';
import { isPostgresUrl } from './open-store.js';
import type { Setting } from './settings/setting.js';
import { SettingsError } from './settings/settings-error.js';
import { renderHelp } from './settings/settings-help.js';
import { SETTINGS_TABLE, type SettingValues } from './settings/settings-table.js';

export { SettingsError } from './settings/settings-error.js';

/** Limits of the HTTP server against slow or greedy clients. */
export interface ServerLimits {
  /** Most open connections; further ones are closed at once. */
  maxConnections: number;
  /** Time a client has to send the request headers (slow-loris guard). */
  headersTimeoutMs: number;
  /** Time a client has to send a whole request, body included. */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open. */
  keepAliveTimeoutMs: number;
  /** Most open connections from one remote address (behind a proxy: the proxy's). */
  maxConnectionsPerClient: number;
  /** How long answers may wait unread (a client that stopped reading) before the connection is closed. */
  writeStallTimeoutMs: number;
}

/** A per-client token bucket: `perSecond` requests on average, bursts of up to `burst`. */
export interface RateLimitSettings {
  perSecond: number;
  burst: number;
}

/** The rows of the table that {@link parseSettings} folds into the composite settings below. */
type Folded =
  | keyof ServerLimits
  | 'credentials'
  | 'mccUsers'
  | 'mccApiKeys'
  | 'controlUsers'
  | 'controlApiKeys'
  | 'tlsCert'
  | 'tlsKey'
  | 'rateLimit'
  | 'rateBurst'
  | keyof Omit<GatewayModeOptions, 'webhooks'>
  | 'webhooks'
  | 'webhookSecret';

/**
 * What the server runs with: every row of the settings table under its key (port, host, store,
 * config, insecure, trustProxy, help, configCheck, and any row added later), with the rows below
 * folded together.
 */
export type Settings = Omit<SettingValues, Folded> & {
  /** Who may call REST and SOAP (empty: anyone): the credentials file, then the environment. */
  mccCredentials: CredentialSet;
  /** Who may use the control API, the console and `/metrics` (empty: anyone). */
  controlCredentials: CredentialSet;
  /** Serve HTTPS with this certificate and key (PEM files). */
  tls: { certFile: string; keyFile: string } | undefined;
  limits: ServerLimits;
  /** Per-client rate limit of the MCC endpoints; undefined: none. */
  rateLimit: RateLimitSettings | undefined;
  /** Gateway mode and webhooks (docs/gateway.md); empty: the simulator, no webhooks. */
  gateway: GatewayModeOptions;
};

const defaultOf = <K extends keyof ServerLimits>(key: K): number =>
  SETTINGS_TABLE[key].schema.parse(undefined) as number;

/** The limits when none is set (from the settings table). */
export const DEFAULT_LIMITS: ServerLimits = {
  maxConnections: defaultOf('maxConnections'),
  headersTimeoutMs: defaultOf('headersTimeoutMs'),
  requestTimeoutMs: defaultOf('requestTimeoutMs'),
  keepAliveTimeoutMs: defaultOf('keepAliveTimeoutMs'),
  maxConnectionsPerClient: defaultOf('maxConnectionsPerClient'),
  writeStallTimeoutMs: defaultOf('writeStallTimeoutMs'),
};

/** `--help`: every row of the settings table. */
export const HELP = renderHelp();

const ROWS: ReadonlyArray<readonly [keyof SettingValues, Setting]> = Object.entries(SETTINGS_TABLE) as never;

/** How an error message names a row: its variable, else its flag. */
const label = (row: Setting) => row.env ?? `--${row.flag}`;

/** The `parseArgs` options of the rows that have a flag. */
const FLAGS = Object.fromEntries(
  ROWS.filter(([, row]) => row.flag).map(([, row]) => [
    row.flag,
    { type: row.switch ? 'boolean' : 'string', ...(row.short ? { short: row.short } : {}) },
  ]),
) as Record<string, { type: 'boolean' | 'string'; short?: string }>;

/** Each row's text: its flag, else its variable (empty counts as not set), else undefined. */
function collect(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): Map<keyof SettingValues, string | undefined> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: [...argv], options: FLAGS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new SettingsError((error as Error).message);
  }
  const texts = new Map<keyof SettingValues, string | undefined>();
  for (const [key, row] of ROWS) {
    const flag = row.flag === undefined ? undefined : values[row.flag];
    const fromEnv = row.env === undefined ? undefined : env[row.env];
    texts.set(key, flag === undefined ? fromEnv || undefined : String(flag));
  }
  return texts;
}

/** Every row's value, or every problem at once, each naming its flag or variable. */
function read(texts: Map<keyof SettingValues, string | undefined>): SettingValues {
  const values = new Map<string, unknown>();
  const problems: string[] = [];
  for (const [key, row] of ROWS) {
    const given = texts.get(key);
    const result = row.schema.safeParse(given);
    if (result.success) values.set(key, result.data);
    else {
      const shown = row.secret || given === undefined ? '' : `, not "${given}"`;
      problems.push(`${label(row)} ${result.error.issues[0]?.message ?? 'is not valid'}${shown}`);
    }
  }
  if (problems.length) throw new SettingsError(problems.join('\n'));
  return Object.fromEntries(values) as SettingValues;
}

const merge = (file: CredentialSet | undefined, users: Record<string, string>, apiKeys: string[]) => ({
  users: { ...file?.users, ...users },
  apiKeys: [...(file?.apiKeys ?? []), ...apiKeys],
});

/** Reads settings from flags, then environment, then defaults (the settings table). */
export function parseSettings(argv: readonly string[], env: NodeJS.ProcessEnv): Settings {
  const {
    credentials,
    mccUsers,
    mccApiKeys,
    controlUsers,
    controlApiKeys,
    tlsCert,
    tlsKey,
    rateLimit,
    rateBurst,
    maxConnections,
    headersTimeoutMs,
    requestTimeoutMs,
    keepAliveTimeoutMs,
    maxConnectionsPerClient,
    writeStallTimeoutMs,
    upstream,
    upstreamTimeoutMs,
    record,
    replay,
    webhooks,
    webhookSecret,
    ...plain
  } = read(collect(argv, env));
  if (plain.storePool !== undefined && !isPostgresUrl(plain.store))
    throw new SettingsError('--store-pool (MCC_STORE_POOL) applies to a postgres:// store only');
  if (Boolean(tlsCert) !== Boolean(tlsKey))
    throw new SettingsError('HTTPS needs both a certificate (--tls-cert) and its key (--tls-key)');
  if (requestTimeoutMs < headersTimeoutMs)
    throw new SettingsError('MCC_REQUEST_TIMEOUT_MS must not be shorter than MCC_HEADERS_TIMEOUT_MS');
  if (upstream && replay) throw new SettingsError('--upstream and --replay exclude each other');
  if (record && !upstream) throw new SettingsError('--record needs --upstream (what to record)');
  if (webhooks.length && !webhookSecret)
    throw new SettingsError('--webhook needs the shared secret in MCC_WEBHOOK_SECRET');
  const file = credentials ? readCredentialsFile(credentials) : undefined;
  return {
    ...plain,
    mccCredentials: merge(file?.mcc, mccUsers, mccApiKeys),
    controlCredentials: merge(file?.control, controlUsers, controlApiKeys),
    tls: tlsCert && tlsKey ? { certFile: tlsCert, keyFile: tlsKey } : undefined,
    limits: {
      maxConnections,
      headersTimeoutMs,
      requestTimeoutMs,
      keepAliveTimeoutMs,
      maxConnectionsPerClient,
      writeStallTimeoutMs,
    },
    rateLimit: rateLimit > 0 ? { perSecond: rateLimit, burst: rateBurst ?? 2 * rateLimit } : undefined,
    gateway: {
      ...(upstream ? { upstream, upstreamTimeoutMs } : {}),
      ...(record ? { record } : {}),
      ...(replay ? { replay, upstreamTimeoutMs } : {}),
      ...(webhooks.length
        ? { webhooks: webhooks.map((url) => ({ url, secret: webhookSecret as string })) }
        : {}),
    },
  };
}
