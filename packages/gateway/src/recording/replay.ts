import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  MccClientError,
  type MccService,
  type OperationName,
  operationNames,
  operations,
  type RequestOf,
  type ResultOf,
  ServerFaultError,
} from '@mcc/core';
import {
  type Exchange,
  MANIFEST_FILE,
  RECORDING_FORMAT,
  RECORDING_VERSION,
  type RecordingManifest,
  type SessionFile,
  sessionOf,
  stableJson,
} from './format.js';

/** A recording read from disk: its manifest and every exchange in call order. */
export interface Recording {
  manifest: RecordingManifest;
  exchanges: Exchange[];
}

/** A recording directory that cannot be read; the message names the file and the problem. */
export class RecordingError extends Error {
  override readonly name = 'RecordingError';
}

/**
 * A call the recording has no answer for. Served, it is a protocol error (REST 500
 * `INTERNAL_ERROR`, SOAP `soap:Server` fault) whose message names the operation and the request.
 */
export class ReplayMissError extends ServerFaultError {
  /** Stable code to branch on. */
  readonly code = 'REPLAY_MISS';
  readonly operation: OperationName;
  readonly request: Record<string, unknown>;
  constructor(operation: OperationName, request: Record<string, unknown>) {
    super(
      `replay: the recording has no answer for ${operation} ${stableJson(request).replace(/\s+/g, ' ').trim()}`,
    );
    this.operation = operation;
    this.request = request;
  }
}

