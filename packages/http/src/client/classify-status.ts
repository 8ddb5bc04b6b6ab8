/** What an HTTP status tells a client, before it reads the body. */
export type StatusClass =
  /** 2xx: the body is the answer (a result, or a SOAP fault to read). */
  | { readonly ok: true }
  /**
   * Anything else: `UNAUTHORIZED` for 401, `HTTP_ERROR` otherwise; `retryable` for 5xx and 429
   * (the server is busy or failing, the request may be sent again after its `Retry-After`).
   */
  | { readonly ok: false; readonly code: 'UNAUTHORIZED' | 'HTTP_ERROR'; readonly retryable: boolean };

/**
 * Classifies an HTTP answer's status, the one rule both MCC clients (REST and SOAP, and the SOAP
 * client's WSDL fetch) follow: 2xx is an answer; 401 is `UNAUTHORIZED`; any other status is
 * `HTTP_ERROR`, retryable for 5xx and 429.
 */
export function classifyStatus(status: number): StatusClass {
  if (status >= 200 && status < 300) return { ok: true };
  return {
    ok: false,
    code: status === 401 ? 'UNAUTHORIZED' : 'HTTP_ERROR',
    retryable: status >= 500 || status === 429,
  };
}
