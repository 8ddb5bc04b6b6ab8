import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listenRestMatrix, MATRIX_TOKEN, type RestMatrix } from './rest-matrix-server.js';

// The REST half of the interop matrix (issue 14): clients generated from the OpenAPI document the
// server serves, as integrators generate them, type-checked with tsc --strict (and
// exactOptionalPropertyTypes, noUncheckedIndexedAccess, skipLibCheck off), then run against a
// server that requires credentials: the eight operations, a business failure, 401, an injected
// 503 and an over-limit body (413), each read as the problem the document declares.
// MCC_INTEROP_REPEAT repeats the 503 and 413 calls (default 3).
const repeat = Number(process.env.MCC_INTEROP_REPEAT ?? 3);
const packageDir = fileURLToPath(new URL('../..', import.meta.url));
const bin = (name: string) => join(packageDir, 'node_modules', '.bin', name);
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const clients = (name: string) => fileURLToPath(new URL(`./clients/${name}`, import.meta.url));

const CELLS = [
  'startSession',
  'sessionAccept',
  'checkSessionState',
  'setSessionData',
  'checkSessionStateWithData',
  'getServiceState',
  'logoutAgentFromChannel',
  'closeSession',
  'business failure',
  'unauthorized',
  'server fault',
  'over limit',
] as const;

function run(
  file: string,
  args: string[],
  cwd: string,
): Promise<{ code: number; output: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { cwd, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(new Error(`${file}: ${error.message}\n${stderr}`));
      else
        resolve({
          code: typeof error?.code === 'number' ? error.code : 0,
          output: `${stdout}\n${stderr}`,
          stdout,
        });
    });
  });
}

async function step(file: string, args: string[], cwd: string): Promise<void> {
  const ran = await run(file, args, cwd);
  if (ran.code !== 0) throw new Error(`${file} ${args.join(' ')} exited ${ran.code}:\n${ran.output}`);
}

const STRICT = {
  strict: true,
  noEmit: true,
  target: 'es2022',
  module: 'nodenext',
  moduleResolution: 'nodenext',
  skipLibCheck: false,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  types: ['node'],
};

/** One generator: writes the client's generated code into `dir` and answers how to run the client. */
interface Generator {
  name: string;
  client: string;
  generate(dir: string, server: RestMatrix): Promise<string[]>;
}

const GENERATORS: Generator[] = [
  {
    name: 'openapi-typescript + openapi-fetch',
    client: 'openapi-fetch-client.ts',
    generate: async (dir, server) => {
      await step(bin('openapi-typescript'), ['openapi.json', '-o', 'schema.d.ts'], dir);
      return [server.baseUrl, MATRIX_TOKEN, String(repeat)];
    },
  },
  {
    name: 'orval 8 (fetch client)',
    client: 'orval-client.ts',
    generate: async (dir, server) => {
      const config = {
        mcc: {
          input: { target: './openapi.json' },
          output: { target: './orval/mcc.ts', client: 'fetch', mode: 'single', baseUrl: server.baseUrl },
        },
      };
      await writeFile(join(dir, 'orval.config.mjs'), `export default ${JSON.stringify(config)};\n`);
      await step(bin('orval'), ['--config', 'orval.config.mjs'], dir);
      return [MATRIX_TOKEN, String(repeat)];
    },
  },
];

for (const generator of GENERATORS) {
  describe(generator.name, () => {
    let server: RestMatrix;
    let dir = '';
    let typecheck = '';
    const cells = new Map<string, string>();
    let output = '';
    let broken: unknown;

    beforeAll(async () => {
      try {
        server = await listenRestMatrix();
        // Inside the package's node_modules, so that the client resolves openapi-fetch and @types/node.
        await mkdir(join(packageDir, 'node_modules', '.cache'), { recursive: true });
        dir = await mkdtemp(join(packageDir, 'node_modules', '.cache', 'mcc-interop-'));
        const document = await (await fetch(`${server.origin}/mc/cxf/rest/openapi.json`)).text();
        await writeFile(join(dir, 'openapi.json'), document);
        await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');
        await copyFile(clients(generator.client), join(dir, generator.client));
        const args = await generator.generate(dir, server);
        const tsconfig = { compilerOptions: STRICT, files: [generator.client] };
        await writeFile(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
        const checked = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], dir);
        typecheck = checked.code === 0 ? 'ok' : checked.output;
        const ran = await run(process.execPath, ['--import', 'tsx', generator.client, ...args], dir);
        output = ran.output;
        for (const line of ran.stdout.split('\n')) {
          const match = /^([^:]+): (ok|FAILED.*)$/.exec(line.trim());
          if (match?.[1] && match[2]) cells.set(match[1], match[2]);
        }
      } catch (error) {
        broken = error;
      }
    }, 240_000);
    afterAll(async () => {
      await server?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    test('the generated client type-checks with tsc --strict', () => {
      if (broken) throw broken;
      expect(typecheck).toBe('ok');
    });
    test.each(CELLS)('%s', (cell) => {
      if (broken) throw broken;
      expect(cells.get(cell), output).toBe('ok');
    });
  });
}
