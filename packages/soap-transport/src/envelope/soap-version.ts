/** The SOAP versions spoken: 1.1 (`text/xml`) and 1.2 (`application/soap+xml`). */
export type SoapVersion = '1.1' | '1.2';

/** Envelope namespace and media type of each SOAP version. */
export const soapVersions = {
  '1.1': { envelopeNs: 'http://schemas.xmlsoap.org/soap/envelope/', mediaType: 'text/xml' },
  '1.2': { envelopeNs: 'http://www.w3.org/2003/05/soap-envelope', mediaType: 'application/soap+xml' },
} as const satisfies Record<SoapVersion, { envelopeNs: string; mediaType: string }>;

/** The `Content-Type` of a message of `version`. */
export function soapContentType(version: SoapVersion, action?: string): string {
  const base = `${soapVersions[version].mediaType}; charset=utf-8`;
  return version === '1.2' && action ? `${base}; action="${action}"` : base;
}

/** The SOAP version whose envelope namespace is `ns`, if any. */
export function soapVersionOfNamespace(ns: string): SoapVersion | undefined {
  if (ns === soapVersions['1.1'].envelopeNs) return '1.1';
  if (ns === soapVersions['1.2'].envelopeNs) return '1.2';
  return undefined;
}

/** The SOAP version a media type (`text/xml`, `application/soap+xml`) stands for, if any. */
export function soapVersionOfMediaType(mediaType: string): SoapVersion | undefined {
  if (mediaType === soapVersions['1.1'].mediaType) return '1.1';
  if (mediaType === soapVersions['1.2'].mediaType) return '1.2';
  return undefined;
}

/** A parsed `Content-Type`: lower-cased media type and parameters. */
export interface ContentType {
  mediaType: string;
  params: Readonly<Record<string, string>>;
}

/** Parsed headers seen lately: clients send the same few `Content-Type`s again and again. */
const parsedContentTypes = new Map<string, ContentType>();
const MAX_CACHED_CONTENT_TYPES = 64;

/** Splits a `Content-Type` header into its lower-cased media type and its parameters. */
export function parseContentType(header: string | undefined): ContentType {
  const text = header ?? '';
  const cached = parsedContentTypes.get(text);
  if (cached) return cached;
  const [type = '', ...rest] = text.split(';');
  const params: Record<string, string> = {};
  for (const part of rest) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    params[key] = part
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
  }
  const parsed: ContentType = Object.freeze({
    mediaType: type.trim().toLowerCase(),
    params: Object.freeze(params),
  });
  // Bounded: a client sending ever-new headers only fills the cache once.
  if (text.length <= 200 && parsedContentTypes.size < MAX_CACHED_CONTENT_TYPES)
    parsedContentTypes.set(text, parsed);
  return parsed;
}

/** The default namespace of the MCC service's types and wrapper elements (override per server/client). */
export const DEFAULT_NAMESPACE = 'http://mcc.tvox/';
