import { describe, expect, test } from 'vitest';
import { validateRequest } from '../dispatch.js';
import { identifierProblem, isBlank, trimWireSpace } from './params.js';

// Issue 15 (6, 9): one validation of identifiers at the boundary, before any store is asked, so
// that memory, SQLite and PostgreSQL see the same ids and answer the same.

const failReason = (operation: Parameters<typeof validateRequest>[0], input: unknown) => {
  const v = validateRequest(operation, input);
  return v.ok ? 'OK' : (v.result as { failReason: string }).failReason;
};

describe('session ids', () => {
  const refused = [
    ['NUL', 'a\u0000b'],
    ['C0', 'a\u0001b'],
    ['DEL', 'a\u007fb'],
    ['C1', 'a\u0085b'],
    ['C1 (CSI)', 'a\u009bb'],
    ['U+FFFD (invalid UTF-8 decoded)', 'a\ufffdb'],
    ['U+FFFE', 'a\ufffeb'],
    ['U+FFFF', 'a\uffffb'],
    ['U+FDD0', 'a\ufdd0b'],
    ['U+1FFFF', 'a\u{1ffff}b'],
    ['a lone surrogate', 'a\ud800b'],
    ['a tab', 'a\tb'],
  ];

  test.each(refused)('%s in a sessionId is INVALID_SESSION_ID for every operation on a session', (_, id) => {
    for (const operation of [
      'checkSession',
      'checkSessionWithData',
      'sessionAccept',
      'closeSession',
    ] as const)
      expect(failReason(operation, { sessionId: id }), operation).toBe('INVALID_SESSION_ID');
    expect(failReason('setSessionData', { sessionId: id, sessionData: 'x' })).toBe('INVALID_SESSION_ID');
  });

  test.each(refused)('%s in a new sessionId (startSession) is GENERIC', (_, id) => {
    expect(failReason('startSession', { channelId: 1, serviceid: 'S', sessionId: id })).toBe('GENERIC');
  });

  test('ordinary ids, astral characters and NBSP inside included, are accepted', () => {
    for (const id of ['abc', 'ünï-cödé', '😀', 'a\u00a0b', 'x'.repeat(255)])
      expect(failReason('checkSession', { sessionId: id })).toBe('OK');
  });
});

describe('text parameters', () => {
  test('NUL, C0 controls but tab/LF/CR, U+FFFE/U+FFFF and lone surrogates are refused in every string', () => {
    for (const bad of ['a\u0000', 'a\u0007', '\ufffe', '\uffff', '\udc00x'])
      for (const field of ['data', 'description', 'contactId', 'contactValue'])
        expect(failReason('startSession', { channelId: 1, serviceid: 'S', [field]: bad }), field).toBe(
          'GENERIC',
        );
    expect(failReason('sessionAccept', { sessionId: 's', user: 'a\u0000b' })).toBe(
      'REQUEST_REJECTED_BY_SERVICE',
    );
    expect(failReason('setSessionData', { sessionId: 's', sessionData: 'a\u0000b' })).toBe(
      'INVALID_RESPONSE',
    );
    expect(failReason('logoutAgentFromChannel', { channelId: 1, agentUsername: 'a\u0000' })).toBe(
      'INVALID_USERNAME',
    );
  });

  test('tab, LF, CR, C1 and astral characters stay allowed in free text', () => {
    expect(failReason('startSession', { channelId: 1, serviceid: 'S', data: 'a\tb\nc\rd\u0085 😀' })).toBe(
      'OK',
    );
  });

  test('service codes are identifiers', () => {
    expect(failReason('getServiceState', { channelId: 1, serviceCodes: ['A', 'B\u0000'] })).toBe(
      'INVALID_SERVICE_CODES',
    );
    expect(failReason('getServiceState', { channelId: 1, serviceCodes: 'A,\ufffd' })).toBe(
      'INVALID_SERVICE_CODES',
    );
  });
});

describe('white space is the wire’s: space, tab, CR, LF; NBSP is content', () => {
  test('NBSP around a channelId is an invalid channel, not a missing one', () => {
    expect(failReason('startSession', { channelId: '\u00a01003\u00a0', serviceid: 'S' })).toBe(
      'INVALID_CHANNEL_ID',
    );
    expect(failReason('startSession', { channelId: '\u00a0', serviceid: 'S' })).toBe('INVALID_CHANNEL_ID');
    expect(failReason('startSession', { channelId: ' \t1003\r\n', serviceid: 'S' })).toBe('OK');
  });

  test('isBlank and trimWireSpace', () => {
    expect(isBlank(' \t\r\n')).toBe(true);
    expect(isBlank('\u00a0')).toBe(false);
    expect(isBlank('\u2003')).toBe(false);
    expect(trimWireSpace(' \u00a0x\u00a0\n')).toBe('\u00a0x\u00a0');
    expect(identifierProblem('ok')).toBeUndefined();
  });
});
