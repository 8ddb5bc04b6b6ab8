import type { OperationName } from '@mcc/core';

/** The `format` field of a recording's manifest. */
export const RECORDING_FORMAT = 'mcc-recording';
/** The version of the recording format this package writes and reads. */
export const RECORDING_VERSION = 1;
/** The manifest's file name in a recording directory. */
export const MANIFEST_FILE = 'recording.json';
/** The file holding the exchanges that belong to no session (getServiceState, logout…). */
export const NO_SESSION_FILE = 'no-session.json';

/** `recording.json`: what the directory is. */
export interface RecordingManifest {
  format: typeof RECORDING_FORMAT;
  version: number;
  /** The upstream recorded (`rest:<url>` / `soap:<url>`), without credentials; when known. */
  upstream?: string;
  /** When the recording started (ISO 8601). */
  startedAt: string;
}

/** A failure of the upstream instead of an answer (a client error: timeout, network…). */
export interface RecordedError {
  /** The client error code (`TIMEOUT`, `NETWORK_ERROR`, `HTTP_ERROR`, `SOAP_FAULT`…). */
  code: string;
  message: string;
  retryable: boolean;
}

/** One call to the upstream and what it answered. */
export interface Exchange {
  /** Order of the call in the whole recording, from 1. */
  seq: number;
  operation: OperationName;
  /** The typed request, as the gateway sent it. */
  request: Record<string, unknown>;
  /** The result, when the upstream answered one. */
  answer?: Record<string, unknown>;
  /** The failure, when it did not. */
  error?: RecordedError;
  /** When the call started, in ms since the recording started. */
  startedMs: number;
  /** How long the upstream took, in ms. */
  durationMs: number;
}

/** A `session-NNNN.json` (or `no-session.json`) file: one session's exchanges, in order. */
export interface SessionFile {
  /** The session id the exchanges are about; absent in `no-session.json`. */
  sessionId?: string;
  exchanges: Exchange[];
}

/** The file name of the `n`-th session of a recording (from 1): `session-0001.json`. */
export function sessionFileName(n: number): string {
  return `session-${String(n).padStart(4, '0')}.json`;
}

/** Which session an exchange is about: the request's sessionId, or the one a start opened. */
export function sessionOf(operation: OperationName, request: object, answer?: object): string | undefined {
  const requested = (request as { sessionId?: unknown }).sessionId;
  if (typeof requested === 'string' && requested !== '') return requested;
  const opened =
    operation === 'startSession' ? (answer as { sessionId?: unknown } | undefined)?.sessionId : undefined;
  return typeof opened === 'string' && opened !== '' ? opened : undefined;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(value).sort()) {
    const item = (value as Record<string, unknown>)[key];
    if (item !== undefined) sorted[key] = sortKeys(item);
  }
  return sorted;
}

/** JSON with keys sorted at every level, two-space indent and a final newline: diff-friendly. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}
