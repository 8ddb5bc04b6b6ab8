import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type CredentialSet, createCredentialChecker } from '@mcc/http';
import { type RestCredentials, restAuthenticator, restCredentials } from '@mcc/rest-transport/server';
import { type SoapCredentials, soapAuthenticator } from '@mcc/soap-transport/server';
import { sendProblem } from './http-helpers.js';

/** Who may use what, as the transports and the control routes ask it. */
export interface Access {
  /** REST `authenticate` (Basic users, bearer keys); undefined: open. */
  rest: ((credentials: RestCredentials) => Promise<boolean>) | undefined;
  /** SOAP `authenticate` (Basic or UsernameToken, replay-protected); undefined: open. */
  soap: ((credentials: SoapCredentials) => Promise<boolean>) | undefined;
  /** Whether a request may use the control API, the console and `/metrics`; undefined: open. */
  control: ((req: IncomingMessage) => Promise<boolean>) | undefined;
  /**
   * The console's Try panel calls REST and SOAP over HTTP like any integrator: as this internal
   * user, whose password is drawn at start (never one of the configured users).
   */
  consoleUser: { username: string; password: string } | undefined;
}

function isEmpty(set: CredentialSet | undefined): boolean {
  return Object.keys(set?.users ?? {}).length === 0 && (set?.apiKeys ?? []).length === 0;
}

/** The access policy of the playground: MCC credentials for REST and SOAP, control credentials for the rest. */
export function createAccess(options: {
  mccCredentials?: CredentialSet | undefined;
  controlCredentials?: CredentialSet | undefined;
}): Access {
  const { mccCredentials: mcc, controlCredentials: control } = options;
  let consoleUser: Access['consoleUser'];
  let rest: Access['rest'];
  let soap: Access['soap'];
  if (!isEmpty(mcc)) {
    consoleUser = {
      username: `console-${randomBytes(4).toString('hex')}`,
      password: randomBytes(24).toString('base64url'),
    };
    const checker = createCredentialChecker({
      users: { ...mcc?.users, [consoleUser.username]: consoleUser.password },
      apiKeys: mcc?.apiKeys ?? [],
    });
    rest = restAuthenticator(checker);
    soap = soapAuthenticator(checker);
  }
  const controlCheck = isEmpty(control)
    ? undefined
    : restAuthenticator(createCredentialChecker(control ?? {}));
  return {
    rest,
    soap,
    control: controlCheck && ((req) => controlCheck(restCredentials(req))),
    consoleUser,
  };
}

/** The challenges of the control API's 401: browsers prompt for the first (Basic). */
const CONTROL_CHALLENGES = ['Basic realm="MCC control", charset="UTF-8"', 'Bearer realm="MCC control"'];

/**
 * Puts the control API, the console's files and `/metrics` behind `allows`; `/healthz` and `/livez` stay open
 * for load balancers. A refusal is a 401 problem with `WWW-Authenticate`.
 */
export function guardControl(
  allows: (req: IncomingMessage) => Promise<boolean>,
  handle: (req: IncomingMessage, res: ServerResponse) => void,
  onError: (error: unknown) => void,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const path = req.url?.split('?')[0];
    if (path === '/healthz' || path === '/livez') return handle(req, res);
    allows(req).then(
      (ok) => {
        if (ok) return handle(req, res);
        res.setHeader('www-authenticate', CONTROL_CHALLENGES);
        sendProblem(res, 401, 'UNAUTHORIZED', 'the control API and console need credentials');
      },
      (error: unknown) => {
        onError(error);
        sendProblem(res, 500, 'INTERNAL_ERROR', 'the request could not be completed');
      },
    );
  };
}
