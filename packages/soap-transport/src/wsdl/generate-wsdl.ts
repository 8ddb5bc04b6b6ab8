import type { OperationTable } from '@mcc/core';
import { DEFAULT_NAMESPACE } from '../envelope/soap-version.js';
import {
  type SoapOperation,
  soapViewOf,
  type WireEnumType,
  type WireField,
  type WireValueType,
} from '../soap-operations.js';
import { escapeXml } from '../xml/escape-xml.js';

/** Names of the WSDL's port type, bindings, service and ports (CXF's naming pattern). */
export const WSDL_NAMES = {
  portType: 'MultiChannelConnector',
  soap11Binding: 'MultiChannelConnectorSoapBinding',
  soap12Binding: 'MultiChannelConnectorSoap12Binding',
  service: 'MultiChannelConnectorService',
  soap11Port: 'MultiChannelConnectorPort',
  soap12Port: 'MultiChannelConnectorSoap12Port',
} as const;

/** Options of {@link generateWsdl}. */
export interface GenerateWsdlOptions {
  /** The endpoint address written in `soap:address` (the server passes the address the WSDL was fetched from). */
  address: string;
  /** Target namespace of the types and wrapper elements. Default {@link DEFAULT_NAMESPACE}. */
  namespace?: string;
  /** Also describe a SOAP 1.2 binding and port (after the SOAP 1.1 ones). Default false (docs/decisions/wsdl-soap-versions.md). */
  soap12?: boolean;
  /** The operations table to describe. Default: the MCC one. */
  operations?: OperationTable;
}

function xsType(type: WireValueType): string {
  if (type.kind === 'int') return 'xs:int';
  if (type.kind === 'enum') return `tns:${type.name}`;
  return 'xs:string';
}

function occurs(field: WireField): string {
  return `${field.required ? '' : ' minOccurs="0"'}${field.repeated ? ' maxOccurs="unbounded"' : ''}`;
}

/** One `xs:element` of a sequence; a map becomes JAXB's anonymous entry/key/value structure. */
function elementDecl(field: WireField, indent: string): string {
  const { type } = field;
  if (type.kind !== 'map')
    return `${indent}<xs:element name="${field.name}" type="${xsType(type)}"${occurs(field)}/>`;
  const i = (n: number) => indent + '  '.repeat(n);
  return [
    `${indent}<xs:element name="${field.name}"${occurs(field)}>`,
    `${i(1)}<xs:complexType>`,
    `${i(2)}<xs:sequence>`,
    `${i(3)}<xs:element name="entry" minOccurs="0" maxOccurs="unbounded">`,
    `${i(4)}<xs:complexType>`,
    `${i(5)}<xs:sequence>`,
    `${i(6)}<xs:element name="key" type="xs:string" minOccurs="0"/>`,
    `${i(6)}<xs:element name="value" type="${xsType(type.value)}" minOccurs="0"/>`,
    `${i(5)}</xs:sequence>`,
    `${i(4)}</xs:complexType>`,
    `${i(3)}</xs:element>`,
    `${i(2)}</xs:sequence>`,
    `${i(1)}</xs:complexType>`,
    `${indent}</xs:element>`,
  ].join('\n');
}

function complexType(name: string, fields: readonly WireField[] | string): string {
  const decls =
    typeof fields === 'string' ? [`          ${fields}`] : fields.map((f) => elementDecl(f, '          '));
  return [
    `      <xs:complexType name="${name}">`,
    '        <xs:sequence>',
    ...decls,
    '        </xs:sequence>',
    '      </xs:complexType>',
  ].join('\n');
}

function simpleType(type: WireEnumType): string {
  return [
    `      <xs:simpleType name="${type.name}">`,
    '        <xs:restriction base="xs:string">',
    ...type.values.map((v) => `          <xs:enumeration value="${v}"/>`),
    '        </xs:restriction>',
    '      </xs:simpleType>',
  ].join('\n');
}

function collectEnums(ops: readonly SoapOperation[]): WireEnumType[] {
  const found = new Map<string, WireEnumType>();
  const visit = (type: WireValueType) => {
    if (type.kind === 'enum' && !found.has(type.name)) found.set(type.name, type);
    if (type.kind === 'map') visit(type.value);
  };
  for (const op of ops) for (const field of [...op.result, ...op.request]) visit(field.type);
  return [...found.values()];
}

