import { DropConnectionError, ServerFaultError, ServiceUnavailableError } from '@mcc/core';

/** How a transport answers a protocol fault (`ProtocolFault` of `@mcc/core`). */
export type ProtocolAnswer =
  | { kind: 'drop' }
  | {
      kind: 'fault';
      /** HTTP status: 503 or 500. */
      status: 503 | 500;
      /** Safe to send: the error's own message. */
      message: string;
      /** Extra HTTP headers (`retry-after`). */
      headers: Record<string, string>;
    };

/** The protocol answer `error` asks for, or undefined when it is not a protocol fault (`ProtocolFault` of `@mcc/core`). */
export function protocolAnswer(error: unknown): ProtocolAnswer | undefined {
  if (error instanceof DropConnectionError) return { kind: 'drop' };
  if (error instanceof ServiceUnavailableError) {
    const headers: Record<string, string> =
      error.retryAfterSeconds === undefined ? {} : { 'retry-after': String(error.retryAfterSeconds) };
    return { kind: 'fault', status: 503, message: error.message, headers };
  }
  if (error instanceof ServerFaultError)
    return { kind: 'fault', status: 500, message: error.message, headers: {} };
  return undefined;
}
