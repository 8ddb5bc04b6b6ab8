import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Listening } from '../support/listen.js';
import { listenMatrixServer } from './matrix-server.js';
import { readCells, run } from './stacks.js';

// SOAP 1.2 stays available (the handler's soap12 option adds the 1.2 port to the WSDL; the
// default WSDL has the 1.1 port only, see the gSOAP cell of matrix.test.ts): zeep bound to that
// port reads a business failure and an injected Server fault (a 1.2 Receiver fault).
let server: Listening;
let cells: Map<string, string>;
let output: string;

beforeAll(async () => {
  server = await listenMatrixServer({ soap12: true });
  const script = fileURLToPath(new URL('./zeep_soap12.py', import.meta.url));
  const ran = await run({ file: '/usr/bin/python3', args: [script, `${server.origin}/mc/cxf/soap?wsdl`] });
  output = `${ran.stdout}\n${ran.stderr}`;
  cells = readCells(ran.stdout);
}, 60_000);
afterAll(() => server?.close());

test.each(['SOAP 1.2 business failure', 'SOAP 1.2 server fault'])('zeep: %s', (cell) => {
  expect(cells.get(cell), output).toBe('ok');
});
