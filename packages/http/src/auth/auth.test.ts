import { describe, expect, test } from 'vitest';
import { basicAuthorization, readAuthorization } from './authorization.js';
import { createCredentialChecker, sameSecret } from './credentials.js';

describe('readAuthorization', () => {
  const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
  test('Basic (UTF-8, the password may hold colons) and Bearer, any case', () => {
    expect(readAuthorization(`Basic ${b64('crm bot:pä:ss')}`)).toEqual({
      scheme: 'basic',
      username: 'crm bot',
      password: 'pä:ss',
    });
    expect(readAuthorization('bearer abc.DEF-123')).toEqual({ scheme: 'bearer', token: 'abc.DEF-123' });
  });
  test('basicAuthorization writes what readAuthorization reads (UTF-8, colons in the password)', () => {
    expect(basicAuthorization('crm bot', 'pä:ss')).toBe(`Basic ${b64('crm bot:pä:ss')}`);
    expect(readAuthorization(basicAuthorization('ü', ''))).toEqual({
      scheme: 'basic',
      username: 'ü',
      password: '',
    });
  });
  test('anything else is nothing', () => {
    for (const value of [
      undefined,
      '',
      'Basic',
      `Basic ${b64('no-colon')}`,
      'Basic ***',
      'Digest x',
      'Bearer a b',
    ])
      expect(readAuthorization(value)).toBeUndefined();
    expect(readAuthorization(`Basic ${Buffer.from([0x61, 0x3a, 0xff]).toString('base64')}`)).toBeUndefined();
  });
});

describe('createCredentialChecker', () => {
  const checker = createCredentialChecker({ users: { alice: 'wonder', bob: '' }, apiKeys: ['k1', 'k2'] });
  test('passwords, API keys and proofs', async () => {
    expect(await checker.checkPassword('alice', 'wonder')).toBe(true);
    expect(await checker.checkPassword('alice', 'wonderland')).toBe(false);
    expect(await checker.checkPassword('carol', 'wonder')).toBe(false);
    expect(await checker.checkApiKey('k2')).toBe(true);
    expect(await checker.checkApiKey('k3')).toBe(false);
    expect(await checker.checkProof('alice', (password) => password === 'wonder')).toBe(true);
    // An unknown user is never accepted, whatever the proof says of the decoy.
    expect(await checker.checkProof('carol', () => true)).toBe(false);
    expect(checker.empty).toBe(false);
    expect(createCredentialChecker({}).empty).toBe(true);
  });
  test('sameSecret compares whole values', async () => {
    expect(await sameSecret('abc', 'abc')).toBe(true);
    expect(await sameSecret('abc', 'abd')).toBe(false);
    expect(await sameSecret('abc', 'abcd')).toBe(false);
  });
});
