import { describe, expect, test } from 'vitest';
import { DEFAULT_MAX_BODY_BYTES, resolveRestHandlerOptions } from './options.js';

describe('resolveRestHandlerOptions', () => {
  test('defaults match a TVox host, CORS off', () => {
    expect(resolveRestHandlerOptions()).toMatchObject({
      basePath: '/mc/cxf/rest/json',
      wadlPath: '/mc/cxf/rest',
      openApiPath: '/mc/cxf/rest/openapi.json',
      maxBodyBytes: 64 * 1024 + 4 * 1024,
      trustProxy: false,
      cors: false,
    });
    expect(DEFAULT_MAX_BODY_BYTES).toBeGreaterThan(64 * 1024);
  });

  test('the documents follow a custom base path; paths are normalised', () => {
    expect(resolveRestHandlerOptions({ basePath: 'api/v1/mcc/' })).toMatchObject({
      basePath: '/api/v1/mcc',
      wadlPath: '/api/v1',
      openApiPath: '/api/v1/openapi.json',
    });
  });

  test('cors: true gets GET/PUT and a 10-minute preflight cache; an object overrides them', () => {
    expect(resolveRestHandlerOptions({ cors: true }).cors).toEqual({ methods: ['GET', 'PUT'], maxAge: 600 });
    expect(resolveRestHandlerOptions({ cors: { maxAge: 5, origin: 'https://x' } }).cors).toEqual({
      methods: ['GET', 'PUT'],
      maxAge: 5,
      origin: 'https://x',
    });
  });
});
