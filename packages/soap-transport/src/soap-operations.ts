import {
  type OperationDefinition,
  type OperationName,
  type OperationTable,
  operations,
  resultFields,
  type WireValueKind,
  wireEnumName,
} from '@mcc/core';
import type { z } from 'zod';

/**
 * The only SOAP-specific facts about operation names (semantics §1): the two check operations keep
 * the names they have on a real TVox; every other operation — a new one included — is called by
 * its own name.
 */
export const SOAP_NAME_EXCEPTIONS: ReadonlyMap<string, string> = new Map([
  ['checkSession', 'checkSessionState'],
  ['checkSessionWithData', 'checkSessionStateWithData'],
]);

/** The SOAP name of the operation named `operation` (of any table). */
export function soapNameOf(operation: string): string {
  return SOAP_NAME_EXCEPTIONS.get(operation) ?? operation;
}

/** SOAP operation names of the MCC table (the literal types of {@link soapNameOf}'s answers). */
export const soapOperationNames = {
  startSession: 'startSession',
  sessionAccept: 'sessionAccept',
  checkSession: 'checkSessionState',
  checkSessionWithData: 'checkSessionStateWithData',
  setSessionData: 'setSessionData',
  closeSession: 'closeSession',
  getServiceState: 'getServiceState',
  logoutAgentFromChannel: 'logoutAgentFromChannel',
} as const satisfies Record<OperationName, string>;

/** The SOAP name of an MCC operation. */
export type SoapOperationName = (typeof soapOperationNames)[OperationName];

/** An enumeration of the reference (`CommandResult`, `StartSessionFailReasonCode`, …). */
export interface WireEnumType {
  readonly kind: 'enum';
  /** The reference's name, used as the `xs:simpleType` name. */
  readonly name: string;
  readonly values: readonly string[];
}

/** How one value travels in XML. */
export type WireValueType =
  | { readonly kind: 'string' }
  | { readonly kind: 'int' }
  | WireEnumType
  /** A `Map<String, V>`: `<entry><key/><value/></entry>…` (JAXB's map shape). */
  | { readonly kind: 'map'; readonly value: WireValueType };

/** One child element of a request wrapper or of `<return>`. */
export interface WireField {
  readonly name: string;
  readonly type: WireValueType;
  /** `minOccurs="0"` when false. */
  readonly required: boolean;
  /** `maxOccurs="unbounded"` (a repeated element, e.g. `serviceCodes`). */
  readonly repeated: boolean;
}

/** Everything the WSDL generator and the envelope (de)serializer need about one operation. */
export interface SoapOperation {
  readonly operation: OperationName;
  /** The SOAP name: a {@link SoapOperationName} for the MCC table. */
  readonly soapName: string;
  readonly summary: string;
  /** Children of the request wrapper element, in the reference's order. */
  readonly request: readonly WireField[];
  /** The reference's result type name (`StartSessionResult`, …). */
  readonly resultType: string;
  /** Children of `<return>`, in the reference's order. */
  readonly result: readonly WireField[];
}

function enumType(schema: z.ZodEnum): WireEnumType {
  return { kind: 'enum', name: wireEnumName(schema), values: schema.options.map(String) };
}

/** The XML type of a result field's wire kind (core's `resultFields`). */
function valueType(kind: WireValueKind): WireValueType {
  if (kind.kind === 'enum') return enumType(kind.schema);
  if (kind.kind === 'map') return { kind: 'map', value: valueType(kind.value) };
  return kind;
}

function soapOperation(operation: OperationName, definition: OperationDefinition): SoapOperation {
  const request: WireField[] = Object.entries(definition.request).map(([name, param]) => ({
    name,
    type:
      param.kind === 'enum' && param.enum
        ? enumType(param.enum)
        : param.kind === 'int'
          ? { kind: 'int' }
          : { kind: 'string' },
    required: param.required,
    repeated: param.kind === 'strings',
  }));
  const result: WireField[] = resultFields(definition).map((field) => ({
    name: field.name,
    type: valueType(field.type),
    required: !field.optional,
    repeated: false,
  }));
  return {
    operation,
    soapName: soapNameOf(operation),
    summary: definition.summary,
    request,
    resultType: definition.result.name,
    result,
  };
}

/** The SOAP view of one operations table: its operations in order, by SOAP name and by name. */
export interface SoapView {
  readonly list: readonly SoapOperation[];
  readonly bySoapName: ReadonlyMap<string, SoapOperation>;
  readonly byOperation: ReadonlyMap<string, SoapOperation>;
}

const views = new WeakMap<OperationTable, SoapView>();

/** The SOAP view of `table` (default: the MCC one), derived once per table, never edited. */
export function soapViewOf(table: OperationTable = operations): SoapView {
  let view = views.get(table);
  if (!view) {
    const list = Object.entries(table).map(([name, definition]) =>
      soapOperation(name as OperationName, definition),
    );
    view = {
      list,
      bySoapName: new Map(list.map((op) => [op.soapName, op])),
      byOperation: new Map(list.map((op) => [op.operation, op])),
    };
    views.set(table, view);
  }
  return view;
}

/** The SOAP view of the MCC operations table, in the reference's order. */
export const soapOperations: readonly SoapOperation[] = soapViewOf().list;

/** The operation whose request wrapper element is `localName`, if any (MCC table). */
export function soapOperationBySoapName(localName: string): SoapOperation | undefined {
  return soapViewOf().bySoapName.get(localName);
}

/** The SOAP view of an operation of the MCC table. */
export function soapOperationOf(operation: OperationName): SoapOperation {
  return soapViewOf().byOperation.get(operation)!;
}
