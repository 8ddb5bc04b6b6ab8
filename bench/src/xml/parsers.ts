import { XMLParser, XMLValidator } from 'fast-xml-parser';
import sax from 'sax';
import { SaxesParser } from 'saxes';
import { parseXml } from '../../../packages/soap-transport/src/xml/parse-xml.js';
import { parseXml as handWritten } from './hand-written-parse-xml.js';

/** A parser under test: parses `text`, returns whether it accepted it. */
export type Candidate = (text: string) => boolean;

function accepted(run: () => unknown): boolean {
  try {
    run();
    return true;
  } catch {
    return false;
  }
}

const fxp = new XMLParser({ ignoreAttributes: false, removeNSPrefix: false, processEntities: true });

/** Name → candidate. "mcc" is what the SOAP transport runs: saxes under the limits. */
export const candidates: Readonly<Record<string, Candidate>> = {
  'mcc (saxes + limits)': (text) => accepted(() => parseXml(text)),
  'saxes (no limits)': (text) =>
    accepted(() => {
      const parser = new SaxesParser({ xmlns: true, position: false });
      parser.write(text).close();
    }),
  'hand-written (before)': (text) => accepted(() => handWritten(text, { maxDepth: 64 })),
  'sax (strict, xmlns)': (text) =>
    accepted(() => {
      const parser = sax.parser(true, { xmlns: true });
      parser.onerror = (error) => {
        throw error;
      };
      parser.write(text).close();
    }),
  'fast-xml-parser (validate + parse)': (text) =>
    accepted(() => {
      if (XMLValidator.validate(text) !== true) throw new Error('invalid');
      fxp.parse(text);
    }),
};
