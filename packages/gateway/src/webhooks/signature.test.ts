import { createHmac } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { signWebhook, verifyWebhook } from './signature.js';

const secret = 'whsec-test';
const body = '{"seq":7,"type":"session.status","sessionId":"s-1","status":"ASSIGNED"}';
const now = 1_800_000_000;

describe('webhook signatures', () => {
  test('HMAC-SHA256 over "<timestamp>.<body>", hex, in t=…,v1=…', () => {
    const expected = createHmac('sha256', secret).update(`${now}.${body}`).digest('hex');
    expect(signWebhook(secret, body, now)).toBe(`t=${now},v1=${expected}`);
  });

  test('a genuine, recent delivery verifies', () => {
    expect(verifyWebhook({ secret, body, header: signWebhook(secret, body, now), now })).toBe(true);
    expect(verifyWebhook({ secret, body, header: signWebhook(secret, body, now - 299), now })).toBe(true);
  });

  test('a changed body, another secret, an old or future timestamp are refused', () => {
    const header = signWebhook(secret, body, now);
    expect(verifyWebhook({ secret, body: body.replace('7', '8'), header, now })).toBe(false);
    expect(verifyWebhook({ secret: 'other', body, header, now })).toBe(false);
    expect(verifyWebhook({ secret, body, header, now: now + 301 })).toBe(false);
    expect(verifyWebhook({ secret, body, header, now: now - 301 })).toBe(false);
    expect(verifyWebhook({ secret, body, header, now: now + 3600, toleranceSeconds: 3600 })).toBe(true);
    // The timestamp is signed: moving it to a fresh one breaks the signature.
    expect(
      verifyWebhook({ secret, body, header: header.replace(`t=${now}`, `t=${now + 1000}`), now: now + 1000 }),
    ).toBe(false);
  });

  test('malformed headers are refused without throwing', () => {
    for (const header of [
      undefined,
      '',
      'v1=abc',
      `t=${now}`,
      `t=${now},v1=zz`,
      't=x,v1=00',
      'x'.repeat(5000),
    ])
      expect(verifyWebhook({ secret, body, header, now })).toBe(false);
  });

  test('one of several v1 signatures may match (secret rotation on the sender side)', () => {
    const good = signWebhook(secret, body, now).split(',')[1];
    const other = signWebhook('old', body, now).split(',')[1];
    expect(verifyWebhook({ secret, body, header: `t=${now},${other},${good}`, now })).toBe(true);
  });
});
