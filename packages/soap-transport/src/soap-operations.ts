import {
  type OperationDefinition,
  type OperationName,
  operationNames,
  operations,
  wireEnumName,
} from '@mcc/core';
import { z } from 'zod';

/**
 * SOAP operation names (semantics §1): the two check operations keep the names they have on a
 * real TVox (`checkSessionState`, `checkSessionStateWithData`); every other one is the engine name.
 */
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
  readonly soapName: SoapOperationName;
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

/** The XML type of a zod schema from the core's result shapes. */
function valueType(schema: z.ZodType): WireValueType {
  if (schema instanceof z.ZodOptional) return valueType(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodEnum) return enumType(schema);
  if (schema instanceof z.ZodString) return { kind: 'string' };
  if (schema instanceof z.ZodNumber) return { kind: 'int' };
  if (schema instanceof z.ZodRecord) return { kind: 'map', value: valueType(schema.valueType as z.ZodType) };
  throw new TypeError(`no XML mapping for a ${schema._zod.def.type} field`);
}

function soapOperation(operation: OperationName): SoapOperation {
  const definition = operations[operation] as OperationDefinition;
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
  const shape = definition.result.wire.shape as Record<string, z.ZodType>;
  const result: WireField[] = Object.entries(shape).map(([name, schema]) => ({
    name,
    type: valueType(schema),
    required: !(schema instanceof z.ZodOptional),
    repeated: false,
  }));
  return {
    operation,
    soapName: soapOperationNames[operation],
    summary: definition.summary,
    request,
    resultType: definition.result.name,
    result,
  };
}

/** The SOAP view of the operations table, in the reference's order. Derived, never edited. */
export const soapOperations: readonly SoapOperation[] = operationNames.map(soapOperation);

const bySoapName = new Map<string, SoapOperation>(soapOperations.map((op) => [op.soapName, op]));
const byOperation = new Map<string, SoapOperation>(soapOperations.map((op) => [op.operation, op]));

/** The operation whose request wrapper element is `localName`, if any. */
export function soapOperationBySoapName(localName: string): SoapOperation | undefined {
  return bySoapName.get(localName);
}

/** The SOAP view of an engine operation. */
export function soapOperationOf(operation: OperationName): SoapOperation {
  return byOperation.get(operation)!;
}
