import { isIP } from 'node:net';
import type { CredentialSet } from '@mcc/http';
import { SettingsError } from './settings/settings-error.js';

/** Whether `host` only accepts connections from this machine. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6)
    return bare === '::1' || /^(0{1,4}:){7}0{0,3}1$/.test(bare) || /^::ffff:127\./.test(bare);
  return false;
}

function isEmpty(set: CredentialSet | undefined): boolean {
  return Object.keys(set?.users ?? {}).length === 0 && (set?.apiKeys ?? []).length === 0;
}

/**
 * The safe default: endpoints without credentials are only served on loopback. Returns the parts
 * left open on a non-loopback `host` (to warn about, when `insecure`); throws when there are some
 * and `insecure` is not set.
 */
export function checkExposure(options: {
  host: string;
  mccCredentials?: CredentialSet | undefined;
  controlCredentials?: CredentialSet | undefined;
  insecure?: boolean | undefined;
}): string[] {
  if (isLoopback(options.host)) return [];
  const open: string[] = [];
  if (isEmpty(options.mccCredentials)) open.push('the MCC endpoints (set MCC_USERS or MCC_API_KEYS)');
  if (isEmpty(options.controlCredentials))
    open.push('the control API and console (set MCC_CONTROL_USERS or MCC_CONTROL_API_KEYS)');
  if (open.length && !options.insecure) {
    throw new SettingsError(
      `refusing to listen on ${options.host} with no credentials for ${open.join(' and ')}; ` +
        'bind 127.0.0.1, give credentials (docs/security.md), or pass --insecure to expose them anyway',
    );
  }
  return open;
}
