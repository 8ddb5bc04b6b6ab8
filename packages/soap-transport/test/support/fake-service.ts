import { randomUUID } from 'node:crypto';
import { failed, type MccService, type ServiceState } from '@mcc/core';

interface FakeSession {
  status: 'NEW' | 'QUEUED' | 'BOOKED' | 'ASSIGNED' | 'CLOSED';
  data?: string;
  sessionData?: string;
  username?: string;
}

/** What the fake service saw (the last typed request of each operation). */
export type Seen = Partial<Record<keyof MccService, unknown>>;

/**
 * A small hand-written MccService for transport tests: in-memory sessions, a few business
 * failures, and a sessionId (`explode`) that makes checkSession throw an error whose message
 * carries things that must never reach the wire.
 */
export function createFakeService(): MccService & { seen: Seen } {
  const sessions = new Map<string, FakeSession>();
  const seen: Seen = {};
  return {
    seen,
    async startSession(request) {
      seen.startSession = request;
      if (request.serviceid === 'NOPE') return failed('startSession', 'UNKNOWN_SERVICE', request.serviceid);
      const sessionId = request.sessionId ?? randomUUID();
      if (sessions.has(sessionId)) return failed('startSession', 'DUPLICATED_SESSION_ID');
      sessions.set(sessionId, {
        status: 'NEW',
        ...(request.data !== undefined ? { data: request.data } : {}),
      });
      return {
        result: 'SUCCESS',
        sessionId,
        ...(request.contactId !== undefined ? { contactId: request.contactId } : {}),
        ...(request.contactValue !== undefined ? { contactValue: request.contactValue } : {}),
      };
    },
    async sessionAccept(request) {
      seen.sessionAccept = request;
      const session = sessions.get(request.sessionId);
      if (!session) return failed('sessionAccept', 'INVALID_SESSION_ID');
      if (session.status === 'CLOSED') return failed('sessionAccept', 'SESSION_CLOSED');
      if (request.user) {
        session.status = 'BOOKED';
        session.username = request.user;
      } else session.status = 'QUEUED';
      return { result: 'SUCCESS', sessionId: request.sessionId, status: session.status };
    },
    async checkSession(request) {
      seen.checkSession = request;
      if (request.sessionId === 'explode') {
        throw new Error('ECONNREFUSED at /srv/mcc/secret/store.js:42 password=hunter2');
      }
      const session = sessions.get(request.sessionId);
      if (!session) return failed('checkSession', 'INVALID_SESSION_ID');
      return {
        result: 'SUCCESS',
        sessionId: request.sessionId,
        status: session.status,
        ...(session.username ? { username: session.username } : {}),
        customMessage: 'You are number 1 in the queue',
      };
    },
    async checkSessionWithData(request) {
      seen.checkSessionWithData = request;
      const session = sessions.get(request.sessionId);
      if (!session) return failed('checkSessionWithData', 'INVALID_SESSION_ID');
      return {
        result: 'SUCCESS',
        sessionId: request.sessionId,
        status: session.status,
        ...(session.username ? { username: session.username } : {}),
        ...(session.data !== undefined ? { data: session.data } : {}),
        ...(session.sessionData !== undefined ? { sessionData: session.sessionData } : {}),
      };
    },
    async setSessionData(request) {
      seen.setSessionData = request;
      const session = sessions.get(request.sessionId);
      if (!session) return failed('setSessionData', 'INVALID_SESSION_ID');
      if (session.status === 'CLOSED') return failed('setSessionData', 'SESSION_CLOSED');
      if (request.sessionData) session.sessionData = request.sessionData;
      else delete session.sessionData;
      return {
        result: 'SUCCESS',
        sessionId: request.sessionId,
        ...(session.sessionData !== undefined ? { sessionData: session.sessionData } : {}),
      };
    },
    async closeSession(request) {
      seen.closeSession = request;
      const session = sessions.get(request.sessionId);
      if (!session) return failed('closeSession', 'NOT_FOUND');
      session.status = 'CLOSED';
      return { result: 'SUCCESS', sessionId: request.sessionId };
    },
    async getServiceState(request) {
      seen.getServiceState = request;
      const state: Record<string, ServiceState> = {};
      for (const code of request.serviceCodes) state[code] = code === 'OFF' ? 'OUT_OF_SERVICE' : 'ACTIVE';
      return { result: 'SUCCESS', state, channelId: request.channelId };
    },
    async logoutAgentFromChannel(request) {
      seen.logoutAgentFromChannel = request;
      if (request.agentUsername !== 'alice') return failed('logoutAgentFromChannel', 'INVALID_USERNAME');
      return { result: 'SUCCESS', channelId: request.channelId, agentUsername: request.agentUsername };
    },
  };
}
