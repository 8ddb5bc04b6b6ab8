import { parseArgs } from 'node:util';
import type { CredentialSet } from '@mcc/http';
import { readCredentialsFile } from './credentials-file.js';
import { isStoreUrl } from './open-store.js';

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
}

/** A per-client token bucket: `perSecond` requests on average, bursts of up to `burst`. */
export interface RateLimitSettings {
  perSecond: number;
  burst: number;
}

/** What the server runs with. */
export interface Settings {
  port: number;
  host: string;
  /** `memory:`, `sqlite:<directory>` or `postgres://…`. */
  store: string;
  /** A contact-center configuration file (JSON or YAML); undefined: the demo contact center. */
  config: string | undefined;
  /** Who may call REST and SOAP (empty: anyone). */
  mccCredentials: CredentialSet;
  /** Who may use the control API, the console and `/metrics` (empty: anyone). */
  controlCredentials: CredentialSet;
  /** Listen on a non-loopback address even though some endpoints have no credentials. */
  insecure: boolean;
  /** Behind a reverse proxy: read the client address and public URL from `X-Forwarded-*`. */
  trustProxy: boolean;
  /** Serve HTTPS with this certificate and key (PEM files). */
  tls: { certFile: string; keyFile: string } | undefined;
  limits: ServerLimits;
  /** Per-client rate limit of the MCC endpoints; undefined: none. */
  rateLimit: RateLimitSettings | undefined;
  help: boolean;
}

export const DEFAULT_LIMITS: ServerLimits = {
  maxConnections: 1000,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
};

export const HELP = `mcc-playground — a local TVox MultiChannel Connector on a simulated contact center

Usage: mcc-playground [--port N] [--host ADDR] [--store URL] [--config FILE] [options]

  --port,   PORT        port to listen on (default 8080; 0 picks a free one)
  --host,   HOST        address to bind (default 127.0.0.1)
  --store,  MCC_STORE   sqlite:<directory> (default sqlite:.data), memory:, or postgres://user:pass@host/db
  --config, MCC_CONFIG  contact-center configuration, JSON or YAML (default: the demo contact center)
  --help                this text

Access control (docs/security.md); secrets come from the environment or a file, never flags:
  MCC_USERS           user:password,… allowed on REST and SOAP (HTTP Basic, WS-Security UsernameToken)
  MCC_API_KEYS        key,… allowed on REST as Authorization: Bearer <key>
  MCC_CONTROL_USERS   user:password,… allowed on the control API, the console and /metrics
  MCC_CONTROL_API_KEYS  key,… the same, as bearer keys
  --credentials, MCC_CREDENTIALS  a JSON or YAML file: { mcc: { users, apiKeys }, control: { users, apiKeys } }
  --insecure, MCC_INSECURE=true   listen on a non-loopback --host without credentials (logs a warning)
  --tls-cert, MCC_TLS_CERT / --tls-key, MCC_TLS_KEY   serve HTTPS with this PEM certificate and key
  --trust-proxy, MCC_TRUST_PROXY=true  behind a reverse proxy: client address and URL from X-Forwarded-*

Limits:
  --max-connections,    MCC_MAX_CONNECTIONS        open connections (default 1000)
  --headers-timeout,    MCC_HEADERS_TIMEOUT_MS     ms to send the request headers (default 10000)
  --request-timeout,    MCC_REQUEST_TIMEOUT_MS     ms to send a whole request (default 30000)
  --keep-alive-timeout, MCC_KEEP_ALIVE_TIMEOUT_MS  ms an idle connection stays open (default 5000)
  --rate-limit,         MCC_RATE_LIMIT             REST/SOAP requests per second per client (default off)
  --rate-burst,         MCC_RATE_BURST             burst above the rate (default 2 × rate)

Flags win over environment variables. LOG_LEVEL sets the log level (default info).`;

/** A setting that cannot be used, with a message for the person who gave it. */
export class SettingsError extends Error {
  override readonly name = 'SettingsError';
}

const FLAGS = {
  port: { type: 'string' },
  host: { type: 'string' },
  store: { type: 'string' },
  config: { type: 'string' },
  credentials: { type: 'string' },
  insecure: { type: 'boolean' },
  'trust-proxy': { type: 'boolean' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'max-connections': { type: 'string' },
  'headers-timeout': { type: 'string' },
  'request-timeout': { type: 'string' },
  'keep-alive-timeout': { type: 'string' },
  'rate-limit': { type: 'string' },
  'rate-burst': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = { [K in keyof typeof FLAGS]?: (typeof FLAGS)[K]['type'] extends 'boolean' ? boolean : string };

/** A whole number from `min` to `max`, from a flag, else the environment, else `fallback`. */
function integer(text: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (text === undefined || text.trim() === '') return fallback;
  const value = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || value < min || value > max)
    throw new SettingsError(`${name} must be a whole number from ${min} to ${max}, not "${text}"`);
  return value;
}

function flag(value: boolean | undefined, text: string | undefined, name: string): boolean {
  if (value) return true;
  if (text === undefined || text === '') return false;
  if (/^(1|true|yes|on)$/i.test(text)) return true;
  if (/^(0|false|no|off)$/i.test(text)) return false;
  throw new SettingsError(`${name} must be true or false, not "${text}"`);
}

/** `user:password,user2:password2` (each split at its first colon). */
function users(text: string | undefined, name: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of (text ?? '').split(',')) {
    if (item.trim() === '') continue;
    const colon = item.indexOf(':');
    const user = item.slice(0, Math.max(0, colon)).trim();
    if (colon < 0 || user === '' || colon === item.length - 1)
      throw new SettingsError(
        `${name} must be a comma-separated list of user:password (an entry has no password)`,
      );
    out[user] = item.slice(colon + 1);
  }
  return out;
}