function binding(name: string, soap: 'soap' | 'soap12', ops: readonly SoapOperation[]): string {
  return [
    `  <wsdl:binding name="${name}" type="tns:${WSDL_NAMES.portType}">`,
    `    <${soap}:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>`,
    ...ops.flatMap((op) => [
      `    <wsdl:operation name="${op.soapName}">`,
      `      <${soap}:operation soapAction="" style="document"/>`,
      `      <wsdl:input name="${op.soapName}"><${soap}:body use="literal"/></wsdl:input>`,
      `      <wsdl:output name="${op.soapName}Response"><${soap}:body use="literal"/></wsdl:output>`,
      '    </wsdl:operation>',
    ]),
    '  </wsdl:binding>',
  ].join('\n');
}

/**
 * The service's WSDL 1.1 (document/literal wrapped, SOAP 1.1 binding and, unless turned off, a
 * SOAP 1.2 binding), generated from the core operations table so that it cannot drift:
 *
 * - one wrapper element per SOAP operation, its unqualified children named like the request
 *   parameters (`serviceCodes` repeated, `maxOccurs="unbounded"`); required parameters have
 *   `minOccurs="1"`, optional ones `minOccurs="0"`;
 * - `<opResponse><return>` typed by the reference's result type, fields in the reference's order,
 *   every field but `result` optional (`minOccurs="0"`);
 * - enumerations as `xs:simpleType` restrictions named after the reference's enum names;
 * - getServiceState's map as JAXB's `<state><entry><key/><value/></entry>…</state>`;
 * - `soapAction=""` on every operation (CXF's default); the server accepts "", none, or the
 *   operation's name.
 */
export function generateWsdl(options: GenerateWsdlOptions): string {
  const ns = escapeXml(options.namespace ?? DEFAULT_NAMESPACE);
  const address = escapeXml(options.address);
  const soap12 = options.soap12 ?? false;
  const ops = soapViewOf(options.operations).list;
  const enumTypes = collectEnums(ops);
  const types = [
    ...ops.flatMap((op) => [
      `      <xs:element name="${op.soapName}" type="tns:${op.soapName}"/>`,
      `      <xs:element name="${op.soapName}Response" type="tns:${op.soapName}Response"/>`,
    ]),
    ...ops.flatMap((op) => [
      complexType(op.soapName, op.request),
      complexType(`${op.soapName}Response`, `<xs:element name="return" type="tns:${op.resultType}"/>`),
      complexType(op.resultType, op.result),
    ]),
    ...enumTypes.map(simpleType),
  ];
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<wsdl:definitions name="${WSDL_NAMES.service}" targetNamespace="${ns}"`,
    '    xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"',
    '    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"',
    ...(soap12 ? ['    xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/"'] : []),
    '    xmlns:xs="http://www.w3.org/2001/XMLSchema"',
    `    xmlns:tns="${ns}">`,
    '  <wsdl:documentation>TVox MultiChannel Connector (MCC) 1.0.1 - generated by @mcc/soap-transport from the operations table.</wsdl:documentation>',
    '  <wsdl:types>',
    `    <xs:schema targetNamespace="${ns}" elementFormDefault="unqualified" attributeFormDefault="unqualified">`,
    ...types,
    '    </xs:schema>',
    '  </wsdl:types>',
    ...ops.flatMap((op) => [
      `  <wsdl:message name="${op.soapName}"><wsdl:part name="parameters" element="tns:${op.soapName}"/></wsdl:message>`,
      `  <wsdl:message name="${op.soapName}Response"><wsdl:part name="parameters" element="tns:${op.soapName}Response"/></wsdl:message>`,
    ]),
    `  <wsdl:portType name="${WSDL_NAMES.portType}">`,
    ...ops.flatMap((op) => [
      `    <wsdl:operation name="${op.soapName}">`,
      `      <wsdl:documentation>${escapeXml(op.summary)}</wsdl:documentation>`,
      `      <wsdl:input name="${op.soapName}" message="tns:${op.soapName}"/>`,
      `      <wsdl:output name="${op.soapName}Response" message="tns:${op.soapName}Response"/>`,
      '    </wsdl:operation>',
    ]),
    '  </wsdl:portType>',
    binding(WSDL_NAMES.soap11Binding, 'soap', ops),
    ...(soap12 ? [binding(WSDL_NAMES.soap12Binding, 'soap12', ops)] : []),
    `  <wsdl:service name="${WSDL_NAMES.service}">`,
    `    <wsdl:port name="${WSDL_NAMES.soap11Port}" binding="tns:${WSDL_NAMES.soap11Binding}">`,
    `      <soap:address location="${address}"/>`,
    '    </wsdl:port>',
    ...(soap12
      ? [
          `    <wsdl:port name="${WSDL_NAMES.soap12Port}" binding="tns:${WSDL_NAMES.soap12Binding}">`,
          `      <soap12:address location="${address}"/>`,
          '    </wsdl:port>',
        ]
      : []),
    '  </wsdl:service>',
    '</wsdl:definitions>',
    '',
  ];
  return lines.join('\n');
}
