import { type OperationName, operationNames, operations, type Param } from '@mcc/core';
import { operationPath, restBindings } from '../shared/rest-bindings.js';
import { PROBLEM_MEDIA_TYPE, type ProblemCode } from './problem.js';
import { buildSchemaCatalog, COMPONENT_REF, type JsonSchema, type SchemaCatalog } from './schema-catalog.js';

/** The reference version of the MCC API the documents describe. */
export const MCC_API_VERSION = '1.0.1';

const problemCodes: ProblemCode[] = [
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'UNSUPPORTED_MEDIA_TYPE',
  'MALFORMED_JSON',
  'BAD_REQUEST',
  'PAYLOAD_TOO_LARGE',
  'URI_TOO_LONG',
  'INTERNAL_ERROR',
];

const problemSchema: JsonSchema = {
  type: 'object',
  description: 'An RFC 9457 problem: a protocol error (never a business failure, which is a 200 result).',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string', enum: problemCodes },
  },
  required: ['type', 'title', 'status', 'detail', 'code'],
};

/** The name of the JSON body schema of a PUT operation (`SetSessionDataRequest`). */
export function requestBodyName(operation: OperationName): string {
  return `${operation.charAt(0).toUpperCase()}${operation.slice(1)}Request`;
}

function bodySchema(operation: OperationName, catalog: SchemaCatalog): JsonSchema {
  const request = operations[operation].request as Record<string, Param>;
  const required = Object.entries(request)
    .filter(([, param]) => param.required)
    .map(([name]) => name);
  return { type: 'object', properties: catalog.params[operation], required };
}

function operationObject(operation: OperationName, catalog: SchemaCatalog): JsonSchema {
  const definition = operations[operation];
  const binding = restBindings[operation];
  const request = definition.request as Record<string, Param>;
  const out: JsonSchema = {
    operationId: operation,
    summary: definition.summary,
    description:
      `Business failures are answered with HTTP 200 and \`result: FAILED\` plus a \`failReason\` from ` +
      `${definition.failReason.meta()?.id ?? 'its enum'}; invalid input is such a failure, not an HTTP error.`,
  };
  if (binding.input === 'query') {
    out.parameters = Object.entries(request).map(([name, param]) => ({
      name,
      in: 'query',
      required: param.required,
      description: param.description,
      schema: catalog.params[operation][name],
      ...(param.kind === 'strings' ? { style: 'form', explode: true } : {}),
    }));
  } else {
    const name = requestBodyName(operation);
    out.requestBody = {
      required: true,
      content: { 'application/json': { schema: { $ref: `${COMPONENT_REF}${name}` } } },
    };
  }
  out.responses = {
    '200': {
      description: `The ${catalog.results[operation]} (SUCCESS or FAILED).`,
      content: { 'application/json': { schema: { $ref: `${COMPONENT_REF}${catalog.results[operation]}` } } },
    },
    '4XX': { $ref: '#/components/responses/Problem' },
    '5XX': { $ref: '#/components/responses/Problem' },
  };
  return out;
}

/** Options of {@link buildOpenApiDocument}. */
export interface OpenApiDocumentOptions {
  /** The endpoint path operations live under (the document's server URL). */
  basePath: string;
}

/**
 * The OpenAPI 3.1 document of the REST/JSON API, generated from the operations table and the core
 * zod schemas (via `z.toJSONSchema`). Its server URL is the endpoint path, relative to wherever the
 * document was fetched from.
 */
export function buildOpenApiDocument({ basePath }: OpenApiDocumentOptions): JsonSchema {
  const catalog = buildSchemaCatalog();
  const schemas: Record<string, JsonSchema> = { ...catalog.schemas, Problem: problemSchema };
  const paths: Record<string, JsonSchema> = {};
  for (const operation of operationNames) {
    const binding = restBindings[operation];
    if (binding.input === 'json-body') schemas[requestBodyName(operation)] = bodySchema(operation, catalog);
    paths[operationPath(operation)] = { [binding.method.toLowerCase()]: operationObject(operation, catalog) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'TVox MultiChannel Connector (MCC) REST/JSON API',
      version: MCC_API_VERSION,
      description:
        'Manage multichannel sessions of a TVox contact center. Generated from the @mcc/core operations table.',
    },
    servers: [{ url: basePath || '/' }],
    paths,
    components: {
      schemas,
      responses: {
        Problem: {
          description:
            'A protocol error (unknown path, wrong method or media type, malformed or oversized request).',
          content: { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: `${COMPONENT_REF}Problem` } } },
        },
      },
    },
  };
}