function keys(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter(Boolean);
}

function merge(file: CredentialSet | undefined, env: CredentialSet): CredentialSet {
  return {
    users: { ...file?.users, ...env.users },
    apiKeys: [...(file?.apiKeys ?? []), ...(env.apiKeys ?? [])],
  };
}

/** Reads settings from flags, then environment, then defaults. */
export function parseSettings(argv: readonly string[], env: NodeJS.ProcessEnv): Settings {
  let values: Values;
  try {
    ({ values } = parseArgs({ args: [...argv], options: FLAGS, strict: true }));
  } catch (error) {
    throw new SettingsError((error as Error).message);
  }
  const portText = values.port ?? env.PORT ?? '8080';
  const port = Number(portText);
  if (!/^\d+$/.test(portText.trim()) || port > 65535) {
    throw new SettingsError(`PORT must be a number from 0 to 65535, not "${portText}"`);
  }
  const store = values.store ?? env.MCC_STORE ?? 'sqlite:.data';
  if (!isStoreUrl(store)) {
    throw new SettingsError(`MCC_STORE must be sqlite:<directory>, memory: or postgres://…, not "${store}"`);
  }
  const host = values.host ?? env.HOST ?? '127.0.0.1';
  if (host.trim() === '') throw new SettingsError('HOST must not be empty');

  const credentialsFile = values.credentials ?? env.MCC_CREDENTIALS;
  const file = credentialsFile ? readCredentialsFile(credentialsFile) : undefined;
  const mccCredentials = merge(file?.mcc, {
    users: users(env.MCC_USERS, 'MCC_USERS'),
    apiKeys: keys(env.MCC_API_KEYS),
  });
  const controlCredentials = merge(file?.control, {
    users: users(env.MCC_CONTROL_USERS, 'MCC_CONTROL_USERS'),
    apiKeys: keys(env.MCC_CONTROL_API_KEYS),
  });

  const certFile = values['tls-cert'] ?? env.MCC_TLS_CERT;
  const keyFile = values['tls-key'] ?? env.MCC_TLS_KEY;
  if (Boolean(certFile) !== Boolean(keyFile))
    throw new SettingsError('HTTPS needs both a certificate (--tls-cert) and its key (--tls-key)');

  const limits: ServerLimits = {
    maxConnections: integer(
      values['max-connections'] ?? env.MCC_MAX_CONNECTIONS,
      'MCC_MAX_CONNECTIONS',
      DEFAULT_LIMITS.maxConnections,
      1,
      1_000_000,
    ),
    headersTimeoutMs: integer(
      values['headers-timeout'] ?? env.MCC_HEADERS_TIMEOUT_MS,
      'MCC_HEADERS_TIMEOUT_MS',
      DEFAULT_LIMITS.headersTimeoutMs,
      100,
      600_000,
    ),
    requestTimeoutMs: integer(
      values['request-timeout'] ?? env.MCC_REQUEST_TIMEOUT_MS,
      'MCC_REQUEST_TIMEOUT_MS',
      DEFAULT_LIMITS.requestTimeoutMs,
      100,
      3_600_000,
    ),
    keepAliveTimeoutMs: integer(
      values['keep-alive-timeout'] ?? env.MCC_KEEP_ALIVE_TIMEOUT_MS,
      'MCC_KEEP_ALIVE_TIMEOUT_MS',
      DEFAULT_LIMITS.keepAliveTimeoutMs,
      100,
      600_000,
    ),
  };
  if (limits.requestTimeoutMs < limits.headersTimeoutMs)
    throw new SettingsError('MCC_REQUEST_TIMEOUT_MS must not be shorter than MCC_HEADERS_TIMEOUT_MS');
  const perSecond = integer(values['rate-limit'] ?? env.MCC_RATE_LIMIT, 'MCC_RATE_LIMIT', 0, 0, 1_000_000);
  const burst = integer(
    values['rate-burst'] ?? env.MCC_RATE_BURST,
    'MCC_RATE_BURST',
    2 * perSecond,
    1,
    10_000_000,
  );

  return {
    port,
    host,
    store,
    config: (values.config ?? env.MCC_CONFIG) || undefined,
    mccCredentials,
    controlCredentials,
    insecure: flag(values.insecure, env.MCC_INSECURE, 'MCC_INSECURE'),
    trustProxy: flag(values['trust-proxy'], env.MCC_TRUST_PROXY, 'MCC_TRUST_PROXY'),
    tls: certFile && keyFile ? { certFile, keyFile } : undefined,
    limits,
    rateLimit: perSecond > 0 ? { perSecond, burst } : undefined,
    help: Boolean(values.help),
  };
}
