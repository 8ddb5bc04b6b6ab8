import type { MccService } from '@mcc/core';
import type { Capabilities, MccTarget, SessionSubject } from './target.js';

/** The package that reads recordings (an optional peer dependency of the testkit). */
export const GATEWAY_MODULE = '@mcc/gateway';

/** The part of `@mcc/gateway` the recording target uses (a test checks it against the real module). */
export interface ReplayModule {
  loadRecording(dir: string): Promise<unknown>;
  createReplay(recording: never): MccService & { readonly misses: readonly Error[] };
}

/** What a recording can do: answer what was recorded, nothing more. */
export const recordingCapabilities: Capabilities = {
  control: false,
  virtualClock: false,
  configurable: false,
  storeFaults: false,
};

/** Options of {@link createRecordingTarget}. */
export interface RecordingTargetOptions {
  /** The channel and service the recorded write cases used (default LiveHelp 1003 and SUPPORT). */
  subject?: SessionSubject;
}

/** A target answering from a recording, with the calls it had no answer for. */
export interface RecordingTarget extends MccTarget {
  /** `ReplayMissError`s of the calls the recording has no answer for, in order. */
  readonly misses: readonly Error[];
}

/**
 * A target that answers from a recording made by `--record` (or `createRecorder` of
 * `@mcc/gateway`): integrators' unit tests, and the conformance cases that need no control
 * (capabilities {@link recordingCapabilities}), run against what their TVox really said. Each
 * call of this function reads the recording afresh, so each test replays it from the start. A call
 * the recording has no answer for throws `ReplayMissError`; the target's `misses` lists them.
 * Needs `@mcc/gateway` installed.
 */
export async function createRecordingTarget(
  dir: string,
  options: RecordingTargetOptions = {},
): Promise<RecordingTarget> {
  let gateway: ReplayModule;
  try {
    // A specifier in a variable: resolved at run time only, so the testkit builds without it.
    const specifier: string = GATEWAY_MODULE;
    gateway = (await import(specifier)) as ReplayModule;
  } catch (error) {
    if (
      (error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' &&
      String(error).includes(GATEWAY_MODULE)
    )
      throw new Error(
        `a recording target needs ${GATEWAY_MODULE}, which is not installed: npm install ${GATEWAY_MODULE}`,
      );
    throw error;
  }
  const replay = gateway.createReplay((await gateway.loadRecording(dir)) as never);
  return {
    service: replay,
    misses: replay.misses,
    ...(options.subject ? { subject: options.subject } : {}),
    close: async () => {},
  };
}
