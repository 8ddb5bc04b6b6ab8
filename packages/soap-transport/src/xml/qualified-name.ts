/**
 * Whether a character a name holds may not start one (XML 1.0 [4a] NameChar minus [4]
 * NameStartChar): `-`, `.`, digits, U+00B7, combining marks U+0300–U+036F, U+203F–U+2040.
 */
function isNameCharOnly(code: number): boolean {
  return (
    code === 0x2d ||
    code === 0x2e ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0xb7 ||
    (code >= 0x300 && code <= 0x36f) ||
    code === 0x203f ||
    code === 0x2040
  );
}

/**
 * Whether `local`, the part after the colon of a name saxes has read, is an NCName (Namespaces in
 * XML 1.0 [4]). saxes checks the whole name as an XML Name and splits it at its one colon, so the
 * prefix starts as a name and every other character is a NameChar already; only the first
 * character of the local part is left to check (`xml:--g` is a Name, not a QName).
 */
export function isLocalPartNCName(local: string): boolean {
  return !isNameCharOnly(local.charCodeAt(0));
}
