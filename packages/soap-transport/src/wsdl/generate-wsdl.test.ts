import { operationNames, operations, wireEnumName } from '@mcc/core';
import { describe, expect, test } from 'vitest';
import { soapOperationNames } from '../soap-operations.js';
import { parseXml } from '../xml/parse-xml.js';
import { generateWsdl } from './generate-wsdl.js';
import { readWsdl } from './read-wsdl.js';

const XS = 'http://www.w3.org/2001/XMLSchema';
const wsdl = generateWsdl({ address: 'http://h/mc/cxf/soap', namespace: 'urn:test:mcc' });
const schema = parseXml(wsdl).children.find((c) => c.local === 'types')!.children[0]!;
const named = (kind: string, name: string) =>
  schema.children.find((c) => c.ns === XS && c.local === kind && c.attributes.name === name);

describe('generateWsdl', () => {
  test('declares one wrapper element pair per operation, named after the SOAP operations', async () => {
    const binding = await readWsdl(wsdl);
    expect([...binding.operations.keys()]).toEqual(operationNames.map((n) => soapOperationNames[n]));
    for (const op of binding.operations.values())
      expect(op).toMatchObject({ namespace: 'urn:test:mcc', qualified: false });
    expect(binding).toMatchObject({ address: 'http://h/mc/cxf/soap', version: '1.1' });
    // SOAP 1.1 only by default: a client generated from it speaks 1.1 (gSOAP, wsimport).
    expect(wsdl).not.toContain('soap12');
    expect((await readWsdl(wsdl, { preferred: '1.2' })).version).toBe('1.1');
    const both = generateWsdl({ address: 'http://h/mc/cxf/soap', namespace: 'urn:test:mcc', soap12: true });
    expect((await readWsdl(both, { preferred: '1.2' })).version).toBe('1.2');
    expect((await readWsdl(both)).version).toBe('1.1');
  });

  test('result types list the fields of the core wire schemas in order, optional ones minOccurs=0', () => {
    for (const name of operationNames) {
      const { result } = operations[name];
      const sequence = named('complexType', result.name)!.children[0]!.children;
      expect(sequence.map((e) => e.attributes.name)).toEqual(Object.keys(result.wire.shape));
      expect(sequence.map((e) => e.attributes.minOccurs)).toEqual(
        Object.keys(result.wire.shape).map((k) => (k === 'result' ? undefined : '0')),
      );
    }
  });

  test('request types: required parameters are mandatory, serviceCodes repeats', () => {
    const getServiceState = named('complexType', 'getServiceState')!.children[0]!.children;
    expect(getServiceState.map((e) => e.attributes)).toEqual([
      { name: 'channelId', type: 'xs:int' },
      { name: 'serviceCodes', type: 'xs:string', maxOccurs: 'unbounded' },
    ]);
    const close = named('complexType', 'closeSession')!.children[0]!.children;
    expect(close[1]!.attributes).toEqual({ name: 'reason', type: 'tns:Reason', minOccurs: '0' });
  });

  test('enums are simpleType restrictions named after the reference, values in order', () => {
    const fail = operations.getServiceState.failReason;
    const restriction = named('simpleType', wireEnumName(fail))!.children[0]!;
    expect(restriction.attributes.base).toBe('xs:string');
    expect(restriction.children.map((e) => e.attributes.value)).toEqual(fail.options);
    for (const name of [
      'CommandResult',
      'SessionStatus',
      'ServiceState',
      'Reason',
      'LogoutAgentResultFailReasonCode',
    ]) {
      expect(named('simpleType', name), name).toBeDefined();
    }
  });

  test('the service-state map is entry/key/value', () => {
    const state = named('complexType', 'GetServiceStateResult')!.children[0]!.children[1]!;
    expect(state.attributes).toEqual({ name: 'state', minOccurs: '0' });
    expect(wsdl).toMatch(
      /<xs:element name="entry" minOccurs="0" maxOccurs="unbounded">[\s\S]*?name="key" type="xs:string"[\s\S]*?name="value" type="tns:ServiceState"/,
    );
  });

  test('escapes the address; the SOAP 1.2 binding is left out unless asked for', () => {
    const plain = generateWsdl({ address: 'http://h/x?a=1&b="2"' });
    expect(plain).toContain('location="http://h/x?a=1&amp;b=&quot;2&quot;"');
    expect(plain).not.toContain('soap12');
    expect(parseXml(plain).attributes.targetNamespace).toBe('http://mcc.tvox/');
  });
});
