import pino from 'pino';

/** The server's structured logger: one JSON object per line on stdout. */
export type Logger = pino.Logger;

/** A logger at `level` (default `info`; `silent` for tests). */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime });
}
