import type { IncomingMessage } from 'node:http';
import { type CredentialChecker, readAuthorization } from '@mcc/http';

/** Credentials a REST request carried, handed to `RestHandlerOptions.authenticate`. */
export interface RestCredentials {
  /** From `Authorization: Basic …`. */
  basic?: { username: string; password: string };
  /** From `Authorization: Bearer …` (an API key). */
  bearer?: string;
}

/** The challenges a 401 answer offers: the two schemes the handler reads. */
export const REST_CHALLENGES: readonly string[] = [
  'Basic realm="MCC", charset="UTF-8"',
  'Bearer realm="MCC"',
];

/** The credentials of `req`'s `Authorization` header (none when absent or unreadable). */
export function restCredentials(req: IncomingMessage): RestCredentials {
  const auth = readAuthorization(req.headers.authorization);
  if (auth?.scheme === 'basic') return { basic: { username: auth.username, password: auth.password } };
  if (auth?.scheme === 'bearer') return { bearer: auth.token };
  return {};
}

/**
 * An `authenticate` option that accepts the users of `checker` (HTTP Basic) and its API keys
 * (bearer), compared in constant time.
 */
export function restAuthenticator(
  checker: CredentialChecker,
): (credentials: RestCredentials) => Promise<boolean> {
  return async ({ basic, bearer }) => {
    if (basic) return checker.checkPassword(basic.username, basic.password);
    if (bearer !== undefined) return checker.checkApiKey(bearer);
    return false;
  };
}
