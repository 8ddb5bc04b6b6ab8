// Property-based fuzzing of the SOAP server's readers, without HTTP: the XML parser, the envelope
// reader, the body decoders (charset, content coding) and the response writer. Runs:
// fuzzSettings (FUZZ_RUNS for the long campaign, FUZZ_SEED/FUZZ_PATH to replay a failure).
import { deflateSync, gzipSync } from 'node:zlib';
import { fastCheckParameters, fuzzSettings, nastyStrings } from '@mcc/testkit';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { EnvelopeError, readEnvelope } from '../src/envelope/read-envelope.js';
import { writeResponseEnvelope } from '../src/envelope/write-envelope.js';
import { BodyError, decodeCharset, decodeContentEncoding } from '../src/server/read-body.js';
import { soapOperations } from '../src/soap-operations.js';
import { escapeXml } from '../src/xml/escape-xml.js';
import { parseXml, XmlError } from '../src/xml/parse-xml.js';

const WELL_FORMED = [
  '<a/>',
  '<?xml version="1.0"?><s:E xmlns:s="urn:s"><s:B a="1" b=\'2\'>t&amp;&#x41;<![CDATA[<x>]]><!--c--><?p i?></s:B></s:E>',
  '<a xmlns="urn:d"><b xml:lang="en">x</b><c/></a>',
  '\ufeff<a>\u00e9\ud83d\ude00</a>',
];

/** A document: arbitrary text, or a well-formed one with a few characters inserted, removed or cut. */
const documents = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.string({
    unit: fc.constantFrom(
      '<',
      '>',
      '/',
      '!',
      '?',
      '-',
      '[',
      ']',
      '&',
      ';',
      '#',
      'x',
      ':',
      '=',
      '"',
      "'",
      ' ',
      'a',
    ),
  }),
  fc
    .tuple(
      fc.constantFrom(...WELL_FORMED),
      fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 4 }),
    )
    .map(([doc, edits]) =>
      edits.reduce((text, [at, cut, insert]) => {
        const i = at % (text.length + 1);
        return text.slice(0, i) + insert + text.slice(i + cut);
      }, doc),
    ),
);

function onlyThrows(kinds: Array<new (...args: never[]) => Error>, run: () => unknown): void {
  try {
    run();
  } catch (error) {
    if (!kinds.some((kind) => error instanceof kind)) throw error;
    expect((error as Error).message.length).toBeGreaterThan(3);
  }
}

test('the XML parser returns a tree or throws XmlError, whatever the text', () => {
  const settings = fuzzSettings(10_000);
  fc.assert(
    fc.property(documents, fc.integer({ min: 1, max: 70 }), (text, maxDepth) => {
      onlyThrows([XmlError], () => parseXml(text, { maxDepth }));
    }),
    fastCheckParameters(settings),
  );
});

test('escaped text survives the parser: what XML 1.0 can carry comes back unchanged (controls, noncharacters, lone surrogates dropped)', () => {
  const settings = fuzzSettings(5000);
  const text = fc.oneof(
    fc.string({ unit: 'binary' }),
    fc.string({ unit: 'grapheme' }),
    fc.constantFrom(...nastyStrings),
  );
  fc.assert(
    fc.property(text, (value) => {
      const carried = value.replace(
        // biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 cannot carry these characters.
        /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
        '',
      );
      expect(parseXml(`<a b="${escapeXml(value)}">${escapeXml(value)}</a>`)).toMatchObject({
        text: carried,
        // Attribute-value normalisation (XML 1.0 §3.3.3): a literal tab or line feed reads as a space.
        attributes: { b: carried.replace(/[\t\n]/g, ' ') },
      });
    }),
    fastCheckParameters(settings),
  );
});

test('the envelope reader returns an envelope or throws XmlError / EnvelopeError', () => {
  const settings = fuzzSettings(5000);
  const soap = fc
    .tuple(
      fc.constantFrom(
        'http://schemas.xmlsoap.org/soap/envelope/',
        'http://www.w3.org/2003/05/soap-envelope',
        'urn:x',
      ),
      documents,
    )
    .map(([ns, inner]) => `<s:Envelope xmlns:s="${ns}"><s:Body>${inner}</s:Body></s:Envelope>`);
  fc.assert(
    fc.property(fc.oneof(documents, soap), (text) => {
      onlyThrows([XmlError, EnvelopeError], () => readEnvelope(text, 64));
    }),
    fastCheckParameters(settings),
  );
});

test('the body decoders answer text or a BodyError for any bytes, charset and coding', async () => {
  const settings = fuzzSettings(2000);
  const bytes = fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a));
  const body = fc.oneof(
    bytes,
    bytes.map((b) => gzipSync(b)),
    bytes.map((b) => deflateSync(b)),
    bytes.map((b) => gzipSync(b).subarray(0, 12)),
  );
  const coding = fc.option(
    fc.constantFrom('gzip', 'x-gzip', 'deflate', 'identity', ' GZIP ', 'br', 'gzip, gzip', ''),
    {
      nil: undefined,
    },
  );
  const charset = fc.option(
    fc.oneof(
      fc.constantFrom(
        'utf-8',
        'UTF8',
        'utf-16',
        'utf-16be',
        'latin1',
        'iso-8859-15',
        'shift_jis',
        'x-user-defined',
        '',
      ),
      fc.string({ maxLength: 12 }),
    ),
    { nil: undefined },
  );
  await fc.assert(
    fc.asyncProperty(body, coding, charset, async (raw, contentEncoding, label) => {
      try {
        const decoded = decodeCharset(await decodeContentEncoding(raw, contentEncoding, 4096), label);
        expect(typeof decoded).toBe('string');
      } catch (error) {
        expect(error).toBeInstanceOf(BodyError);
      }
    }),
    fastCheckParameters(settings),
  );
});

test('every response the server writes parses strictly, whatever strings the result holds', () => {
  const settings = fuzzSettings(3000);
  const value = fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom(...nastyStrings));
  fc.assert(
    fc.property(
      fc.constantFrom(...soapOperations),
      value,
      value,
      fc.constantFrom('1.1', '1.2'),
      (op, a, b, version) => {
        const result = {
          result: 'FAILED',
          sessionId: a,
          failReasonMessage: b,
          customMessage: a,
          data: b,
          sessionData: a,
        };
        const text = writeResponseEnvelope(op, result, version as '1.1', 'http://mcc.tvox/');
        const envelope = readEnvelope(Buffer.from(text, 'utf8').toString('utf8'));
        expect(envelope.payload?.local).toBe(`${op.soapName}Response`);
      },
    ),
    fastCheckParameters(settings),
  );
});
