import type { CredentialChecker } from '@mcc/http';
import type { SoapCredentials } from '../server/create-soap-handler.js';
import { createReplayGuard, type ReplayGuardOptions } from './replay-guard.js';
import { type UsernameToken, verifyUsernameToken } from './ws-security.js';

/**
 * Verifies UsernameTokens against the users of `checker`: fresh `wsu:Created`, unused nonce
 * (see {@link createReplayGuard}), then the password (clear or digest) in constant time.
 */
export function usernameTokenVerifier(
  checker: CredentialChecker,
  options: ReplayGuardOptions = {},
): (token: UsernameToken) => Promise<boolean> {
  const guard = createReplayGuard(options);
  return async (token) => {
    if (guard.check(token) !== undefined) return false;
    const valid = await checker.checkProof(token.username, (password) =>
      verifyUsernameToken(token, password),
    );
    return valid && guard.remember(token);
  };
}

/**
 * An `authenticate` option for `createSoapHandler` that accepts the users of `checker` by HTTP
 * Basic or by WS-Security UsernameToken (text or digest, with replay protection). A request must
 * carry at least one of the two, and every one it carries must be valid.
 */
export function soapAuthenticator(
  checker: CredentialChecker,
  options: ReplayGuardOptions = {},
): (credentials: SoapCredentials) => Promise<boolean> {
  const verifyToken = usernameTokenVerifier(checker, options);
  return async ({ basic, usernameToken }) => {
    if (!basic && !usernameToken) return false;
    if (basic && !(await checker.checkPassword(basic.username, basic.password))) return false;
    return usernameToken === undefined || verifyToken(usernameToken);
  };
}
