import { SaxesParser, type SaxesTagNS } from 'saxes';
import { cutText } from './cut-text.js';
import { declaredEncodingRefusal } from './declared-encoding.js';
import { isLocalPartNCName } from './qualified-name.js';
import { DEFAULT_XML_LIMITS, type XmlLimits, xmlLimits } from './xml-limits.js';

export { DEFAULT_XML_LIMITS, type XmlLimits } from './xml-limits.js';

/** One element of a parsed document, with its namespace resolved. */
export interface XmlElement {
  /** The name as written (`soap:Body`). */
  readonly name: string;
  /** The local part (`Body`). */
  readonly local: string;
  /** The namespace URI ('' when none). */
  readonly ns: string;
  /**
   * Attributes by name as written, namespace declarations excluded; values decoded. A
   * null-prototype object: a name such as `constructor` is only ever an attribute.
   */
  readonly attributes: Readonly<Record<string, string>>;
  /**
   * Prefix → namespace URI in scope on this element ('' = default namespace). Null-prototype
   * objects chained to the parent's scope: `scope.valueOf` is `undefined` unless declared.
   */
  readonly scope: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  /** The element's own character data (text and CDATA), concatenated; entities decoded. */
  text: string;
}

/** Why a document was refused. */
export type XmlErrorCode = 'MALFORMED' | 'DTD_FORBIDDEN' | 'TOO_DEEP' | 'LIMIT_EXCEEDED';

