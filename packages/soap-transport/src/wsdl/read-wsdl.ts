import type { SoapVersion } from '../envelope/soap-version.js';
import { parseXml, resolveQName, type XmlElement } from '../xml/parse-xml.js';

const WSDL_NS = 'http://schemas.xmlsoap.org/wsdl/';
const WSDL_SOAP11_NS = 'http://schemas.xmlsoap.org/wsdl/soap/';
const WSDL_SOAP12_NS = 'http://schemas.xmlsoap.org/wsdl/soap12/';
const XSD_NS = 'http://www.w3.org/2001/XMLSchema';
const MAX_DOCUMENTS = 16;

/** How to call one operation, as a WSDL describes it. */
export interface WsdlOperation {
  /** Namespace of the request wrapper element. */
  namespace: string;
  /** Local name of the request wrapper element. */
  element: string;
  /** Whether the wrapper's children are namespace-qualified (`elementFormDefault="qualified"`). */
  qualified: boolean;
  /** The binding's `soapAction` ('' when none). */
  soapAction: string;
}

/** What a client needs from a WSDL: one port's address, SOAP version and operations. */
export interface WsdlBinding {
  address: string | undefined;
  version: SoapVersion;
  /** By operation name (the SOAP name). */
  operations: Map<string, WsdlOperation>;
}

type QName = { ns: string; local: string };
const key = (q: QName) => `{${q.ns}}${q.local}`;

interface Collected {
  /** Element QName → qualified children? */
  elements: Map<string, boolean>;
  messages: Map<string, QName>;
  /** portType QName → operation name → input message QName. */
  portTypes: Map<string, Map<string, QName>>;
  bindings: Map<string, { version: SoapVersion; portType: QName; actions: Map<string, string> }>;
  /** In document order. */
  ports: { binding: QName; address: string | undefined }[];
}

function children(element: XmlElement, ns: string, local: string): XmlElement[] {
  return element.children.filter((c) => c.ns === ns && c.local === local);
}

function qname(element: XmlElement, attribute: string): QName | undefined {
  const value = element.attributes[attribute];
  return value === undefined ? undefined : resolveQName(element, value.trim());
}

/**
 * Reads a WSDL 1.1 document (document/literal) and the WSDL and XSD documents it imports (through
 * `fetchText`, relative locations resolved against `baseUrl`), and picks the port to call: the
 * first one whose binding speaks `preferred` (default SOAP 1.1), else the first SOAP port. Works
 * with any prefixes, service and port names, namespaces, and with split CXF-style documents.
 */
