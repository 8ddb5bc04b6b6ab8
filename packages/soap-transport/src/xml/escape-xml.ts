// biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 cannot carry these characters at all.
const UNREPRESENTABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
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
 * Escapes a string for XML character data or a quoted attribute value. `\r` is written as a
 * character reference so that it survives end-of-line normalisation; characters XML 1.0 cannot
 * represent at all (most C0 controls) are dropped.
 */
export function escapeXml(value: string): string {
  const clean = UNREPRESENTABLE.test(value) ? value.replace(new RegExp(UNREPRESENTABLE, 'g'), '') : value;
  return SPECIAL.test(clean) ? clean.replace(/[<>&"'\r]/g, (c) => ESCAPES[c]!) : clean;
}
