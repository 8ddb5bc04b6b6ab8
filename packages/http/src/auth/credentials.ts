/**
 * Who may call an endpoint: users with passwords (HTTP Basic, WS-Security UsernameToken) and API
 * keys (`Authorization: Bearer`). Protocol-agnostic and free of Node modules: hashing is Web
 * Crypto's, so the REST and SOAP transports share one checker.
 */
export interface CredentialSet {
  /** Username → password. */
  users?: Readonly<Record<string, string>>;
  /** Accepted bearer keys. */
  apiKeys?: readonly string[];
}

/** Checks presented credentials against a {@link CredentialSet}, in constant time. */
export interface CredentialChecker {
  /** Whether the set holds any credential at all. */
  readonly empty: boolean;
  /** Whether `username` exists and `password` is its password. */
  checkPassword(username: string, password: string): Promise<boolean>;
  /** Whether `key` is one of the API keys. */
  checkApiKey(key: string): Promise<boolean>;
  /**
   * For challenge–response schemes (a WS-Security password digest): `proof` gets the user's
   * password and tells whether the client's answer matches it. An unknown user is tried against
   * a decoy password, so the answer takes as long and is false.
   */
  checkProof(username: string, proof: (password: string) => boolean | Promise<boolean>): Promise<boolean>;
}

const encoder = new TextEncoder();

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/**
 * Compares two secrets in time that depends on neither: both are hashed (SHA-256) and the
 * digests compared without an early exit.
 */
export async function sameSecret(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([sha256(a), sha256(b)]);
  return sameBytes(x, y);
}

/** A checker for `set`; the secrets are hashed once, on first use. */
export function createCredentialChecker(set: CredentialSet): CredentialChecker {
  const users = new Map(Object.entries(set.users ?? {}));
  const apiKeys = [...(set.apiKeys ?? [])];
  const decoy = `decoy-${Math.random()}`;
  let hashed: Promise<{ users: Map<string, Uint8Array>; keys: Uint8Array[]; decoy: Uint8Array }> | undefined;
  const digests = () => {
    hashed ??= (async () => ({
      users: new Map(
        await Promise.all([...users].map(async ([name, pw]) => [name, await sha256(pw)] as const)),
      ),
      keys: await Promise.all(apiKeys.map(sha256)),
      decoy: await sha256(decoy),
    }))();
    return hashed;
  };
  return {
    empty: users.size === 0 && apiKeys.length === 0,
    async checkPassword(username, password) {
      const known = await digests();
      const expected = known.users.get(username);
      const match = sameBytes(await sha256(password), expected ?? known.decoy);
      return match && expected !== undefined;
    },
    async checkApiKey(key) {
      const known = await digests();
      const given = await sha256(key);
      let match = false;
      for (const candidate of known.keys) match = sameBytes(given, candidate) || match;
      return match;
    },
    async checkProof(username, proof) {
      const password = users.get(username);
      const match = await proof(password ?? decoy);
      return match && password !== undefined;
    },
  };
}
