import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const goldenDir = fileURLToPath(new URL('../golden/', import.meta.url));

/** The `xs:schema` of a WSDL as a standalone XSD document (the WSDL's namespace declarations copied onto it). */
export function schemaOfWsdl(wsdl: string): string {
  const start = wsdl.indexOf('<xs:schema');
  const end = wsdl.indexOf('</xs:schema>') + '</xs:schema>'.length;
  const definitions = wsdl.slice(
    wsdl.indexOf('<wsdl:definitions'),
    wsdl.indexOf('>', wsdl.indexOf('<wsdl:definitions')),
  );
  const declarations = [...definitions.matchAll(/xmlns:(xs|tns)="[^"]*"/g)].map((m) => m[0]).join(' ');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${wsdl.slice(start, end).replace('<xs:schema', `<xs:schema ${declarations}`)}\n`;
}

/**
 * Writes a driver schema importing the SOAP envelope schema of `version` and the WSDL's types,
 * and returns a function validating XML files against it with `xmllint --schema`.
 */
export function envelopeValidator(wsdl: string, namespace: string, version: '1.1' | '1.2') {
  const dir = mkdtempSync(join(tmpdir(), 'mcc-xsd-'));
  const envelopeNs =
    version === '1.1'
      ? 'http://schemas.xmlsoap.org/soap/envelope/'
      : 'http://www.w3.org/2003/05/soap-envelope';
  writeFileSync(join(dir, 'mcc.xsd'), schemaOfWsdl(wsdl));
  writeFileSync(
    join(dir, 'driver.xsd'),
    `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:mcc:test:driver">
  <xs:import namespace="${envelopeNs}" schemaLocation="${join(goldenDir, `soap-envelope-${version}.xsd`)}"/>
  <xs:import namespace="${namespace}" schemaLocation="${join(dir, 'mcc.xsd')}"/>
</xs:schema>
`,
  );
  return async (xmlFile: string): Promise<{ ok: boolean; output: string }> => {
    try {
      const { stderr } = await run('xmllint', [
        '--noout',
        '--nonet',
        '--schema',
        join(dir, 'driver.xsd'),
        xmlFile,
      ]);
      return { ok: true, output: stderr };
    } catch (error) {
      return { ok: false, output: String((error as { stderr?: string }).stderr ?? error) };
    }
  };
}

/** Validates an XML string by writing it to a temporary file. */
export async function validateString(
  validate: (file: string) => Promise<{ ok: boolean; output: string }>,
  xml: string,
) {
  const file = join(mkdtempSync(join(tmpdir(), 'mcc-xml-')), 'doc.xml');
  writeFileSync(file, xml);
  return validate(file);
}
