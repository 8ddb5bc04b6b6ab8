import type { OperationDefinition } from '@mcc/core';

/** The name of the JSON body schema of an operation (`SetSessionDataRequest`). */
export function requestBodyName(operation: string): string {
  return `${operation.charAt(0).toUpperCase()}${operation.slice(1)}Request`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A number or boolean as its JSON text; anything else as it is (validation decides). */
function scalarText(value: unknown): unknown {
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
}

/** Any JSON value where text is expected, as text: a string itself, anything else its JSON text. */
function asText(value: unknown): unknown {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The raw input a JSON request body carries (setSessionData), read the way CXF's JSON providers
 * send it — tolerant reader, decided in docs/decisions/rest-request-bodies.md:
 *
 * - the object itself, `{"sessionId":"…","sessionData":"…"}` (the reference, Jackson);
 * - root-wrapped, `{"SetSessionDataRequest":{…}}` or `{"setSessionDataRequest":{…}}` (Jettison),
 *   when that is the only member and the operation has no parameter of that name;
 * - a number or boolean where text is expected is its JSON text (Jackson's scalar coercion;
 *   Jettison writes numeric-looking strings as numbers); `null` is absent;
 * - an object or array where free text is expected (`sessionData`) is its JSON text: structured
 *   data is stored as the JSON the caller sent, and the session is looked up first (semantics §5).
 *
 * Anything else is handed on as it is, for the operation's own validation to answer with its fail
 * reason: a body that is not an object carries no parameters, an object where an identifier is
 * expected is an invalid value. Unknown members are ignored.
 */
export function readBodyRequest(definition: OperationDefinition, body: unknown): Record<string, unknown> {
  const input: Record<string, unknown> = Object.create(null);
  if (!isObject(body)) return input;
  const params = new Map(Object.entries(definition.request));
  const keys = Object.keys(body);
  const wrapper = requestBodyName(definition.name);
  const root = keys.length === 1 ? keys[0] : undefined;
  const wrapped =
    root !== undefined &&
    !params.has(root) &&
    (root === wrapper || root === `${wrapper.charAt(0).toLowerCase()}${wrapper.slice(1)}`) &&
    isObject(body[root]);
  const source = wrapped ? (body[root] as Record<string, unknown>) : body;
  for (const [name, param] of params) {
    if (!Object.hasOwn(source, name)) continue;
    const value = source[name];
    if (value === null || value === undefined) continue;
    if (param.kind === 'int') input[name] = value;
    else if (param.kind === 'string' && !param.noControlCharacters) input[name] = asText(value);
    else input[name] = Array.isArray(value) ? value.map(scalarText) : scalarText(value);
  }
  return input;
}
