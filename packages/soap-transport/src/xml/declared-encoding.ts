import { cutText } from './cut-text.js';

/** The declared encodings met on nearly every request (CXF, .NET, the reference client). */
const UTF8 = /^utf-?8$/i;

/** The longest part of a declared encoding quoted in an error message. */
const MAX_QUOTED = 40;

/**
 * Why the encoding an XML declaration names is refused, or `undefined` when it is one the body
 * can have been decoded from. The body reaches the parser as text, decoded from its bytes in the
 * charset of the `Content-Type` (default UTF-8; see `decodeCharset`, which reads any WHATWG
 * Encoding label); so the declaration names UTF-8, in any case, with or without the hyphen, or an
 * encoding label the decoder knows (`ISO-8859-1` of a Latin-1 client). A name no decoder reads
 * (`UTF`, `UTF-8x`) is a document no conforming parser reads either: refused, as libxml2 does.
 */
export function declaredEncodingRefusal(encoding: string | undefined): string | undefined {
  if (encoding === undefined || UTF8.test(encoding)) return undefined;
  try {
    new TextDecoder(encoding);
    return undefined;
  } catch {
    return `the declared encoding "${cutText(encoding, MAX_QUOTED)}" is not one this server reads (send UTF-8)`;
  }
}
