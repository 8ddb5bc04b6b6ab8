import { type OperationDefinition, operationNames, operations } from '@mcc/core';
import { restBindings } from '@mcc/rest-transport/server';
import { soapOperationNames } from '@mcc/soap-transport/server';

/** One operation as the console's forms see it. */
export interface CatalogEntry {
  name: string;
  soapName: string;
  summary: string;
  readOnly: boolean;
  method: string;
  path: string;
  params: Array<{ name: string; kind: string; required: boolean; description: string; values?: string[] }>;
}

/** The operations table as data for the console's forms (derived, never written twice). */
export function operationsCatalog(): CatalogEntry[] {
  return operationNames.map((name) => {
    const op = operations[name] as OperationDefinition;
    const binding = restBindings[name];
    return {
      name,
      soapName: soapOperationNames[name],
      summary: op.summary,
      readOnly: op.readOnly,
      method: binding.method,
      path: `/${name}`,
      params: Object.entries(op.request).map(([param, def]) => ({
        name: param,
        kind: def.kind,
        required: def.required,
        description: def.description,
        ...(def.enum ? { values: def.enum.options.map(String) } : {}),
      })),
    };
  });
}
