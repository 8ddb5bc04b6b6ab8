import { escapeXml } from '../xml/escape-xml.js';
import { childElement, resolveQName, type XmlElement } from '../xml/parse-xml.js';
import { type SoapVersion, soapVersions } from './soap-version.js';

/**
 * Fault codes in SOAP 1.1 terms; SOAP 1.2 writes `Client` as `Sender` and `Server` as `Receiver`.
 * `Client`: the request is at fault (do not resend it as is). `Server`: the server failed (a
 * retry may succeed).
 */
export type FaultCode = 'Client' | 'Server' | 'VersionMismatch' | 'MustUnderstand';

const SOAP12_CODES: Record<FaultCode, string> = {
  Client: 'Sender',
  Server: 'Receiver',
  VersionMismatch: 'VersionMismatch',
  MustUnderstand: 'MustUnderstand',
};

/** A complete fault envelope of `version`; every prefix used is declared. */
export function writeFault(version: SoapVersion, code: FaultCode, message: string): string {
  const ns = soapVersions[version].envelopeNs;
  const text = escapeXml(message);
  const fault =
    version === '1.1'
      ? `<soap:Fault><faultcode>soap:${code}</faultcode><faultstring>${text}</faultstring></soap:Fault>`
      : `<soap:Fault><soap:Code><soap:Value>soap:${SOAP12_CODES[code]}</soap:Value></soap:Code>` +
        `<soap:Reason><soap:Text xml:lang="en">${text}</soap:Text></soap:Reason></soap:Fault>`;
  return `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${ns}"><soap:Body>${fault}</soap:Body></soap:Envelope>`;
}

/** A fault read from an answer: its code in SOAP 1.1 terms (`Client`, `Server`, …) and its text. */
export interface ReadFault {
  code: string;
  message: string;
}

/** Reads a `Fault` element of either version; dotted 1.1 codes (`Client.Auth`) keep their head. */
export function readFault(fault: XmlElement): ReadFault {
  const faultcode = childElement(fault, 'faultcode');
  if (faultcode) {
    const code = resolveQName(faultcode, faultcode.text.trim()).local.split('.')[0] ?? '';
    return { code, message: (childElement(fault, 'faultstring')?.text ?? '').trim() };
  }
  const value = childElement(fault, 'Code') && childElement(childElement(fault, 'Code')!, 'Value');
  const local = value ? resolveQName(value, value.text.trim()).local : '';
  const code = local === 'Sender' ? 'Client' : local === 'Receiver' ? 'Server' : local;
  const reason = childElement(fault, 'Reason');
  const text = reason ? childElement(reason, 'Text') : undefined;
  return { code, message: (text?.text ?? '').trim() };
}