async function readJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new RecordingError(`cannot read ${path}: ${(cause as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new RecordingError(`${path} is not JSON: ${(cause as Error).message}`);
  }
}

const known: ReadonlySet<string> = new Set(operationNames);

/** Reads a recording directory written by `createRecorder` (or by hand, in the same format). */
export async function loadRecording(dir: string): Promise<Recording> {
  const manifest = (await readJson(join(dir, MANIFEST_FILE))) as RecordingManifest;
  if (manifest?.format !== RECORDING_FORMAT || manifest.version !== RECORDING_VERSION)
    throw new RecordingError(
      `${join(dir, MANIFEST_FILE)} is not an ${RECORDING_FORMAT} v${RECORDING_VERSION} manifest`,
    );
  const exchanges: Exchange[] = [];
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json') && n !== MANIFEST_FILE).sort();
  for (const name of names) {
    const file = (await readJson(join(dir, name))) as SessionFile;
    if (!Array.isArray(file?.exchanges))
      throw new RecordingError(`${join(dir, name)} has no "exchanges" list`);
    for (const e of file.exchanges) {
      if (!Number.isInteger(e?.seq) || !known.has(e.operation) || typeof e.request !== 'object' || !e.request)
        throw new RecordingError(`${join(dir, name)}: exchange ${JSON.stringify(e?.seq)} is not an exchange`);
      if (!e.answer && !e.error)
        throw new RecordingError(`${join(dir, name)}: exchange ${e.seq} has no answer nor error`);
      exchanges.push(e);
    }
  }
  exchanges.sort((a, b) => a.seq - b.seq);
  return { manifest, exchanges };
}

interface Entry {
  exchange: Exchange;
  /** The recorded session, or '' for none. */
  session: string;
  key: string;
  used: boolean;
}

function keyOf(operation: OperationName, request: object): string {
  return `${operation} ${stableJson(request)}`;
}

function withoutSessionId(request: object): object {
  const { sessionId: _, ...rest } = request as { sessionId?: unknown };
  return rest;
}

/** An `MccService` answering from a recording, plus what it could not answer. */
export type Replay = MccService & {
  /** The calls that had no recorded answer, in order. */
  readonly misses: readonly ReplayMissError[];
};

/**
 * An `MccService` that answers from a recording: each call is matched by operation and
 * arguments, per session in recorded order, so a recorded chat plays back as the same sequence of
 * states: reads step through the answers recorded for them, never past the next recorded write;
 * a write may skip ahead. A session id the caller chooses itself at start is bound to the recorded session with
 * the same start arguments and followed through that session's life (answers carry the caller's
 * id). A polling read past the last recorded answer repeats it; anything else without a recorded
 * answer throws {@link ReplayMissError}. A recorded failure is thrown again as the client error it
 * was. Serve it through `createGateway` to get the gateway's fault mapping.
 */
export function createReplay(recording: Recording): Replay {
  const entries: Entry[] = recording.exchanges.map((exchange) => ({
    exchange,
    session: sessionOf(exchange.operation, exchange.request, exchange.answer) ?? '',
    key: keyOf(exchange.operation, exchange.request),
    used: false,
  }));
  const timelines = new Map<string, Entry[]>();
  for (const e of entries) {
    const list = timelines.get(e.session) ?? [];
    list.push(e);
    timelines.set(e.session, list);
  }
  const cursors = new Map<string, number>();
  const toRecorded = new Map<string, string>();
  const toCaller = new Map<string, string>();
  const misses: ReplayMissError[] = [];

  function consume(entry: Entry): Exchange {
    entry.used = true;
    cursors.set(entry.session, entry.exchange.seq);
    return entry.exchange;
  }

  function findStart(request: Record<string, unknown>): Exchange | undefined {
    const key = keyOf('startSession', request);
    const exact = entries.find((e) => !e.used && e.key === key);
    if (exact) return consume(exact);
    const callerId = request.sessionId;
    if (typeof callerId !== 'string' || toRecorded.has(callerId)) return undefined;
    const loose = keyOf('startSession', withoutSessionId(request));
    const bound = entries.find(
      (e) =>
        !e.used &&
        e.exchange.operation === 'startSession' &&
        typeof e.exchange.request.sessionId === 'string' &&
        !toCaller.has(e.exchange.request.sessionId) &&
        keyOf('startSession', withoutSessionId(e.exchange.request)) === loose,
    );
    if (!bound) return undefined;
    const recordedId = bound.exchange.request.sessionId as string;
    toRecorded.set(callerId, recordedId);
    toCaller.set(recordedId, callerId);
    return consume(bound);
  }

  function find(operation: OperationName, request: Record<string, unknown>): Exchange | undefined {
    if (operation === 'startSession') return findStart(request);
    const session = typeof request.sessionId === 'string' ? request.sessionId : '';
    const timeline = timelines.get(session) ?? [];
    const cursor = cursors.get(session) ?? 0;
    const key = keyOf(operation, request);
    const ahead = (e: Entry) => !e.used && e.exchange.seq > cursor;
    if (!operations[operation].readOnly) {
      // A write may jump ahead (the caller skipped some recorded calls): it moves the cursor on.
      const next = timeline.find((e) => ahead(e) && e.key === key);
      return next ? consume(next) : undefined;
    }
    // A read never passes the next recorded write: the state it saw came before that write.
    const barrier = timeline.find((e) => ahead(e) && !operations[e.exchange.operation].readOnly)?.exchange
      .seq;
    const next = timeline.find(
      (e) => ahead(e) && (barrier === undefined || e.exchange.seq < barrier) && e.key === key,
    );
    if (next) return consume(next);
    return timeline.findLast((e) => e.exchange.seq <= cursor && e.key === key)?.exchange;
  }

  function answer<N extends OperationName>(operation: N, request: RequestOf<N>): ResultOf<N> {
    const asked = { ...request } as Record<string, unknown>;
    const callerId = asked.sessionId;
    if (typeof callerId === 'string' && toRecorded.has(callerId)) asked.sessionId = toRecorded.get(callerId);
    const exchange = find(operation, asked);
    if (!exchange) {
      const miss = new ReplayMissError(operation, { ...request } as Record<string, unknown>);
      misses.push(miss);
      throw miss;
    }
    if (exchange.error) {
      const { code, message, retryable } = exchange.error;
      throw new MccClientError(code as never, message, { operation, retryable });
    }
    const result = { ...exchange.answer } as Record<string, unknown>;
    if (typeof result.sessionId === 'string' && toCaller.has(result.sessionId))
      result.sessionId = toCaller.get(result.sessionId);
    return result as ResultOf<N>;
  }

  const replay: Record<string, unknown> = { misses };
  for (const operation of operationNames) {
    replay[operation] = async (request: RequestOf<typeof operation>) => answer(operation, request);
  }
  return replay as Replay;
}