export async function readWsdl(
  text: string,
  options: { baseUrl?: string; fetchText?: (url: string) => Promise<string>; preferred?: SoapVersion } = {},
): Promise<WsdlBinding> {
  const collected: Collected = {
    elements: new Map(),
    messages: new Map(),
    portTypes: new Map(),
    bindings: new Map(),
    ports: [],
  };
  const seen = new Set<string>();
  const pending: Promise<void>[] = [];

  function follow(location: string | undefined, base: string | undefined, kind: 'wsdl' | 'xsd'): void {
    if (!location || !options.fetchText) return;
    const url = base ? new URL(location, base).href : location;
    if (seen.has(url) || seen.size >= MAX_DOCUMENTS) return;
    seen.add(url);
    pending.push(
      options.fetchText(url).then((doc) => {
        const root = parseXml(doc);
        if (kind === 'wsdl') visitDefinitions(root, url);
        else visitSchema(root, url);
      }),
    );
  }

  function visitSchema(schema: XmlElement, base: string | undefined): void {
    if (schema.ns !== XSD_NS || schema.local !== 'schema') return;
    const targetNamespace = schema.attributes.targetNamespace ?? '';
    const qualified = schema.attributes.elementFormDefault === 'qualified';
    for (const element of children(schema, XSD_NS, 'element')) {
      const name = element.attributes.name;
      if (name) collected.elements.set(key({ ns: targetNamespace, local: name }), qualified);
    }
    for (const ref of [...children(schema, XSD_NS, 'import'), ...children(schema, XSD_NS, 'include')]) {
      follow(ref.attributes.schemaLocation, base, 'xsd');
    }
  }

  function visitDefinitions(definitions: XmlElement, base: string | undefined): void {
    if (definitions.ns !== WSDL_NS || definitions.local !== 'definitions') {
      throw new TypeError('not a WSDL 1.1 document');
    }
    const tns = definitions.attributes.targetNamespace ?? '';
    for (const ref of children(definitions, WSDL_NS, 'import')) follow(ref.attributes.location, base, 'wsdl');
    for (const types of children(definitions, WSDL_NS, 'types')) {
      for (const schema of children(types, XSD_NS, 'schema')) visitSchema(schema, base);
    }
    for (const message of children(definitions, WSDL_NS, 'message')) {
      const part = children(message, WSDL_NS, 'part')[0];
      const element = part && qname(part, 'element');
      if (element) collected.messages.set(key({ ns: tns, local: message.attributes.name ?? '' }), element);
    }
    for (const portType of children(definitions, WSDL_NS, 'portType')) {
      const ops = new Map<string, QName>();
      for (const op of children(portType, WSDL_NS, 'operation')) {
        const input = children(op, WSDL_NS, 'input')[0];
        const message = input && qname(input, 'message');
        if (message && op.attributes.name) ops.set(op.attributes.name, message);
      }
      collected.portTypes.set(key({ ns: tns, local: portType.attributes.name ?? '' }), ops);
    }
    for (const binding of children(definitions, WSDL_NS, 'binding')) {
      const soap = binding.children.find(
        (c) => c.local === 'binding' && (c.ns === WSDL_SOAP11_NS || c.ns === WSDL_SOAP12_NS),
      );
      const portType = qname(binding, 'type');
      if (!soap || !portType) continue;
      const actions = new Map<string, string>();
      for (const op of children(binding, WSDL_NS, 'operation')) {
        const soapOp = op.children.find((c) => c.local === 'operation' && c.ns === soap.ns);
        if (op.attributes.name) actions.set(op.attributes.name, soapOp?.attributes.soapAction ?? '');
      }
      collected.bindings.set(key({ ns: tns, local: binding.attributes.name ?? '' }), {
        version: soap.ns === WSDL_SOAP12_NS ? '1.2' : '1.1',
        portType,
        actions,
      });
    }
    for (const service of children(definitions, WSDL_NS, 'service')) {
      for (const port of children(service, WSDL_NS, 'port')) {
        const binding = qname(port, 'binding');
        const address = port.children.find(
          (c) => c.local === 'address' && (c.ns === WSDL_SOAP11_NS || c.ns === WSDL_SOAP12_NS),
        );
        if (binding) collected.ports.push({ binding, address: address?.attributes.location });
      }
    }
  }

  visitDefinitions(parseXml(text), options.baseUrl);
  while (pending.length > 0) await Promise.all(pending.splice(0));

  const preferred = options.preferred ?? '1.1';
  const candidates = collected.ports
    .map((port) => ({ port, binding: collected.bindings.get(key(port.binding)) }))
    .filter((c) => c.binding !== undefined);
  const chosen = candidates.find((c) => c.binding!.version === preferred) ?? candidates[0];
  if (!chosen) throw new TypeError('the WSDL describes no SOAP port');
  const binding = chosen.binding!;
  const operations = new Map<string, WsdlOperation>();
  for (const [name, message] of collected.portTypes.get(key(binding.portType)) ?? []) {
    const element = collected.messages.get(key(message));
    if (!element) continue;
    operations.set(name, {
      namespace: element.ns,
      element: element.local,
      qualified: collected.elements.get(key(element)) ?? false,
      soapAction: binding.actions.get(name) ?? '',
    });
  }
  return { address: chosen.port.address, version: binding.version, operations };
}
