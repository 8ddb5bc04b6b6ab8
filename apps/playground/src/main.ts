#!/usr/bin/env node
import { HELP, parseSettings, SettingsError } from './settings.js';
import { startPlayground } from './server.js';

try {
  const settings = parseSettings(process.argv.slice(2), process.env);
  if (settings.help) {
    console.log(HELP);
  } else {
    const playground = await startPlayground(settings);
    console.log(`MCC playground listening on ${playground.url} (store ${settings.store})`);
    console.log(`  REST  ${playground.url}/mc/cxf/rest/json   WADL ${playground.url}/mc/cxf/rest?_wadl`);
    console.log(`  SOAP  ${playground.url}/mc/cxf/soap        WSDL ${playground.url}/mc/cxf/soap?wsdl`);
    const stop = async (signal: string) => {
      console.log(`${signal}: shutting down`);
      await playground.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
  }
} catch (error) {
  const message = error instanceof SettingsError || (error as { code?: string }).code ? (error as Error).message : String(error);
  console.error(`mcc-playground: ${message}`);
  process.exit(2);
}
