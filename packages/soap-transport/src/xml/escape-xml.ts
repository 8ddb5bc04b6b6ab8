/** What XML 1.0 cannot carry as such: most C0 controls, U+FFFE/U+FFFF and lone surrogates. */
const RESTRICTED =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 cannot carry these characters as such.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const SPECIAL = /[<>&"'\r]/;
const ESCAPES: Record<string, string> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  '"': '&quot;',
  "'": '&apos;',
  '\r': '&#13;',
};

/**
 * What to do with characters XML 1.0 cannot carry (most C0 controls): `drop` them (what every
 * strict parser accepts; the server's answers) or write them as character references
 * (`&#1;`, XML 1.1 style; the client's requests, so that the server's validation sees and
 * refuses them instead of silently receiving other data).
 */
export type RestrictedCharacters = 'drop' | 'reference';

/**
 * Escapes a string for XML character data or a quoted attribute value. `\r` is written as a
 * character reference so that it survives end-of-line normalisation.
 */
export function escapeXml(value: string, restricted: RestrictedCharacters = 'drop'): string {
  const escaped = SPECIAL.test(value) ? value.replace(/[<>&"'\r]/g, (c) => ESCAPES[c]!) : value;
  if (!RESTRICTED.test(escaped)) return escaped;
  return escaped.replace(new RegExp(RESTRICTED, 'g'), (c) =>
    restricted === 'drop' || c.length !== 1 || c === '\u0000' || c > '\u001f' ? '' : `&#${c.charCodeAt(0)};`,
  );
}
