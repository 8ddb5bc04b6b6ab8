import type { SoapOperation, WireField } from '../soap-operations.js';
import { attributeNs, childElement, parseXml, type XmlElement } from '../xml/parse-xml.js';
import { DEFAULT_XML_LIMITS, type XmlLimits, xmlLimits } from '../xml/xml-limits.js';
import type { FaultCode } from './fault.js';
import { type SoapVersion, soapVersionOfNamespace } from './soap-version.js';

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/** A message that is XML but not a usable SOAP envelope. */
export class EnvelopeError extends Error {
  override readonly name = 'EnvelopeError';
  constructor(
    readonly faultCode: FaultCode,
    message: string,
  ) {
    super(message);
  }
}

/** A parsed SOAP envelope. */
export interface Envelope {
  version: SoapVersion;
  header: XmlElement | undefined;
  body: XmlElement;
  /** The first element inside `Body` (the wrapper, or `Fault`). */
  payload: XmlElement | undefined;
}

/** The limits of the last depth asked for: a server asks for the same one on every request. */
let lastLimits: XmlLimits = DEFAULT_XML_LIMITS;

function limitsOf(maxDepth: number | undefined): XmlLimits {
  if (maxDepth === undefined) return DEFAULT_XML_LIMITS;
  if (lastLimits.maxDepth !== maxDepth) lastLimits = xmlLimits({ maxDepth });
  return lastLimits;
}

/**
 * Parses `text` as a SOAP 1.1 or 1.2 envelope (strictly: see `parseXml`).
 *
 * @throws XmlError when the text is not acceptable XML; EnvelopeError when it is not an envelope.
 */
export function readEnvelope(text: string, maxDepth?: number): Envelope {
  const root = parseXml(text, limitsOf(maxDepth));
  if (root.local !== 'Envelope') throw new EnvelopeError('Client', 'the message is not a SOAP envelope');
  const version = soapVersionOfNamespace(root.ns);
  if (!version)
    throw new EnvelopeError('VersionMismatch', `unsupported SOAP envelope namespace "${root.ns}"`);
  let header: XmlElement | undefined;
  let body: XmlElement | undefined;
  for (const child of root.children) {
    if (child.ns !== root.ns) continue;
    if (child.local === 'Header' && !body && !header) header = child;
    else if (child.local === 'Body' && !body) body = child;
  }
  if (!body) throw new EnvelopeError('Client', 'the envelope has no Body');
  return { version, header, body, payload: body.children[0] };
}

function isNil(element: XmlElement): boolean {
  const nil = attributeNs(element, XSI, 'nil');
  return nil === 'true' || nil === '1';
}

/** The elements named after `field`, children of `parent`, whatever their namespace. */
function fieldElements(parent: XmlElement, field: WireField): XmlElement[] {
  return parent.children.filter((c) => c.local === field.name && !isNil(c));
}

/**
 * The raw input carried by a request wrapper element, for `dispatch`: strings for scalar
 * parameters, a list of strings for repeated ones; absent and `xsi:nil` elements left out.
 * Validation is the core's job, not this function's.
 */
export function decodeRequest(op: SoapOperation, wrapper: XmlElement): Record<string, unknown> {
  const input: Record<string, unknown> = Object.create(null);
  for (const field of op.request) {
    const elements = fieldElements(wrapper, field);
    if (elements.length === 0) continue;
    input[field.name] = field.repeated ? elements.map((e) => e.text) : elements[0]!.text;
  }
  return input;
}

/** The entries of a map element; a null-prototype record, so any key (`__proto__`) is an entry. */
function decodeMap(element: XmlElement): Record<string, string> {
  const map: Record<string, string> = Object.create(null);
  for (const entry of element.children) {
    if (entry.local !== 'entry') continue;
    const key = childElement(entry, 'key');
    const value = childElement(entry, 'value');
    if (key && value && !isNil(value)) map[key.text] = value.text.trim();
  }
  return map;
}

/**
 * The decoded object inside `<return>` for the tolerant reader (`readResult`): fields by local
 * name in any namespace, `xsi:nil` treated as absent, ints as numbers (a non-number stays a
 * string so that the reader rejects it), the map's entries as a record, unknown elements ignored.
 */
export function decodeResult(op: SoapOperation, element: XmlElement): Record<string, unknown> {
  const decoded: Record<string, unknown> = {};
  for (const field of op.result) {
    const found = fieldElements(element, field)[0];
    if (!found) continue;
    if (field.type.kind === 'map') decoded[field.name] = decodeMap(found);
    else if (field.type.kind === 'int') {
      const text = found.text.trim();
      decoded[field.name] = /^[+-]?\d+$/.test(text) ? Number(text) : text;
    } else if (field.type.kind === 'enum') decoded[field.name] = found.text.trim();
    else decoded[field.name] = found.text;
  }
  return decoded;
}
