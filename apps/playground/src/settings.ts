import { parseArgs } from 'node:util';

/** What the server runs with. */
export interface Settings {
  port: number;
  host: string;
  /** `memory:` or `sqlite:<directory>`. */
  store: string;
  help: boolean;
}

export const HELP = `mcc-playground — a local TVox MultiChannel Connector on a simulated contact center

Usage: mcc-playground [--port N] [--host ADDR] [--store URL]

  --port, PORT        port to listen on (default 8080; 0 picks a free one)
  --host, HOST        address to bind (default 127.0.0.1)
  --store, MCC_STORE  sqlite:<directory> (default sqlite:.data) or memory:
  --help              this text

Flags win over environment variables.`;

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
  if (!/^(memory:|sqlite:.+)$/.test(store)) {
    throw new SettingsError(`MCC_STORE must be memory: or sqlite:<directory>, not "${store}"`);
  }
  return {
    port,
    host: (values.host as string | undefined) ?? env.HOST ?? '127.0.0.1',
    store,
    help: Boolean(values.help),
  };
}
