/** Limits on an XML document, each enforced while it is read (see `parseXml`). */
export interface XmlLimits {
  /** Deepest element nesting. Default 64. */
  readonly maxDepth: number;
  /** Most elements in the whole document. Default 10 000. */
  readonly maxElements: number;
  /** Most attributes (namespace declarations included) on one element. Default 64. */
  readonly maxAttributes: number;
  /** Longest element or attribute name (prefix included), in characters. Default 256. */
  readonly maxNameLength: number;
}

/**
 * The defaults: generous for any MCC envelope (the largest request, a getServiceState with 100
 * service codes, has ~110 elements; the WSDL ~400) and small enough that a 1 MiB body of any
 * shape is refused or parsed in milliseconds.
 */
export const DEFAULT_XML_LIMITS: XmlLimits = Object.freeze({
  maxDepth: 64,
  maxElements: 10_000,
  maxAttributes: 64,
  maxNameLength: 256,
});

/** The limits objects {@link xmlLimits} made (complete and frozen): handed back as they are. */
const complete = new WeakSet<object>([DEFAULT_XML_LIMITS]);

/**
 * `options` completed with the defaults; a missing or non-positive value takes the default. An
 * object this function returned is complete already and comes back as it is (a server computes
 * its limits once, not per request).
 */
export function xmlLimits(options: Partial<XmlLimits>): XmlLimits {
  if (complete.has(options)) return options as XmlLimits;
  const pick = (key: keyof XmlLimits): number => {
    const value = options[key];
    return value !== undefined && Number.isFinite(value) && value > 0 ? value : DEFAULT_XML_LIMITS[key];
  };
  const limits: XmlLimits = Object.freeze({
    maxDepth: pick('maxDepth'),
    maxElements: pick('maxElements'),
    maxAttributes: pick('maxAttributes'),
    maxNameLength: pick('maxNameLength'),
  });
  complete.add(limits);
  return limits;
}
