/** A value no identifier may hold, as each transport can carry it. */
export interface BadIdentifier {
  readonly name: string;
  /** Percent-encoded for a query string (invalid UTF-8 included). */
  readonly query: string;
  /**
   * As written in XML character data, or undefined when no XML document can carry it (a lone
   * surrogate, U+FFFE): then a SOAP request with it is malformed XML.
   */
  readonly xml: string;
  /** Whether a strict XML 1.0 parser refuses `xml` (raw C0 controls, references to U+FFFE…). */
  readonly xmlMalformed: boolean;
  /** False when `query` is not valid UTF-8 (a strict decoder refuses the bytes). */
  readonly valid: boolean;
}

const hex = (code: number) => code.toString(16).toUpperCase().padStart(2, '0');

/** `a<c>b` with the character `code`, percent-encoded as UTF-8. */
function wrapped(code: number): string {
  return `a${encodeURIComponent(String.fromCodePoint(code))}b`;
}

/**
 * Every control character (C0, DEL, C1), the noncharacters, U+FFFD, lone surrogates and invalid
 * UTF-8: what the boundary check refuses in ids (issue 15, 6 and 9), for REST and SOAP alike.
 */
export const badIdentifiers: readonly BadIdentifier[] = [
  ...Array.from({ length: 32 }, (_, code) => ({
    name: `C0 U+00${hex(code)}`,
    query: wrapped(code),
    // Raw C0 is malformed XML (tab/LF/CR are content, but refused in ids); references to them
    // are the documented tolerance (reach validation), except &#0; which no XML can carry.
    xml: code === 0x09 || code === 0x0a || code === 0x0d ? `a${String.fromCharCode(code)}b` : `a&#${code};b`,
    xmlMalformed: code === 0,
    valid: true,
  })),
  { name: 'DEL', query: wrapped(0x7f), xml: 'a\u007fb', xmlMalformed: false, valid: true },
  ...Array.from({ length: 32 }, (_, i) => ({
    name: `C1 U+00${hex(0x80 + i)}`,
    query: wrapped(0x80 + i),
    xml: `a${String.fromCharCode(0x80 + i)}b`,
    xmlMalformed: false,
    valid: true,
  })),
  { name: 'U+FFFD', query: 'a%EF%BF%BDb', xml: 'a\ufffdb', xmlMalformed: false, valid: true },
  { name: 'U+FFFE', query: 'a%EF%BF%BEb', xml: 'a&#xFFFE;b', xmlMalformed: true, valid: true },
  { name: 'U+FFFF', query: 'a%EF%BF%BFb', xml: 'a&#xFFFF;b', xmlMalformed: true, valid: true },
  { name: 'U+FDD0', query: 'a%EF%B7%90b', xml: 'a\ufdd0b', xmlMalformed: false, valid: true },
  { name: 'U+FDEF', query: 'a%EF%B7%AFb', xml: 'a\ufdefb', xmlMalformed: false, valid: true },
  { name: 'U+1FFFE', query: 'a%F0%9F%BF%BEb', xml: 'a\u{1fffe}b', xmlMalformed: false, valid: true },
  { name: 'U+10FFFF', query: 'a%F4%8F%BF%BFb', xml: 'a\u{10ffff}b', xmlMalformed: false, valid: true },
  { name: 'invalid UTF-8 FF', query: 'a%FFb', xml: 'a&#xD800;b', xmlMalformed: true, valid: false },
  { name: 'invalid UTF-8 FE', query: 'a%FEb', xml: 'a&#xDFFF;b', xmlMalformed: true, valid: false },
  {
    name: 'invalid UTF-8 lone continuation',
    query: 'a%80b',
    xml: 'a&#xDC00;b',
    xmlMalformed: true,
    valid: false,
  },
  { name: 'overlong NUL', query: 'a%C0%80b', xml: 'a&#0;b', xmlMalformed: true, valid: false },
  { name: 'encoded surrogate', query: 'a%ED%A0%80b', xml: 'a&#55296;b', xmlMalformed: true, valid: false },
  { name: 'truncated sequence', query: 'a%E2%82b', xml: 'a&#x110000;b', xmlMalformed: true, valid: false },
];

/** Names that are members of `Object.prototype` (or special to it): never looked up in plain objects. */
export const prototypeNames: readonly string[] = [
  '__proto__',
  'constructor',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__lookupGetter__',
];

/** Channel ids that are not a channel: NBSP and other Unicode spaces, junk, out of range. */
export const badChannelIds: readonly string[] = [
  '%C2%A0',
  '%C2%A01003',
  '1003%C2%A0',
  '%E2%80%83',
  '%E3%80%801003',
  'abc',
  '1e3',
  '0x3EB',
  '1003.0',
  '-1',
  '99999999999999999',
  '1003%00',
];