/** A document that is not well-formed, declares a DTD, nests too deep or exceeds a limit. */
export class XmlError extends Error {
  override readonly name = 'XmlError';
  constructor(
    readonly code: XmlErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Limits of {@link parseXml}; every one is checked while the text is read. */
export type ParseXmlOptions = Partial<XmlLimits>;

/** The longest part of the input quoted in an error message. */
const MAX_QUOTED = 120;

/**
 * References to the C0 controls XML 1.1 calls RestrictedChar (`&#1;`), which XML 1.0 forbids:
 * accepted, so that the server's validation sees and refuses such a value with the operation's
 * fail reason (the client writes them so), instead of the whole request being a Client fault.
 */
function isRestrictedReference(code: number): boolean {
  return (code >= 0x01 && code <= 0x08) || code === 0x0b || code === 0x0c || (code >= 0x0e && code <= 0x1f);
}

function referenced(entity: string): number | undefined {
  if (/^#x[0-9a-fA-F]{1,6}$/.test(entity)) return Number.parseInt(entity.slice(2), 16);
  if (/^#[0-9]{1,7}$/.test(entity)) return Number.parseInt(entity.slice(1), 10);
  return undefined;
}

const EMPTY_SCOPE: Record<string, string> = Object.freeze(Object.create(null));
const NO_ATTRIBUTES: Record<string, string> = Object.freeze(Object.create(null));

/** saxes leaves the local part of a prefixed name unchecked (see {@link isLocalPartNCName}). */
function checkLocalPart(name: string, local: string): void {
  if (isLocalPartNCName(local)) return;
  throw new XmlError(
    'MALFORMED',
    `the name "${cutText(name, MAX_QUOTED)}" is not a qualified name: "${local.slice(0, MAX_QUOTED)}" does not start as a name`,
  );
}

function limitExceeded(message: string): never {
  throw new XmlError('LIMIT_EXCEEDED', message);
}

/** An error message of saxes without the position prefix, cut to a readable length. */
function saxesMessage(error: Error): string {
  const message = error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '');
  return cutText(message, MAX_QUOTED);
}

/**
 * saxes building the element tree of one document at a time, with the limits checked at each
 * event and the one tolerance of {@link isRestrictedReference} (on the prototype: patching each
 * instance would change its shape). The handlers are installed once; a parser is reused for the
 * next document once saxes has reset itself at the end of one that parsed (saxes' `end()`).
 */
class TreeParser extends SaxesParser<{ xmlns: true; position: false }> {
  declare docLimits: XmlLimits;
  declare docSource: string;
  declare docStack: XmlElement[];
  declare docRoot: XmlElement | undefined;
  declare docElements: number;
  declare docAttributes: number;

  constructor() {
    super({ xmlns: true, position: false });
    // Every property is created here by name. saxes' `on()` adds a handler as a property by a
    // computed key, and a few such additions (or class fields compiled to defineProperty) turn
    // the parser into a slow dictionary-mode object, each step of saxes' state machine several
    // times slower; so its handler slots are created first, then filled by `on()`.
    const slots = this as unknown as Record<string, undefined>;
    slots.xmldeclHandler = undefined;
    slots.textHandler = undefined;
    slots.piHandler = undefined;
    slots.doctypeHandler = undefined;
    slots.commentHandler = undefined;
    slots.openTagStartHandler = undefined;
    slots.attributeHandler = undefined;
    slots.openTagHandler = undefined;
    slots.closeTagHandler = undefined;
    slots.cdataHandler = undefined;
    slots.errorHandler = undefined;
    slots.endHandler = undefined;
    slots.readyHandler = undefined;
    this.docLimits = DEFAULT_XML_LIMITS;
    this.docSource = '';
    this.docStack = [];
    this.docRoot = undefined;
    this.docElements = 0;
    this.docAttributes = 0;
    this.on('doctype', () => {
      throw new XmlError('DTD_FORBIDDEN', 'document type declarations are not accepted');
    });
    this.on('xmldecl', ({ encoding }) => {
      const refusal = declaredEncodingRefusal(encoding);
      if (refusal !== undefined) throw new XmlError('MALFORMED', refusal);
    });
    this.on('opentagstart', (tag) => this.handleOpenTagStart(tag.name));
    this.on('attribute', (attribute) => this.handleAttribute(attribute.name, attribute.local));
    this.on('opentag', (tag) => this.handleOpenTag(tag));
    this.on('closetag', () => void this.docStack.pop());
    this.on('processinginstruction', ({ body }) => this.handlePI(body));
    this.on('text', (data) => this.handleText(data));
    this.on('cdata', (data) => this.handleText(data));
  }

  /** The tree of `text`; the parser is left dirty when this throws (do not reuse it then). */
  parse(text: string, limits: XmlLimits): XmlElement {
    this.docLimits = limits;
    this.docSource = text;
    this.docElements = 0;
    try {
      this.write(text).close();
    } catch (error) {
      if (error instanceof XmlError) throw error;
      throw new XmlError('MALFORMED', saxesMessage(error as Error));
    }
    const root = this.docRoot;
    // Nothing of the document is kept: the parser may sit idle for a long time.
    this.docSource = '';
    this.docRoot = undefined;
    if (!root) throw new XmlError('MALFORMED', 'no root element');
    return root;
  }

  private handleOpenTagStart(name: string): void {
    const limits = this.docLimits;
    if (this.docStack.length >= limits.maxDepth)
      throw new XmlError('TOO_DEEP', `elements nest deeper than ${limits.maxDepth}`);
    if (++this.docElements > limits.maxElements) limitExceeded(`more than ${limits.maxElements} elements`);
    if (name.length > limits.maxNameLength)
      limitExceeded(`an element name is longer than ${limits.maxNameLength} characters`);
    this.docAttributes = 0;
  }

  private handleAttribute(name: string, local: string | undefined): void {
    const limits = this.docLimits;
    if (local !== undefined && local !== name) checkLocalPart(name, local);
    if (++this.docAttributes > limits.maxAttributes)
      limitExceeded(`an element has more than ${limits.maxAttributes} attributes`);
    if (name.length > limits.maxNameLength)
      limitExceeded(`an attribute name is longer than ${limits.maxNameLength} characters`);
  }

  private handleOpenTag(tag: SaxesTagNS): void {
    if (tag.prefix !== '') checkLocalPart(tag.name, tag.local);
    const stack = this.docStack;
    const parent = stack[stack.length - 1];
    const parentScope = parent?.scope ?? EMPTY_SCOPE;
    let scope = parentScope;
    let own: Record<string, string> | undefined;
    for (const prefix in tag.ns) {
      own ??= Object.create(parentScope) as Record<string, string>;
      own[prefix] = tag.ns[prefix]!;
    }
    if (own) scope = own;
    let values = NO_ATTRIBUTES;
    for (const name in tag.attributes) {
      const attribute = tag.attributes[name]!;
      if (attribute.prefix === 'xmlns' || name === 'xmlns') continue;
      if (values === NO_ATTRIBUTES) values = Object.create(null) as Record<string, string>;
      values[name] = attribute.value;
    }
    const element: XmlElement = {
      name: tag.name,
      local: tag.local,
      ns: tag.uri,
      attributes: values,
      scope,
      children: [],
      text: '',
    };
    if (parent) parent.children.push(element);
    else this.docRoot = element;
    stack.push(element);
  }

  // saxes accepts a processing instruction whose data follows its target without white space
  // (`<?pi?x?>`); XML 1.0 [16] requires it. The data ends just before `?>`, at `position`; saxes
  // hands it over with each CR LF of the text normalised to LF, so it is walked back in the text.
  private handlePI(body: string): void {
    if (body === '') return;
    const text = this.docSource;
    let start = this.position - 2;
    for (let left = body.length; left > 0; left--)
      start -= text.charCodeAt(start - 1) === 0x0a && text.charCodeAt(start - 2) === 0x0d ? 2 : 1;
    const before = text.charCodeAt(start - 1);
    if (!(before === 0x20 || before === 0x09 || before === 0x0a || before === 0x0d))
      throw new XmlError('MALFORMED', 'a processing instruction needs white space after its target');
  }

  private handleText(data: string): void {
    const top = this.docStack[this.docStack.length - 1];
    if (top) top.text += data;
  }
}
const saxesParseEntity = (SaxesParser.prototype as unknown as { parseEntity(entity: string): string })
  .parseEntity;
Object.defineProperty(TreeParser.prototype, 'parseEntity', {
  value(this: SaxesParser, entity: string): string {
    const code = entity.charCodeAt(0) === 0x23 /* # */ ? referenced(entity) : undefined;
    return code !== undefined && isRestrictedReference(code)
      ? String.fromCharCode(code)
      : saxesParseEntity.call(this, entity);
  },
});

/** The parser waiting for the next document (parsing is synchronous: one is enough). */
let idle: TreeParser | undefined;

/**
 * A strict, namespace-aware XML 1.0 parser for SOAP messages and WSDL documents, on
 * [saxes](https://github.com/lddubeau/saxes) (the maintained descendant of sax, a conforming
 * well-formedness checker). It refuses what a SOAP endpoint must never process: any DTD (so no
 * entity declarations, no XXE, no entity expansion), undeclared prefixes, names that are not
 * QNames, an XML declaration naming an encoding no decoder reads, mismatched tags, and
 * input beyond {@link XmlLimits} (depth, name length, attributes per element, elements in all),
 * each checked as the text is read, so a refusal costs no more than the text before it. Work is
 * linear in the input. Comments and processing instructions are skipped; a leading byte order
 * mark is accepted. One tolerance over XML 1.0: character references to C0 controls (`&#1;`).
 *
 * One saxes parser serves document after document; one that refused a document is dropped (its
 * state is whatever the refusal left), and the next document gets a new one.
 *
 * @throws XmlError with code `MALFORMED`, `DTD_FORBIDDEN`, `TOO_DEEP` or `LIMIT_EXCEEDED`.
 */
export function parseXml(text: string, options: ParseXmlOptions = {}): XmlElement {
  const parser = idle ?? new TreeParser();
  idle = undefined;
  const root = parser.parse(text, xmlLimits(options));
  idle = parser;
  return root;
}

/** The value of attribute `{ns}local` on `element`, whatever prefix it was written with. */
export function attributeNs(element: XmlElement, ns: string, local: string): string | undefined {
  for (const name of Object.keys(element.attributes)) {
    const colon = name.indexOf(':');
    if (colon < 0 || name.slice(colon + 1) !== local) continue;
    if (element.scope[name.slice(0, colon)] === ns) return element.attributes[name];
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
