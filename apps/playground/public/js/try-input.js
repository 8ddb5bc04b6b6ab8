/** The integrator's form values: where each field's text is kept, and the operation input built from them. */
/** @import { CatalogEntry } from './types.js' */
/** @typedef {CatalogEntry['params'][number]} Param */

/** Values a newcomer can submit as they are. */
/** @type {Readonly<Record<string, string>>} */
export const DEFAULTS = { channelId: '1003', serviceid: 'SUPPORT', serviceCodes: 'SUPPORT, SALES, BILLING' };

/**
 * Where a field's text is kept: fields of the same name share it across operations (a sessionId
 * typed once serves every operation), except startSession's optional sessionId (a new ID to create).
 * @param {Pick<CatalogEntry, 'name'>} operation
 * @param {Pick<Param, 'name'>} param
 */
export function valueKey(operation, param) {
  return operation.name === 'startSession' && param.name === 'sessionId'
    ? 'startSession.sessionId'
    : param.name;
}

/**
 * Turns the form's texts into the operation's input (empty optional fields are left out).
 * @param {Pick<CatalogEntry, 'name' | 'params'>} operation
 * @param {Record<string, string | undefined>} values
 */
export function buildInput(operation, values) {
  /** @type {Record<string, unknown>} */
  const input = {};
  for (const param of operation.params) {
    const raw = (values[valueKey(operation, param)] ?? '').trim();
    if (raw === '') continue;
    if (param.kind === 'int') input[param.name] = /^-?\d+$/.test(raw) ? Number(raw) : raw;
    else if (param.kind === 'strings')
      input[param.name] = raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    else input[param.name] = raw;
  }
  return input;
}
