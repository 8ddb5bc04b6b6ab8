import type { SoapOperation, WireField, WireValueType } from '../soap-operations.js';
import { escapeXml, type RestrictedCharacters } from '../xml/escape-xml.js';
import { type SoapVersion, soapVersions } from './soap-version.js';

/** Prefix the writers bind to the service namespace. */
export const SERVICE_PREFIX = 'mcc';

function writeValue(
  type: WireValueType,
  name: string,
  value: unknown,
  out: string[],
  restricted: RestrictedCharacters,
): void {
  if (type.kind === 'map') {
    out.push(`<${name}>`);
    for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
      if (entry === undefined || entry === null) continue;
      out.push('<entry><key>', escapeXml(key, restricted), '</key>');
      writeValue(type.value, 'value', entry, out, restricted);
      out.push('</entry>');
    }
    out.push(`</${name}>`);
    return;
  }
  out.push(`<${name}>`, escapeXml(String(value), restricted), `</${name}>`);
}

/**
 * Writes `values` as the children of a wrapper or `<return>` element: in `fields` order (the
 * reference's), absent and null values omitted (never `xsi:nil`), repeated fields once per
 * member, maps as `<entry><key/><value/></entry>`. `prefix` qualifies the children (for WSDLs
 * whose schema says `elementFormDefault="qualified"`).
 */
export function writeFields(
  fields: readonly WireField[],
  values: Readonly<Record<string, unknown>>,
  out: string[],
  options: { prefix?: string; restricted: RestrictedCharacters },
): void {
  const prefix = options.prefix ?? '';
  for (const field of fields) {
    const value = values[field.name];
    if (value === undefined || value === null) continue;
    const name = prefix + field.name;
    if (field.repeated) {
      for (const member of Array.isArray(value) ? value : [value]) {
        if (member !== undefined && member !== null)
          writeValue(field.type, name, member, out, options.restricted);
      }
    } else {
      writeValue(field.type, name, value, out, options.restricted);
    }
  }
}

function envelope(version: SoapVersion, namespace: string, header: string, body: string): string {
  const head = header ? `<soap:Header>${header}</soap:Header>` : '';
  return (
    `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${soapVersions[version].envelopeNs}" ` +
    `xmlns:${SERVICE_PREFIX}="${escapeXml(namespace)}">${head}<soap:Body>${body}</soap:Body></soap:Envelope>`
  );
}

/** How a request is written (a WSDL the client did not generate may differ from ours). */
export interface WriteRequestOptions {
  version: SoapVersion;
  /** Namespace of the wrapper element. */
  namespace: string;
  /** Local name of the wrapper element (default: the SOAP operation name). */
  wrapper?: string;
  /** Qualify the wrapper's children (the schema's `elementFormDefault="qualified"`). */
  qualified?: boolean;
  /** Raw XML put in `<soap:Header>` (already serialised, prefixes declared). */
  header?: string;
}

/** A request envelope for `op` carrying `request` (document/literal wrapped). */
export function writeRequestEnvelope(
  op: SoapOperation,
  request: Readonly<Record<string, unknown>>,
  options: WriteRequestOptions,
): string {
  const wrapper = `${SERVICE_PREFIX}:${options.wrapper ?? op.soapName}`;
  const out = [`<${wrapper}>`];
  // Characters XML 1.0 cannot carry go as character references: the server's validation decides.
  writeFields(op.request, request, out, {
    prefix: options.qualified ? `${SERVICE_PREFIX}:` : '',
    restricted: 'reference',
  });
  out.push(`</${wrapper}>`);
  return envelope(options.version, options.namespace, options.header ?? '', out.join(''));
}

/** A response envelope for `op`: `<opResponse><return>…</return></opResponse>`. */
export function writeResponseEnvelope(
  op: SoapOperation,
  result: Readonly<Record<string, unknown>>,
  version: SoapVersion,
  namespace: string,
): string {
  const wrapper = `${SERVICE_PREFIX}:${op.soapName}Response`;
  const out = [`<${wrapper}><return>`];
  // Answers must parse in every strict XML 1.0 stack: characters it cannot carry are dropped.
  writeFields(op.result, result, out, { restricted: 'drop' });
  out.push(`</return></${wrapper}>`);
  return envelope(version, namespace, '', out.join(''));
}
