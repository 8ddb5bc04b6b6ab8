import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type CallOptions,
  MccClientError,
  type MccService,
  type OperationName,
  operationNames,
  type RequestOf,
  type ResultOf,
} from '@mcc/core';
import {
  type Exchange,
  MANIFEST_FILE,
  NO_SESSION_FILE,
  RECORDING_FORMAT,
  RECORDING_VERSION,
  type RecordedError,
  type SessionFile,
  sessionFileName,
  sessionOf,
  stableJson,
} from './format.js';

/** Options of {@link createRecorder}. */
export interface RecorderOptions {
  /** The MCC whose answers are recorded. */
  upstream: MccService;
  /** Where the recording goes: a directory that is missing or empty. */
  dir: string;
  /** The upstream's name for the manifest (`rest:<url>`), without credentials. */
  upstreamName?: string;
  /** Told when a fixture cannot be written (the call itself still answers). Default: rethrown by `flush`. */
  onError?: (error: unknown) => void;
}

/** An `MccService` that records, plus `flush()`: resolves once every exchange so far is on disk. */
export type Recorder = MccService & { flush(): Promise<void> };

function asRecordedError(error: unknown): RecordedError {
  if (error instanceof MccClientError)
    return { code: error.code, message: error.message, retryable: error.retryable };
  return { code: 'ERROR', message: error instanceof Error ? error.message : String(error), retryable: false };
}

/**
 * Wraps an upstream MCC so that every exchange (request, answer or failure, timing) is written to
 * `dir` in the recording format (docs/record-replay.md): one JSON file per session, keys sorted.
 * It sits above the transports, so no credential (Authorization, WS-Security) ever reaches a file.
 */
export async function createRecorder(options: RecorderOptions): Promise<Recorder> {
  const { upstream, dir } = options;
  await mkdir(dir, { recursive: true });
  const present = await readdir(dir);
  if (present.length)
    throw new Error(`the recording directory ${dir} is not empty: record into a new or empty directory`);
  await writeFile(
    join(dir, MANIFEST_FILE),
    stableJson({
      format: RECORDING_FORMAT,
      version: RECORDING_VERSION,
      startedAt: new Date().toISOString(),
      ...(options.upstreamName ? { upstream: options.upstreamName } : {}),
    }),
  );
  const started = performance.now();
  const files = new Map<string | undefined, { name: string; content: SessionFile; writing: Promise<void> }>();
  let seq = 0;
  let sessions = 0;
  let failure: unknown;
  const fail = options.onError ?? ((error: unknown) => (failure ??= error));

  function save(exchange: Exchange): void {
    const sessionId = sessionOf(exchange.operation, exchange.request, exchange.answer);
    let file = files.get(sessionId);
    if (!file) {
      const name = sessionId === undefined ? NO_SESSION_FILE : sessionFileName(++sessions);
      file = {
        name,
        content: { ...(sessionId ? { sessionId } : {}), exchanges: [] },
        writing: Promise.resolve(),
      };
      files.set(sessionId, file);
    }
    file.content.exchanges.push(exchange);
    const target = file;
    target.writing = target.writing
      .then(() => writeFile(join(dir, target.name), stableJson(target.content)))
      .catch(fail);
  }

  async function record<N extends OperationName>(
    operation: N,
    request: RequestOf<N>,
    callOptions?: CallOptions,
  ): Promise<ResultOf<N>> {
    const exchange: Exchange = {
      seq: ++seq,
      operation,
      request: { ...request } as Record<string, unknown>,
      startedMs: Math.round(performance.now() - started),
      durationMs: 0,
    };
    const call = upstream[operation] as (r: RequestOf<N>, o?: CallOptions) => Promise<ResultOf<N>>;
    const begin = performance.now();
    try {
      const result = await call.call(upstream, request, callOptions);
      exchange.answer = { ...result } as Record<string, unknown>;
      return result;
    } catch (error) {
      exchange.error = asRecordedError(error);
      throw error;
    } finally {
      exchange.durationMs = Math.round(performance.now() - begin);
      save(exchange);
    }
  }

  const recorder: Record<string, unknown> = {
    async flush() {
      await Promise.all([...files.values()].map((f) => f.writing));
      if (failure) throw failure;
    },
  };
  for (const operation of operationNames) {
    recorder[operation] = (request: RequestOf<typeof operation>, callOptions?: CallOptions) =>
      record(operation, request, callOptions);
  }
  return recorder as Recorder;
}
