/** The contact-center control API (docs/control-api.md), as the console calls it. */

/** An answer that was not 2xx: the RFC 9457 problem it carried. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.code = problem?.code;
  }
}

async function request(method, path, body) {
  const init = { method, headers: { accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['content-type'] = 'application/json';
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
  return value;
}

const seg = encodeURIComponent;

export const api = {
  snapshot: () => request('GET', '/api/snapshot'),
  sessions: () => request('GET', '/api/sessions'),
  operations: () => request('GET', '/api/operations'),
  try: (transport, operation, input) => request('POST', '/api/try', { transport, operation, input }),
  clock: () => request('GET', '/api/clock'),
  clockAction: (body) => request('POST', '/api/clock', body),
  login: (user, channelId, ready = true) =>
    request('POST', `/api/agents/${seg(user)}/channels/${channelId}/login`, { ready }),
  logout: (user, channelId) => request('POST', `/api/agents/${seg(user)}/channels/${channelId}/logout`),
  setReady: (user, channelId, ready) =>
    request('PUT', `/api/agents/${seg(user)}/channels/${channelId}/ready`, { ready }),
  accept: (id) => request('POST', `/api/sessions/${seg(id)}/accept`),
  decline: (id) => request('POST', `/api/sessions/${seg(id)}/decline`),
  close: (id) => request('POST', `/api/sessions/${seg(id)}/close`),
  customMessage: (id, message) => request('PUT', `/api/sessions/${seg(id)}/custom-message`, { message }),
  outOfService: (code, outOfService) =>
    request('PUT', `/api/services/${seg(code)}/out-of-service`, { outOfService }),
  serviceChannel: (code, channelId, enabled) =>
    request('PUT', `/api/services/${seg(code)}/channels/${channelId}`, { enabled }),
  channelEnabled: (channelId, enabled) => request('PUT', `/api/channels/${channelId}/enabled`, { enabled }),
  faults: () => request('GET', '/api/faults'),
  faultsCatalog: () => request('GET', '/api/faults/catalog'),
  setFaults: (operation, faults) => request('PUT', `/api/faults/operations/${seg(operation)}`, faults),
  clearFaults: (operation) => request('DELETE', `/api/faults/operations/${seg(operation)}`),
  clearAllFaults: () => request('DELETE', '/api/faults'),
};
