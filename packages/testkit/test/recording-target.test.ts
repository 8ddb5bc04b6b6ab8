import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as gateway from '@mcc/gateway';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { liveCases } from '../src/cli/live-cases.js';
import { createRecordingTarget, type ReplayModule, recordingCapabilities } from '../src/recording-target.js';
import { createEngineTarget } from '../src/target.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'mcc-recordings-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

test('the gateway module is of the shape the recording target expects (checked by the compiler too)', () => {
  const module: ReplayModule = gateway;
  expect(module.createReplay).toBe(gateway.createReplay);
  expect(recordingCapabilities).toEqual({
    control: false,
    virtualClock: false,
    configurable: false,
    storeFaults: false,
  });
});

// Every case that needs no control, recorded against the engine, then run again against nothing
// but its recording: it must pass the same way, with no call left unanswered.
describe('a recording as a target', () => {
  liveCases('write').forEach(({ group, case: c }, i) => {
    test(`${group} › ${c.name}`, async () => {
      const dir = join(root, `case-${i}`);
      const live = await createEngineTarget();
      const recorder = await gateway.createRecorder({ upstream: live.service, dir });
      await c.run({ service: recorder, close: async () => {} });
      await recorder.flush();
      await live.close();

      const target = await createRecordingTarget(dir);
      await c.run(target);
      expect(target.misses).toEqual([]);
      await target.close();
    });
  });
});

test('a call the recording has no answer for fails the test with what was missing', async () => {
  const dir = join(root, 'empty');
  const live = await createEngineTarget();
  await gateway.createRecorder({ upstream: live.service, dir });
  await live.close();
  const target = await createRecordingTarget(dir);
  await expect(target.service.checkSession({ sessionId: 'x' })).rejects.toThrow(
    'replay: the recording has no answer for checkSession { "sessionId": "x" }',
  );
  expect(target.misses).toHaveLength(1);
});
