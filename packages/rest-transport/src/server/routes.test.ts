import { operationNames } from '@mcc/core';
import { describe, expect, test } from 'vitest';
import { resolveRestHandlerOptions } from './options.js';
import { asksForWadl, buildRoutes } from './routes.js';

describe('buildRoutes', () => {
  test('one route per operation of the table, plus the documents', () => {
    const routes = buildRoutes(resolveRestHandlerOptions());
    for (const name of operationNames) {
      expect(routes.get(`/mc/cxf/rest/json/${name}`)).toMatchObject({ kind: 'operation', operation: name });
    }
    expect(routes.get('/mc/cxf/rest/json/setSessionData')).toMatchObject({ allow: 'PUT, OPTIONS' });
    expect(routes.get('/mc/cxf/rest')).toMatchObject({ kind: 'wadl' });
    expect(routes.get('/mc/cxf/rest/openapi.json')).toMatchObject({ kind: 'openapi' });
    expect(routes.size).toBe(operationNames.length + 3);
  });
});

describe('asksForWadl', () => {
  test.each([
    ['_wadl', true],
    ['_wadl=', true],
    ['_type=xml&_wadl', true],
    ['_wadl&_type=xml', true],
    ['wadl', false],
    ['_wadlx', false],
    ['x_wadl', false],
    ['', false],
  ])('%j → %s', (search, expected) => {
    expect(asksForWadl(search)).toBe(expected);
  });
});
