import { parseArgs } from 'node:util';
import { isStoreUrl } from './open-store.js';

/** What the server runs with. */
export interface Settings {
  port: number;
  host: string;
  /** `memory:`, `sqlite:<directory>` or `postgres://…`. */
  store: string;
  /** A contact-center configuration file (JSON or YAML); undefined: the demo contact center. */
  config: string | undefined;
  help: boolean;
}

export const HELP = `mcc-playground — a local TVox MultiChannel Connector on a simulated contact center

Usage: mcc-playground [--port N] [--host ADDR] [--store URL] [--config FILE]

  --port,   PORT        port to listen on (default 8080; 0 picks a free one)
  --host,   HOST        address to bind (default 127.0.0.1)
  --store,  MCC_STORE   sqlite:<directory> (default sqlite:.data), memory:, or postgres://user:pass@host/db
  --config, MCC_CONFIG  contact-center configuration, JSON or YAML (default: the demo contact center)
  --help                this text

Flags win over environment variables. LOG_LEVEL sets the log level (default info).`;

/** A setting that cannot be used, with a message for the person who gave it. */
export class SettingsError extends Error {
  override readonly name = 'SettingsError';
}

/** Reads settings from flags, then environment, then defaults. */
export function parseSettings(argv: readonly string[], env: NodeJS.ProcessEnv): Settings {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        store: { type: 'string' },
        config: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new SettingsError((error as Error).message);
  }
  const portText = (values.port as string | undefined) ?? env.PORT ?? '8080';
  const port = Number(portText);
  if (!/^\d+$/.test(portText.trim()) || port > 65535) {
    throw new SettingsError(`PORT must be a number from 0 to 65535, not "${portText}"`);
  }
  const store = (values.store as string | undefined) ?? env.MCC_STORE ?? 'sqlite:.data';
  if (!isStoreUrl(store)) {
    throw new SettingsError(`MCC_STORE must be sqlite:<directory>, memory: or postgres://…, not "${store}"`);
  }
  const host = (values.host as string | undefined) ?? env.HOST ?? '127.0.0.1';
  if (host.trim() === '') throw new SettingsError('HOST must not be empty');
  return {
    port,
    host,
    store,
    config: ((values.config as string | undefined) ?? env.MCC_CONFIG) || undefined,
    help: Boolean(values.help),
  };
}
