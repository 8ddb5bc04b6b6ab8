import {
  MccClientError,
  type OperationName,
  type OperationTable,
  type ResultOf,
  readResult,
} from '@mcc/core';
import { classifyStatus } from '@mcc/http';
import { readFault } from '../envelope/fault.js';
import { decodeResult, readEnvelope } from '../envelope/read-envelope.js';
import type { SoapOperation } from '../soap-operations.js';
import { attributeNs, childElement, type XmlElement } from '../xml/parse-xml.js';

const EXCERPT = 500;
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/** What came back from one SOAP request. */
export interface SoapAnswer {
  status: number;
  text: string;
  retryAfterMs: number | undefined;
}

/** How {@link readSoapAnswer} reads. */
export interface ReadSoapOptions {
  /** Report every deviation from the contract (core's strict `readResult`). */
  strict: boolean;
  /** The operations table whose row describes the result. */
  operations: OperationTable;
}

/** Elements of `<return>` that the contract would not write: unknown names and `xsi:nil`. */
function deviationsOf(op: SoapOperation, returned: XmlElement): string[] {
  const known = new Set(op.result.map((field) => field.name));
  const deviations: string[] = [];
  for (const child of returned.children) {
    if (!known.has(child.local)) deviations.push(`${child.local}: not a field of ${op.soapName}Response`);
    const nil = attributeNs(child, XSI, 'nil');
    if (nil === 'true' || nil === '1') deviations.push(`${child.local}: xsi:nil instead of absent`);
  }
  return deviations;
}

/**
 * Reads a SOAP answer: a fault becomes `SOAP_FAULT` (retryable when `soap:Server`; `UNAUTHORIZED`
 * on HTTP 401), another non-2xx status `HTTP_ERROR` (retryable for 5xx and 429), an envelope
 * without `<…Response><return>` `MALFORMED_RESPONSE`; the `<return>` element, in any prefix style,
 * with comments, white space, a BOM or `xsi:nil`, goes through core's `readResult` (`strict` reports
 * unknown elements and `xsi:nil` too).
 */
export function readSoapAnswer<N extends OperationName>(
  op: SoapOperation,
  answer: SoapAnswer,
  options: ReadSoapOptions,
): ResultOf<N> {
  const { status, text, retryAfterMs } = answer;
  const { strict } = options;
  const verdict = classifyStatus(status);
  const operation = op.operation as N;
  const retry = retryAfterMs === undefined ? {} : { retryAfterMs };
  let envelope: ReturnType<typeof readEnvelope> | undefined;
  try {
    envelope = readEnvelope(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    envelope = undefined;
  }
  const payload = envelope?.payload;
  if (payload?.local === 'Fault') {
    const fault = readFault(payload);
    throw new MccClientError(
      !verdict.ok && verdict.code === 'UNAUTHORIZED' ? 'UNAUTHORIZED' : 'SOAP_FAULT',
      `${op.soapName}: SOAP fault ${fault.code}: ${fault.message}`,
      {
        operation,
        status,
        retryable: fault.code === 'Server',
        details: { faultCode: fault.code, faultString: fault.message },
        ...retry,
      },
    );
  }
  if (!verdict.ok) {
    throw new MccClientError(verdict.code, `${op.soapName}: HTTP ${status}`, {
      operation,
      status,
      retryable: verdict.retryable,
      details: { body: text.slice(0, EXCERPT) },
      ...retry,
    });
  }
  const returned = payload?.local === `${op.soapName}Response` ? childElement(payload, 'return') : undefined;
  if (!returned) {
    throw new MccClientError(
      'MALFORMED_RESPONSE',
      `${op.soapName}: the answer is not a ${op.soapName}Response`,
      {
        operation,
        status,
        details: { body: text.slice(0, EXCERPT) },
      },
    );
  }
  const deviations = strict ? deviationsOf(op, returned) : [];
  return readResult(operation, decodeResult(op, returned), {
    strict,
    deviations,
    operations: options.operations,
  });
}
