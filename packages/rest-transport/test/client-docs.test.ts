import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { operationNames, operations } from '@mcc/core';
import ts from 'typescript';
import { afterAll, describe, expect, test } from 'vitest';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * What an editor shows: a probe calling every operation through both clients is type-checked with
 * the package's own tsconfig, and the documentation of each request and result field is read the
 * way a hover reads it (the checker's documentation comment of the property).
 */
const probeDir = mkdtempSync(join(packageDir, 'test', '.probe-'));
afterAll(() => rmSync(probeDir, { recursive: true, force: true }));

const probeFile = join(probeDir, 'probe.ts');
writeFileSync(
  probeFile,
  [
    "import { createRestClient } from '../../src/client/index.js';",
    // The SOAP client from its sources (this package does not depend on it; the probe only reads types).
    "import { createSoapClient } from '../../../soap-transport/src/client/index.js';",
    "const rest = createRestClient({ baseUrl: 'http://127.0.0.1:1' });",
    "const soap = createSoapClient({ baseUrl: 'http://127.0.0.1:1' });",
    ...operationNames.flatMap((op) => [
      `export const rest_${op} = rest.${op};`,
      `export const soap_${op} = soap.${op};`,
    ]),
  ].join('\n'),
);

const config = ts.getParsedCommandLineOfConfigFile(
  join(packageDir, 'tsconfig.json'),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: () => {},
  },
)!;
const program = ts.createProgram([probeFile], { ...config.options, noEmit: true });
const checker = program.getTypeChecker();
const source = program.getSourceFile(probeFile)!;

function declared(name: string): ts.Signature {
  const symbol = checker.getSymbolsInScope(source, ts.SymbolFlags.Variable).find((s) => s.name === name)!;
  const type = checker.getTypeOfSymbolAtLocation(symbol, source);
  return type.getCallSignatures()[0]!;
}

function docs(type: ts.Type): Record<string, string> {
  const out: Record<string, string> = {};
  for (const member of type.isUnion() ? type.types : [type]) {
    for (const prop of member.getProperties())
      out[prop.name] = ts.displayPartsToString(prop.getDocumentationComment(checker));
  }
  return out;
}

describe.each(['rest', 'soap'])('the %s client shows the reference on hover', (client) => {
  test('the probe type-checks', () => {
    expect(
      ts
        .getPreEmitDiagnostics(program, source)
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
    ).toEqual([]);
  });

  test.each(operationNames)('%s: request and result show by their reference names', (operation) => {
    const signature = declared(`${client}_${operation}`);
    const request = checker.getTypeOfSymbolAtLocation(signature.parameters[0]!, source);
    const name = `${operation[0]!.toUpperCase()}${operation.slice(1)}Request`;
    expect(checker.typeToString(request)).toBe(name);
    expect(checker.typeToString(signature.getReturnType())).toBe(
      `Promise<${operations[operation].result.name}>`,
    );
  });

  test.each(operationNames)('%s: every request field has the parameter’s description', (operation) => {
    const signature = declared(`${client}_${operation}`);
    const request = checker.getTypeOfSymbolAtLocation(signature.parameters[0]!, source);
    const expected = Object.fromEntries(
      Object.entries(operations[operation].request).map(([name, param]) => [
        name,
        param.description.endsWith('.') ? param.description : `${param.description}.`,
      ]),
    );
    expect(docs(request)).toEqual(expected);
  });

  test.each(operationNames)('%s: every result field is documented', (operation) => {
    const signature = declared(`${client}_${operation}`);
    const result = checker.getAwaitedType(signature.getReturnType())!;
    const fields = docs(result);
    expect(Object.keys(fields).sort()).toEqual(Object.keys(operations[operation].result.wire.shape).sort());
    for (const [name, text] of Object.entries(fields)) expect(text, name).not.toBe('');
  });
});
