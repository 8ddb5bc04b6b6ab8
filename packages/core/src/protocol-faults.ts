/**
 * Errors a service throws to make the transport answer at protocol level rather than with a
 * result. `dispatch` never turns them into a fail reason; both transports read them through
 * `protocolAnswer` of `@mcc/http`, so a REST 503 and a SOAP 503 come from the same decision.
 *
 * For gateways built on this toolkit (a backend that is down → 503 with `Retry-After`), and for
 * the playground's injected faults.
 */
export abstract class ProtocolFault extends Error {}

/**
 * The service cannot answer now; the caller may try again later. REST: 503 problem
 * `SERVICE_UNAVAILABLE`; SOAP: `Server` fault with HTTP 503. Both send `Retry-After` when
 * `retryAfterSeconds` is set. The message is sent to the caller: keep internals out of it.
 */
export class ServiceUnavailableError extends ProtocolFault {
  override readonly name = 'ServiceUnavailableError';
  readonly retryAfterSeconds?: number;
  constructor(
    message = 'The service is temporarily unavailable.',
    options: { retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    if (options.retryAfterSeconds !== undefined) this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/**
 * The service failed and says so in words meant for the caller. REST: 500 problem
 * `INTERNAL_ERROR` with this message as `detail`; SOAP: `Server` fault (HTTP 500) with this
 * message as the fault string. Any other error a service throws gets the same status with a fixed,
 * uninformative message (or the operation's internal fail reason, when it has one).
 */
export class ServerFaultError extends ProtocolFault {
  override readonly name = 'ServerFaultError';
}

/** Answer nothing: the transport destroys the connection (the caller sees a reset). */
export class DropConnectionError extends ProtocolFault {
  override readonly name = 'DropConnectionError';
  constructor(message = 'connection dropped on purpose') {
    super(message);
  }
}
