import { describe, expect, test } from 'vitest';
import { isJsonMediaType } from './read-json-body.js';

describe('isJsonMediaType', () => {
  test.each([
    'application/json',
    'application/json; charset=utf-8',
    'APPLICATION/JSON;CHARSET="UTF-8"',
    'application/vnd.mcc+json',
    'application/json; version=1',
  ])('accepts %s', (type) => {
    expect(isJsonMediaType(type)).toBe(true);
  });

  test.each([
    undefined,
    '',
    'text/json',
    'application/jsonp',
    'application/json; charset=latin1',
    'multipart/form-data',
  ])('refuses %s', (type) => {
    expect(isJsonMediaType(type)).toBe(false);
  });
});
