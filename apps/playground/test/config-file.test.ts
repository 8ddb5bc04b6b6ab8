import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadContactCenterConfig } from '../src/config-file.js';
import { call, playground } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'mcc-config-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('MCC_CONFIG files', () => {
  test('a YAML contact center is loaded and served', async () => {
    const path = file(
      'small.yaml',
      `name: Small
channels:
  - { id: 1003, licences: 1 }
services:
  - code: HELP
    channels: [1003]
agents:
  - username: zoe
    profiles: [1003]
    skills: [HELP]
    autoAnswer: 0
    loggedInAtStart: [1003]
`,
    );
    const p = await playground({ config: path });
    const started = await call(`${p.url}/mc/cxf/rest/json/startSession?channelId=1003&serviceid=HELP`);
    const accepted = await call(
      `${p.url}/mc/cxf/rest/json/sessionAccept?sessionId=${started.body.sessionId}`,
    );
    expect(accepted.body).toMatchObject({ result: 'SUCCESS', status: 'ASSIGNED' });
    expect(
      (await call(`${p.url}/mc/cxf/rest/json/startSession?channelId=1003&serviceid=HELP`)).body.failReason,
    ).toBe('NO_LICENSE');
  });

  test('validation errors point at the line and column of the value at fault (YAML)', () => {
    const path = file(
      'bad.yaml',
      `channels:
  - id: 1003
    licences: -4
services:
  - code: HELP
    timeZone: Europe/Rom
`,
    );
    expect(() => loadContactCenterConfig(path)).toThrow(`${path}:3:15: channels[0].licences:`);
    expect(() => loadContactCenterConfig(path)).toThrow(
      `${path}:6:15: services[0].timeZone: must be an IANA time zone`,
    );
  });

  test('validation errors point at the line in JSON too; syntax errors have positions', () => {
    const json = file('bad.json', '{\n  "channels": [\n    { "id": 7, "licences": 1 }\n  ]\n}\n');
    expect(() => loadContactCenterConfig(json)).toThrow(
      `${json}:3:13: channels[0].id: must be one of the MCC channels`,
    );
    const broken = file('broken.yaml', 'channels: [\n  { id: 1\n');
    expect(() => loadContactCenterConfig(broken)).toThrow(/broken\.yaml:\d+:\d+: /);
    expect(() => loadContactCenterConfig(join(dir, 'missing.yaml'))).toThrow(/cannot read MCC_CONFIG/);
  });
});
