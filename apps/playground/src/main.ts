#!/usr/bin/env node
import { ConfigFileError, checkConfigFile } from './config-file.js';
import { createLogger } from './logger.js';
import { startPlayground } from './server.js';
import { HELP, parseSettings, SettingsError } from './settings.js';

const logger = createLogger();

async function main(): Promise<void> {
  const settings = parseSettings(process.argv.slice(2), process.env);
  if (settings.help) {
    console.log(HELP);
    return;
  }
  if (settings.configCheck !== undefined) {
    console.log(checkConfigFile(settings.configCheck));
    return;
  }
  // Ctrl-C reaches us more than once: from the terminal (the whole process group) and forwarded by
  // each pnpm/npx in between. A repeat while stopping is ignored, so the stop stays clean (exit 0).
  // The handlers are in place before the server starts: a Ctrl-C during the start, or right after
  // the URL is printed, still stops it cleanly.
  const starting = startPlayground({ ...settings, logger });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    starting
      .then((playground) => playground.close())
      .then(
        () => {
          logger.info('stopped');
          process.exit(0);
        },
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  const playground = await starting;
  const secured = (set: { users?: object; apiKeys?: readonly string[] }) =>
    Object.keys(set.users ?? {}).length + (set.apiKeys?.length ?? 0) > 0;
  logger.info(
    {
      url: playground.url,
      store: settings.store,
      config: settings.config ?? 'demo',
      credentials: { mcc: secured(settings.mccCredentials), control: secured(settings.controlCredentials) },
      rateLimit: settings.rateLimit ?? 'off',
    },
    'listening',
  );
  console.log(`\n  MCC playground: ${playground.url}/  (console)`);
  console.log(`  REST  ${playground.url}/mc/cxf/rest/json   WADL ${playground.url}/mc/cxf/rest?_wadl`);
  console.log(`  SOAP  ${playground.url}/mc/cxf/soap        WSDL ${playground.url}/mc/cxf/soap?wsdl\n`);
}

main().catch((error: unknown) => {
  const known =
    error instanceof SettingsError || error instanceof ConfigFileError || (error as { code?: string }).code;
  console.error(`mcc-playground: ${known ? (error as Error).message : String(error)}`);
  process.exit(2);
});
