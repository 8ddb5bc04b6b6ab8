// The hand-written parser the SOAP transport used before saxes (commit 3603337), kept here only
// to be measured against its replacement (docs/benchmarks.md, "XML parser"). Not used anywhere else.
/** Namespace of the `xml:` prefix, bound in every document. */
const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

/** One element of a parsed document, with its namespace resolved. */
export interface XmlElement {
  /** The name as written (`soap:Body`). */
  readonly name: string;
  /** The local part (`Body`). */
  readonly local: string;
  /** The namespace URI ('' when none). */
  readonly ns: string;
  /** Attributes by name as written, namespace declarations excluded; values decoded. */
  readonly attributes: Readonly<Record<string, string>>;
  /** Prefix → namespace URI in scope on this element ('' = default namespace). */
  readonly scope: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  /** The element's own character data (text and CDATA), concatenated; entities decoded. */
  text: string;
}

/** Why a document was refused. */
export type XmlErrorCode = 'MALFORMED' | 'DTD_FORBIDDEN' | 'TOO_DEEP';

/** A document that is not well-formed, declares a DTD, or nests too deep. */
export class XmlError extends Error {
  override readonly name = 'XmlError';
  constructor(
    readonly code: XmlErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Limits of {@link parseXml}. */
export interface ParseXmlOptions {
  /** Deepest element nesting accepted. Default 64. */
  maxDepth?: number;
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const NAME =
  /^[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7\u00C0-\uFFFF]*(?::[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7\u00C0-\uFFFF]*)?$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 forbids these characters.
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** XML white space (space, tab, CR, LF), by char code. */
function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** Names already checked against {@link NAME}: SOAP messages repeat the same few. Bounded. */
const validNames = new Set<string>();
const MAX_VALID_NAMES = 512;

/** Whether `name` is an XML name (QName syntax), remembering the answer for frequent names. */
function isName(name: string): boolean {
  if (validNames.has(name)) return true;
  if (!NAME.test(name)) return false;
  if (validNames.size < MAX_VALID_NAMES && name.length <= 64) validNames.add(name);
  return true;
}

function malformed(message: string): never {
  throw new XmlError('MALFORMED', message);
}

/** Decodes the five predefined entities and character references; anything else is malformed. */
export function decodeEntities(raw: string): string {
  if (FORBIDDEN_CHARS.test(raw)) malformed('forbidden character in document');
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;&<]{0,10});?/g, (match, body: string) => {
    if (!match.endsWith(';')) malformed('unterminated entity reference');
    if (body.startsWith('#')) {
      const code = body[1] === 'x' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      const valid = /^#(x[0-9a-fA-F]+|[0-9]+)$/.test(body) && code > 0 && code <= 0x10ffff;
      const char = valid ? String.fromCodePoint(code) : '';
      // References to C0 controls (XML 1.1's RestrictedChar) are accepted: they reach validation.
      if (!valid || code === 0xfffe || code === 0xffff || (code >= 0xd800 && code <= 0xdfff)) {
        malformed(`invalid character reference &${body};`);
      }
      return char;
    }
    const value = PREDEFINED[body];
    if (value === undefined) malformed(`undefined entity &${body};`);
    return value;
  });
}

function resolve(
  scope: Record<string, string>,
  qname: string,
  isAttribute: boolean,
): { local: string; ns: string } {
  const colon = qname.indexOf(':');
  if (colon < 0) return { local: qname, ns: isAttribute ? '' : (scope[''] ?? '') };
  const prefix = qname.slice(0, colon);
  const ns = prefix === 'xml' ? XML_NAMESPACE : scope[prefix];
  if (ns === undefined || ns === '') malformed(`undeclared namespace prefix "${prefix}"`);
  return { local: qname.slice(colon + 1), ns };
}

/**
 * A strict, namespace-aware XML parser for SOAP messages and WSDL documents. It refuses what a
 * SOAP endpoint must never process: any DTD (so no entity declarations, no XXE, no entity
 * expansion), undeclared prefixes, mismatched tags, and nesting deeper than `maxDepth`. It keeps
 * elements, attributes and character data; comments and processing instructions are skipped.
 * Iterative (no recursion), one pass over the text.
 *
 * @throws XmlError with code `MALFORMED`, `DTD_FORBIDDEN` or `TOO_DEEP`.
 */
