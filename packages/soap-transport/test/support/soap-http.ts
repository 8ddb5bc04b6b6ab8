import { request } from 'undici';
import { expect } from 'vitest';
import { readFault } from '../../src/envelope/fault.js';
import { readEnvelope } from '../../src/envelope/read-envelope.js';
import { soapVersions } from '../../src/envelope/soap-version.js';
import { childElement, resolveQName } from '../../src/xml/parse-xml.js';

/** An HTTP answer, read whole. */
export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** POSTs raw bytes to `url`. */
export async function post(
  url: string,
  body: string | Buffer,
  headers: Record<string, string> = { 'content-type': 'text/xml; charset=utf-8' },
): Promise<Answer> {
  const response = await request(url, { method: 'POST', headers, body });
  return { status: response.statusCode, headers: response.headers, text: await response.body.text() };
}

/** A SOAP request envelope around `inner` (the Body's content), in the default namespace. */
export function envelope(inner: string, version: '1.1' | '1.2' = '1.1', header = ''): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="${soapVersions[version].envelopeNs}" ` +
    `xmlns:m="http://mcc.tvox/">${header ? `<s:Header>${header}</s:Header>` : ''}<s:Body>${inner}</s:Body></s:Envelope>`
  );
}

/**
 * Asserts a proper SOAP fault: right status and media type, an envelope of `version` that parses
 * strictly (every prefix declared), a faultcode QName in the envelope namespace with `code`, a
 * readable message, and nothing that looks like a stack trace or a path.
 */
export function expectFault(answer: Answer, version: '1.1' | '1.2', code: string, status?: number): string {
  expect(answer.status).toBe(status ?? 500);
  expect(String(answer.headers['content-type'])).toContain(soapVersions[version].mediaType);
  const parsed = readEnvelope(answer.text);
  expect(parsed.version).toBe(version);
  const fault = parsed.payload!;
  expect(fault.local).toBe('Fault');
  const codeElement =
    version === '1.1'
      ? childElement(fault, 'faultcode')!
      : childElement(childElement(fault, 'Code')!, 'Value')!;
  expect(resolveQName(codeElement, codeElement.text).ns).toBe(soapVersions[version].envelopeNs);
  const read = readFault(fault);
  expect(read.code).toBe(code);
  expect(read.message.length).toBeGreaterThan(5);
  expect(answer.text).not.toMatch(/\n\s+at |\.js:\d|\.ts:\d|\/srv\/|node_modules|Error:/);
  return read.message;
}

/** Reads a normal answer's `<return>` children as name → text. */
export function returnFields(answer: Answer): Record<string, string> {
  const payload = readEnvelope(answer.text).payload!;
  const returned = childElement(payload, 'return')!;
  return Object.fromEntries(returned.children.map((c) => [c.local, c.text]));
}
