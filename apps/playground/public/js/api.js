/** The contact-center control API (docs/control-api.md), as the console calls it. */

/** @import { ClockState, ContactCenterSnapshot, SessionView, CatalogEntry, TryResult, FaultSettings, OperationFaultSettings, FaultsCatalog } from './types.js' */

/** @typedef {{ detail?: string, title?: string, code?: string }} Problem */

/** An answer that was not 2xx: the RFC 9457 problem it carried. */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {Problem | undefined} problem
   */
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.code = problem?.code;
  }
}

/**
 * One call of the control API: the JSON answer, or an {@link ApiError}.
 * @template [T=void]
 * @param {'GET' | 'POST' | 'PUT' | 'DELETE'} method
 * @param {string} path
 * @param {unknown} [body]
 * @returns {Promise<T>}
 */
async function request(method, path, body) {
  /** @type {Record<string, string>} */
  const headers = { accept: 'application/json' };
  /** @type {RequestInit} */
  const init = { method, headers };
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const text = await response.text();
  let value;
  try {
    value = text ? JSON.parse(text) : undefined;
  } catch {
    value = text;
  }
  if (!response.ok) throw new ApiError(response.status, typeof value === 'object' ? value : undefined);
  return /** @type {T} */ (value);
}

const seg = encodeURIComponent;

/** @typedef {{ action: 'pause' | 'resume' } | { action: 'advance', ms: number } | { action: 'set', time: number }} ClockAction */

/** The control API (docs/control-api.md), one method per route. */
export const api = {
  /** @returns {Promise<ContactCenterSnapshot>} */
  snapshot: () => request('GET', '/api/snapshot'),
  /** @returns {Promise<SessionView[]>} */
  sessions: () => request('GET', '/api/sessions'),
  /** @returns {Promise<CatalogEntry[]>} */
  operations: () => request('GET', '/api/operations'),
  /**
   * @param {'rest' | 'soap'} transport
   * @param {string} operation
   * @param {Record<string, unknown>} input
   * @param {number} [retries] the client's retry policy: extra attempts (default 0)
   * @returns {Promise<TryResult>}
   */
  try: (transport, operation, input, retries = 0) =>
    request('POST', '/api/try', { transport, operation, input, retries }),
  /** @returns {Promise<ClockState>} */
  clock: () => request('GET', '/api/clock'),
  /**
   * @param {ClockAction} body
   * @returns {Promise<ClockState>}
   */
  clockAction: (body) => request('POST', '/api/clock', body),
  /**
   * @param {string} user
   * @param {number} channelId
   */
  login: (user, channelId, ready = true) =>
    request('POST', `/api/agents/${seg(user)}/channels/${channelId}/login`, { ready }),
  /**
   * @param {string} user
   * @param {number} channelId
   */
  logout: (user, channelId) => request('POST', `/api/agents/${seg(user)}/channels/${channelId}/logout`),
  /**
   * @param {string} user
   * @param {number} channelId
   * @param {boolean} ready
   */
  setReady: (user, channelId, ready) =>
    request('PUT', `/api/agents/${seg(user)}/channels/${channelId}/ready`, { ready }),
  /**
   * @param {string} id
   * @returns {Promise<SessionView>}
   */
  accept: (id) => request('POST', `/api/sessions/${seg(id)}/accept`),
  /**
   * @param {string} id
   * @returns {Promise<SessionView>}
   */
  decline: (id) => request('POST', `/api/sessions/${seg(id)}/decline`),
  /**
   * @param {string} id
   * @returns {Promise<{ result: string, failReason?: string }>}
   */
  close: (id) => request('POST', `/api/sessions/${seg(id)}/close`),
  /**
   * @param {string} id
   * @param {string | null} message
   * @returns {Promise<SessionView>}
   */
  customMessage: (id, message) => request('PUT', `/api/sessions/${seg(id)}/custom-message`, { message }),
  /**
   * @param {string} code
   * @param {boolean} outOfService
   */
  outOfService: (code, outOfService) =>
    request('PUT', `/api/services/${seg(code)}/out-of-service`, { outOfService }),
  /**
   * @param {string} code
   * @param {number} channelId
   * @param {boolean} enabled
   */
  serviceChannel: (code, channelId, enabled) =>
    request('PUT', `/api/services/${seg(code)}/channels/${channelId}`, { enabled }),
  /**
   * @param {number} channelId
   * @param {boolean} enabled
   */
  channelEnabled: (channelId, enabled) => request('PUT', `/api/channels/${channelId}/enabled`, { enabled }),
  /** @returns {Promise<FaultSettings>} */
  faults: () => request('GET', '/api/faults'),
  /** @returns {Promise<FaultsCatalog>} */
  faultsCatalog: () => request('GET', '/api/faults/catalog'),
  /**
   * @param {string} operation
   * @param {OperationFaultSettings | Record<string, unknown>} faults
   * @returns {Promise<FaultSettings>}
   */
  setFaults: (operation, faults) => request('PUT', `/api/faults/operations/${seg(operation)}`, faults),
  /**
   * @param {string} operation
   * @returns {Promise<FaultSettings>}
   */
  clearFaults: (operation) => request('DELETE', `/api/faults/operations/${seg(operation)}`),
  /** @returns {Promise<FaultSettings>} */
  clearAllFaults: () => request('DELETE', '/api/faults'),
};
