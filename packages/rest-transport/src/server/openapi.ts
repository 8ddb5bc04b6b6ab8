import { type OperationName, type OperationTable, operations, type Param } from '@mcc/core';
import { PROBLEM_MEDIA_TYPE, PROBLEM_TYPES, problemCodes, problemStatuses } from '@mcc/http';
import { operationPath, restBindingOf } from '../shared/rest-bindings.js';
import { requestBodyName } from './body-request.js';
import { buildSchemaCatalog, COMPONENT_REF, type JsonSchema, type SchemaCatalog } from './schema-catalog.js';

export { requestBodyName };

/** The reference version of the MCC API the documents describe. */
export const MCC_API_VERSION = '1.0.1';

/** Statuses only a request with a body can be answered with. */
const BODY_STATUSES = new Set([413, 415]);

/** The security schemes the document declares when the server asks for credentials. */
export const SECURITY_SCHEMES = {
  basicAuth: { type: 'http', scheme: 'basic', description: 'HTTP Basic (RFC 7617), UTF-8.' },
  bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API key as a bearer token (RFC 6750).' },
} as const;

/** One response object per problem status, naming the codes answered with it. */
function problemResponses(): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  for (const status of problemStatuses) {
    const codes = problemCodes.filter((code) => PROBLEM_TYPES[code].status === status);
    out[`Problem${status}`] = {
      description: codes.map((code) => `\`${code}\`: ${PROBLEM_TYPES[code].description}`).join(' '),
      content: { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: `${COMPONENT_REF}Problem` } } },
    };
  }
  return out;
}

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

function bodySchema(operation: OperationName, table: OperationTable, catalog: SchemaCatalog): JsonSchema {
  const request = table[operation]!.request as Record<string, Param>;
  const required = Object.entries(request)
    .filter(([, param]) => param.required)
    .map(([name]) => name);
  return { type: 'object', properties: catalog.params[operation], required };
}

/** The one tag every operation carries (linters and generated clients group operations by tag). */
const OPERATIONS_TAG = { name: 'mcc', description: 'The operations of the MultiChannel Connector.' };

function operationObject(
  operation: OperationName,
  table: OperationTable,
  catalog: SchemaCatalog,
): JsonSchema {
  const definition = table[operation]!;
  const binding = restBindingOf(operation);
  const request = definition.request as Record<string, Param>;
  const out: JsonSchema = {
    operationId: operation,
    tags: [OPERATIONS_TAG.name],
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
  };
  for (const status of problemStatuses) {
    if (binding.input === 'query' && BODY_STATUSES.has(status)) continue;
    (out.responses as Record<string, JsonSchema>)[String(status)] = {
      $ref: `#/components/responses/Problem${status}`,
    };
  }
  return out;
}

/** Options of {@link buildOpenApiDocument}. */
export interface OpenApiDocumentOptions {
  /** The endpoint path operations live under (the document's server URL). */
  basePath: string;
  /**
   * Whether operations ask for credentials (the handler has `authenticate`): the document then
   * declares HTTP Basic and bearer security schemes and requires one of them. Default false.
   */
  secured?: boolean;
  /** The operations table to describe. Default: the MCC one. */
  operations?: OperationTable;
}

/**
 * The OpenAPI 3.1 document of the REST/JSON API, generated from the operations table and the core
 * zod schemas (via `z.toJSONSchema`). Its server URL is the endpoint path, relative to wherever the
 * document was fetched from.
 */
export function buildOpenApiDocument({
  basePath,
  secured = false,
  operations: table = operations,
}: OpenApiDocumentOptions): JsonSchema {
  const catalog = buildSchemaCatalog(table);
  const schemas: Record<string, JsonSchema> = { ...catalog.schemas, Problem: problemSchema };
  const paths: Record<string, JsonSchema> = {};
  for (const operation of Object.keys(table) as OperationName[]) {
    const binding = restBindingOf(operation);
    if (binding.input === 'json-body')
      schemas[requestBodyName(operation)] = bodySchema(operation, table, catalog);
    paths[operationPath(operation)] = {
      [binding.method.toLowerCase()]: operationObject(operation, table, catalog),
    };
  }
  const security = secured ? { security: Object.keys(SECURITY_SCHEMES).map((name) => ({ [name]: [] })) } : {};
  return {
    openapi: '3.1.0',
    info: {
      title: 'TVox MultiChannel Connector (MCC) REST/JSON API',
      version: MCC_API_VERSION,
      description:
        'Manage multichannel sessions of a TVox contact center. Generated from the @mcc/core operations table.',
      contact: { name: 'mcc toolkit', url: 'https://github.com/mcc-toolkit/mcc' },
      license: { name: 'MIT', identifier: 'MIT' },
    },
    tags: [OPERATIONS_TAG],
    servers: [{ url: basePath || '/' }],
    ...security,
    paths,
    components: {
      schemas,
      responses: problemResponses(),
      ...(secured ? { securitySchemes: SECURITY_SCHEMES } : {}),
    },
  };
}
