import { readFileSync } from 'node:fs';
import { SettingsError } from './settings/settings-error.js';

/** The PEM certificate (chain) and private key HTTPS is served with. */
export interface TlsFiles {
  certFile: string;
  keyFile: string;
}

function read(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new SettingsError(`cannot read the TLS ${what} ${path}: ${(error as NodeJS.ErrnoException).code}`);
  }
}

/** Reads the certificate and key for `https.createServer`. */
export function readTlsFiles(files: TlsFiles): { cert: Buffer; key: Buffer } {
  return { cert: read(files.certFile, 'certificate'), key: read(files.keyFile, 'key') };
}
