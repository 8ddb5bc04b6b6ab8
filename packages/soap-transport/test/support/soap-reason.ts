import { readFault } from '../../src/envelope/fault.js';
import { readEnvelope } from '../../src/envelope/read-envelope.js';
import { childElement } from '../../src/xml/parse-xml.js';

/**
 * The reason a SOAP answer carries, for the hostile corpus: the fault code of a fault, the fail
 * reason (or `SUCCESS`) of a result, `HTTP_<status>` for an answer that is not an envelope.
 */
export function soapReason(answer: { status: number; text: string }): string | undefined {
  try {
    const payload = readEnvelope(answer.text).payload;
    if (!payload) return undefined;
    if (payload.local === 'Fault') return readFault(payload).code;
    const returned = childElement(payload, 'return');
    const failReason = returned && childElement(returned, 'failReason');
    return failReason?.text ?? (returned && childElement(returned, 'result')?.text);
  } catch {
    return `HTTP_${answer.status}`;
  }
}
