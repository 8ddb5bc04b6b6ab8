import { describe, expect, test } from 'vitest';
import { buildWireRequest } from './wire-request.js';

describe('buildWireRequest', () => {
  test('GET with the parameters in the reference order, absent ones left out', () => {
    expect(
      buildWireRequest('startSession', { serviceid: 'SUPPORT', channelId: 1003, description: 'a&b=c' }),
    ).toEqual({
      method: 'GET',
      path: '/startSession?channelId=1003&serviceid=SUPPORT&description=a%26b%3Dc',
    });
  });

  test('serviceCodes repeated, one per value', () => {
    expect(buildWireRequest('getServiceState', { channelId: 1, serviceCodes: ['A B', 'C,D'] }).path).toBe(
      '/getServiceState?channelId=1&serviceCodes=A%20B&serviceCodes=C%2CD',
    );
  });

  test('an empty string is sent as given (the server reads it as blank)', () => {
    expect(buildWireRequest('sessionAccept', { sessionId: 's', user: '' }).path).toBe(
      '/sessionAccept?sessionId=s&user=',
    );
  });

  test('setSessionData is a PUT with a JSON body and no query', () => {
    expect(buildWireRequest('setSessionData', { sessionData: 'd', sessionId: 's' })).toEqual({
      method: 'PUT',
      path: '/setSessionData',
      body: '{"sessionId":"s","sessionData":"d"}',
    });
  });
});
