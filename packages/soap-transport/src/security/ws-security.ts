import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { escapeXml } from '../xml/escape-xml.js';
import { childElement, type XmlElement } from '../xml/parse-xml.js';

/** WS-Security 1.0 namespaces and token types (OASIS UsernameToken Profile 1.0). */
export const WSSE_NS = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
export const WSU_NS = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd';
const PROFILE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0';
const PASSWORD_TEXT = `${PROFILE}#PasswordText`;
const PASSWORD_DIGEST = `${PROFILE}#PasswordDigest`;
const BASE64_BINARY =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary';

/** A UsernameToken as read from a request's `wsse:Security` header. */
export interface UsernameToken {
  username: string;
  /** The clear password (`text`) or the Base64 SHA-1 digest (`digest`). */
  password: string;
  passwordType: 'text' | 'digest';
  /** Base64 nonce (digest tokens). */
  nonce?: string;
  /** `wsu:Created` timestamp (digest tokens). */
  created?: string;
}

function digest(nonceBase64: string, created: string, password: string): string {
  return createHash('sha1')
    .update(Buffer.concat([Buffer.from(nonceBase64, 'base64'), Buffer.from(created + password, 'utf8')]))
    .digest('base64');
}

/**
 * A `wsse:Security` header block carrying a UsernameToken: the password in clear
 * (`PasswordText`, the default) or as `PasswordDigest` = Base64(SHA-1(nonce + created + password)).
 */
export function writeUsernameToken(options: {
  username: string;
  password: string;
  passwordType?: 'text' | 'digest';
  /** Digest nonce, Base64. Default: 16 random bytes. */
  nonce?: string;
  /** Digest `wsu:Created`, ISO 8601. Default: now. */
  created?: string;
}): string {
  const user = `<wsse:Username>${escapeXml(options.username)}</wsse:Username>`;
  let password: string;
  if (options.passwordType === 'digest') {
    const nonce = options.nonce ?? randomBytes(16).toString('base64');
    const created = options.created ?? new Date().toISOString();
    password =
      `<wsse:Password Type="${PASSWORD_DIGEST}">${digest(nonce, created, options.password)}</wsse:Password>` +
      `<wsse:Nonce EncodingType="${BASE64_BINARY}">${nonce}</wsse:Nonce><wsu:Created>${created}</wsu:Created>`;
  } else {
    password = `<wsse:Password Type="${PASSWORD_TEXT}">${escapeXml(options.password)}</wsse:Password>`;
  }
  return (
    `<wsse:Security xmlns:wsse="${WSSE_NS}" xmlns:wsu="${WSU_NS}">` +
    `<wsse:UsernameToken>${user}${password}</wsse:UsernameToken></wsse:Security>`
  );
}

/** Most UsernameTokens one request may carry; more are refused (each would cost a verification). */
export const MAX_USERNAME_TOKENS = 4;

/** One `wsse:UsernameToken` element read as a token; a missing Username or Password reads as ''. */
function readToken(token: XmlElement): UsernameToken {
  const username = childElement(token, 'Username', WSSE_NS);
  const password = childElement(token, 'Password', WSSE_NS);
  const type = password?.attributes.Type ?? PASSWORD_TEXT;
  const result: UsernameToken = {
    username: username?.text.trim() ?? '',
    password: password?.text.trim() ?? '',
    passwordType: type === PASSWORD_DIGEST ? 'digest' : 'text',
  };
  const nonce = childElement(token, 'Nonce', WSSE_NS)?.text.trim();
  const created = childElement(token, 'Created', WSU_NS)?.text.trim();
  if (nonce) result.nonce = nonce;
  if (created) result.created = created;
  return result;
}

/** The first UsernameToken of a `wsse:Security` header element, if it carries one with a Username. */
export function readUsernameToken(security: XmlElement): UsernameToken | undefined {
  const token = childElement(security, 'UsernameToken', WSSE_NS);
  return token && childElement(token, 'Username', WSSE_NS) ? readToken(token) : undefined;
}

/**
 * Every UsernameToken of every `wsse:Security` block of a SOAP `Header`, in document order, so
 * that each one can be checked: a request is accepted only if all of them are valid. A token
 * without a Username or Password is kept (with '' for it), so that it fails verification rather
 * than being overlooked.
 */
export function readUsernameTokens(header: XmlElement | undefined): UsernameToken[] {
  const tokens: UsernameToken[] = [];
  for (const block of header?.children ?? []) {
    if (block.ns !== WSSE_NS || block.local !== 'Security') continue;
    for (const token of block.children) {
      if (token.ns === WSSE_NS && token.local === 'UsernameToken') tokens.push(readToken(token));
    }
  }
  return tokens;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Whether `token` proves knowledge of `password` (clear or digest form), compared in constant
 * time. Replay protection (nonce cache, `created` freshness) is added by `createReplayGuard`
 * (`usernameTokenVerifier` and `soapAuthenticator` do both).
 */
export function verifyUsernameToken(token: UsernameToken, password: string): boolean {
  if (token.passwordType === 'text') return same(token.password, password);
  if (!token.nonce || !token.created) return false;
  return same(token.password, digest(token.nonce, token.created, password));
}