export function parseXml(text: string, options: ParseXmlOptions = {}): XmlElement {
  const maxDepth = options.maxDepth ?? 64;
  const length = text.length;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  while (i < length) {
    const lt = text.indexOf('<', i);
    const end = lt < 0 ? length : lt;
    if (end > i) {
      const chunk = text.slice(i, end);
      const top = stack[stack.length - 1];
      if (top) top.text += decodeEntities(chunk);
      else if (chunk.trim() !== '') malformed('text outside the root element');
    }
    if (lt < 0) break;
    i = lt;
    const next = text.charCodeAt(i + 1);
    if (next === 0x2f /* / */) {
      const close = text.indexOf('>', i);
      if (close < 0) malformed('unterminated end tag');
      const name = text.slice(i + 2, close).trimEnd();
      const top = stack.pop();
      if (!top || top.name !== name) malformed(`unexpected end tag </${name}>`);
      i = close + 1;
    } else if (next === 0x21 /* ! */) {
      if (text.startsWith('<!--', i)) {
        const close = text.indexOf('-->', i + 4);
        if (close < 0) malformed('unterminated comment');
        i = close + 3;
      } else if (text.startsWith('<![CDATA[', i)) {
        const close = text.indexOf(']]>', i + 9);
        const top = stack[stack.length - 1];
        if (close < 0 || !top) malformed('misplaced or unterminated CDATA section');
        const data = text.slice(i + 9, close);
        if (FORBIDDEN_CHARS.test(data)) malformed('forbidden character in document');
        top.text += data;
        i = close + 3;
      } else if (text.startsWith('<!DOCTYPE', i) || text.startsWith('<!ENTITY', i)) {
        throw new XmlError('DTD_FORBIDDEN', 'document type declarations are not accepted');
      } else {
        malformed('unexpected markup declaration');
      }
    } else if (next === 0x3f /* ? */) {
      const close = text.indexOf('?>', i + 2);
      if (close < 0) malformed('unterminated processing instruction');
      i = close + 2;
    } else {
      i = readStartTag(i + 1);
    }
  }
  if (stack.length > 0) malformed(`unclosed element <${stack[stack.length - 1]!.name}>`);
  if (!root) malformed('no root element');
  return root;

  function readStartTag(start: number): number {
    let p = start;
    while (p < length) {
      const c = text.charCodeAt(p);
      if (c === 0x3e || c === 0x2f || isSpace(c)) break;
      p++;
    }
    const name = text.slice(start, p);
    if (!isName(name)) malformed(`invalid element name "${name.slice(0, 40)}"`);
    const raw: [string, string][] = [];
    let declares: Record<string, string> | undefined;
    let selfClosing = false;
    for (;;) {
      while (p < length && isSpace(text.charCodeAt(p))) p++;
      if (p >= length) malformed(`unterminated start tag <${name}>`);
      const c = text[p];
      if (c === '>') {
        p++;
        break;
      }
      if (c === '/') {
        if (text[p + 1] !== '>') malformed(`invalid start tag <${name}>`);
        selfClosing = true;
        p += 2;
        break;
      }
      const eq = text.indexOf('=', p);
      if (eq < 0) malformed(`attribute without value in <${name}>`);
      const attrName = text.slice(p, eq).trimEnd();
      if (!isName(attrName)) malformed(`invalid attribute name in <${name}>`);
      p = eq + 1;
      while (p < length && isSpace(text.charCodeAt(p))) p++;
      const quote = text[p];
      if (quote !== '"' && quote !== "'") malformed(`unquoted attribute value in <${name}>`);
      const close = text.indexOf(quote, p + 1);
      if (close < 0) malformed(`unterminated attribute value in <${name}>`);
      const rawValue = text.slice(p + 1, close);
      if (rawValue.includes('<')) malformed(`"<" in an attribute value of <${name}>`);
      const value = decodeEntities(rawValue);
      p = close + 1;
      const after = text.charCodeAt(p);
      if (!(isSpace(after) || after === 0x2f || after === 0x3e))
        malformed(`missing space between attributes of <${name}>`);
      if (attrName === 'xmlns' || attrName.startsWith('xmlns:')) {
        declares ??= {};
        declares[attrName === 'xmlns' ? '' : attrName.slice(6)] = value;
      } else {
        if (raw.some(([n]) => n === attrName)) malformed(`duplicate attribute ${attrName} in <${name}>`);
        raw.push([attrName, value]);
      }
    }
    const parent = stack[stack.length - 1];
    if (!parent && root) malformed('more than one root element');
    const parentScope = parent?.scope ?? {};
    const scope = declares ? { ...parentScope, ...declares } : parentScope;
    const { local, ns } = resolve(scope, name, false);
    const attributes: Record<string, string> = {};
    for (const [attrName, value] of raw) {
      if (attrName.includes(':')) resolve(scope, attrName, true);
      attributes[attrName] = value;
    }
    const element: XmlElement = { name, local, ns, attributes, scope, children: [], text: '' };
    if (parent) parent.children.push(element);
    else root = element;
    if (stack.length >= maxDepth) throw new XmlError('TOO_DEEP', `elements nest deeper than ${maxDepth}`);
    if (!selfClosing) stack.push(element);
    return p;
  }
}

/** The value of attribute `{ns}local` on `element`, whatever prefix it was written with. */
export function attributeNs(element: XmlElement, ns: string, local: string): string | undefined {
  for (const [name, value] of Object.entries(element.attributes)) {
    const colon = name.indexOf(':');
    if (colon < 0 || name.slice(colon + 1) !== local) continue;
    if (element.scope[name.slice(0, colon)] === ns) return value;
  }
  return undefined;
}

/** Resolves a QName written in content or an attribute value (`tns:startSession`) on `element`. */
export function resolveQName(element: XmlElement, qname: string): { local: string; ns: string } {
  const colon = qname.indexOf(':');
  if (colon < 0) return { local: qname, ns: element.scope[''] ?? '' };
  return { local: qname.slice(colon + 1), ns: element.scope[qname.slice(0, colon)] ?? '' };
}

/** The first child element with local name `local` (and namespace `ns` when given). */
export function childElement(element: XmlElement, local: string, ns?: string): XmlElement | undefined {
  return element.children.find((c) => c.local === local && (ns === undefined || c.ns === ns));
}
