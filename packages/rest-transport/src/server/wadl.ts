import { type OperationName, type OperationTable, operations, type Param } from '@mcc/core';
import { PROBLEM_MEDIA_TYPE, problemStatuses } from '@mcc/http';
import { XMLBuilder } from 'fast-xml-parser';
import { operationPath, restBindingOf } from '../shared/rest-bindings.js';
import { MCC_API_VERSION } from './openapi.js';
import { buildSchemaCatalog, deref, type JsonSchema, type SchemaCatalog } from './schema-catalog.js';

/** The WADL namespace (W3C member submission, 2009/02). */
export const WADL_NAMESPACE = 'http://wadl.dev.java.net/2009/02';

/** The media type the WADL is served with. */
export const WADL_MEDIA_TYPE = 'application/vnd.sun.wadl+xml';

const BASE_PLACEHOLDER = '__MCC_RESOURCES_BASE__';

type XmlNode = Record<string, unknown>;

function xsType(schema: JsonSchema): string {
  if (schema.type === 'integer') return 'xs:int';
  if (schema.type === 'object') return 'xs:anyType';
  return 'xs:string';
}

/** One WADL `<param>` from a JSON Schema, with `<option>`s for enums. */
function paramNode(
  name: string,
  style: string,
  schema: JsonSchema,
  catalog: SchemaCatalog,
  required: boolean,
) {
  const resolved = deref(catalog, schema);
  const repeating = resolved.type === 'array';
  const values = Array.isArray(resolved.enum) ? (resolved.enum as string[]) : undefined;
  const node: XmlNode = {
    '@_name': name,
    '@_style': style,
    '@_type': xsType(repeating ? (resolved.items as JsonSchema) : resolved),
    '@_required': String(required),
  };
  if (style === 'plain') node['@_path'] = name;
  if (repeating) node['@_repeating'] = 'true';
  const description = schema.description ?? resolved.description;
  if (typeof description === 'string') node.doc = description;
  if (values) node.option = values.map((value) => ({ '@_value': value }));
  return node;
}

/** The problem statuses an operation can be answered with (413 and 415 only with a body). */
function errorStatuses(input: 'query' | 'json-body'): number[] {
  return problemStatuses.filter((status) => input === 'json-body' || (status !== 413 && status !== 415));
}

function methodNode(operation: OperationName, table: OperationTable, catalog: SchemaCatalog): XmlNode {
  const definition = table[operation]!;
  const binding = restBindingOf(operation);
  const request = definition.request as Record<string, Param>;
  const params = Object.entries(request).map(([name, param]) =>
    paramNode(
      name,
      binding.input === 'query' ? 'query' : 'plain',
      catalog.params[operation][name]!,
      catalog,
      param.required,
    ),
  );
  const resultName = catalog.results[operation];
  const result = catalog.schemas[resultName] ?? {};
  const required = new Set((result.required as string[] | undefined) ?? []);
  const fields = Object.entries((result.properties ?? {}) as Record<string, JsonSchema>).map(
    ([name, schema]) => paramNode(name, 'plain', schema, catalog, required.has(name)),
  );
  return {
    '@_name': binding.method,
    '@_id': operation,
    doc: definition.summary,
    request:
      binding.input === 'query'
        ? { param: params }
        : { representation: { '@_mediaType': 'application/json', param: params } },
    response: [
      {
        '@_status': '200',
        representation: { '@_mediaType': 'application/json', doc: { '@_title': resultName }, param: fields },
      },
      {
        '@_status': errorStatuses(binding.input).join(' '),
        representation: { '@_mediaType': PROBLEM_MEDIA_TYPE },
      },
    ],
  };
}

/**
 * Builds the WADL of the REST/JSON API from an operations table (default: the MCC one), once. The
 * returned function only fills in `<resources base>`: the address the document was fetched from
 * (plus the endpoint path).
 */
export function buildWadl(basePath: string, table: OperationTable = operations): (origin: string) => string {
  const catalog = buildSchemaCatalog(table);
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    format: true,
    suppressBooleanAttributes: false,
    suppressEmptyNode: true,
  });
  const xml: string = builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    application: {
      '@_xmlns': WADL_NAMESPACE,
      '@_xmlns:xs': 'http://www.w3.org/2001/XMLSchema',
      doc: {
        '@_title': `TVox MultiChannel Connector (MCC) REST/JSON API ${MCC_API_VERSION}`,
        '#text': 'Generated from the @mcc/core operations table.',
      },
      resources: {
        '@_base': BASE_PLACEHOLDER,
        resource: (Object.keys(table) as OperationName[]).map((operation) => ({
          '@_path': operationPath(operation),
          method: methodNode(operation, table, catalog),
        })),
      },
    },
  });
  const [head, tail] = xml.split(BASE_PLACEHOLDER) as [string, string];
  const escapeAttribute = (value: string) =>
    value
      .replaceAll('&', '&amp;')
      .replaceAll('<', '&lt;')
      .replaceAll('"', '&quot;')
      .replaceAll("'", '&apos;');
  return (origin) => `${head}${escapeAttribute(`${origin}${basePath}`)}${tail}`;
}
