import assert from 'node:assert/strict';
import { MccError } from '@mcc/core';
import { seededRandom } from '@mcc/testkit';
import pg from 'pg';
import { describe, onTestFinished, test } from 'vitest';
import { literal } from '../src/statement-batch.js';
import { adminPool } from './support/test-store.js';

/** What a statement came to: its rows and column types, or the SQLSTATE it failed with. */
type Outcome = { rows: unknown[]; types: number[] } | { code: string };

async function outcome(run: () => Promise<pg.QueryResult>): Promise<Outcome> {
  try {
    const result = await run();
    return { rows: result.rows, types: result.fields.map((f) => f.dataTypeID) };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string') throw error;
    return { code };
  }
}

/** A dedicated connection of a plain pool (released and ended after the test). */
async function connection(): Promise<pg.PoolClient> {
  const pool = adminPool();
  const client = await pool.connect();
  onTestFinished(async () => {
    client.release();
    await pool.end();
  });
  return client;
}

/**
 * Runs every value through `sql` twice — as a bound parameter of the driver (extended protocol)
 * and as `EXECUTE name(literal(value))` of an SQL-prepared statement, as the batch sends it — and
 * asserts the same outcome. Returns how many values succeeded (so a corpus that only errors is noticed).
 */
async function differential(client: pg.PoolClient, sql: string, values: readonly unknown[]): Promise<number> {
  const name = `lit_${Math.random().toString(36).slice(2)}`;
  await client.query(`PREPARE ${name} AS ${sql}`);
  let ok = 0;
  try {
    for (const value of values) {
      const bound = await outcome(() => client.query({ text: sql, values: [value] }));
      const executed = await outcome(() => client.query(`EXECUTE ${name}(${literal(value)})`));
      assert.deepEqual(executed, bound, `${sql} with ${JSON.stringify(value)?.slice(0, 200)}`);
      if ('rows' in bound) ok++;
    }
  } finally {
    await client.query(`DEALLOCATE ${name}`);
  }
  return ok;
}

const awkwardStrings = [
  '',
  ' ',
  "'",
  "''",
  "it's",
  "'; DROP TABLE x; --",
  '\\',
  '\\\\',
  "\\'",
  "E'\\x41'",
  "e'abc'",
  'E',
  '$1',
  '$1::text',
  '$$',
  '$tag$ x $tag$',
  ';',
  'a;b',
  '--',
  '-- comment\nnext line',
  '/* open',
  '*/',
  '"double"',
  'NULL',
  'null',
  '{a,b}',
  '\n\r\t\v\f\b',
  '\u0001\u001f\u007f',
  'é日本語',
  '😀 astral 𝄞 \u{10FFFF}',
  '\u2028\u2029',
  '\ufeffBOM',
  'lone \ud800 high',
  'lone \udfff low',
  'x'.repeat(100_000),
  "'\\".repeat(50_000),
  'é😀'.repeat(40_000),
];

const numbers = [
  0,
  -0,
  1,
  -1,
  42,
  -1.5,
  0.1 + 0.2,
  1 / 3,
  5e-324,
  1e21,
  -1e21,
  1.7976931348623157e308,
  2147483647,
  2147483648,
  -2147483648,
  -2147483649,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
];

const numericStrings = ['42', ' 7 ', '-0', '1.5', '1e3', '1e400', 'NaN', 'inf', '0x10', '', 'x', '12abc'];

const textArrays = [
  [],
  [''],
  ['a', 'b'],
  ['NULL', null, undefined],
  ["it's", '"quoted"', 'back\\slash', 'a,b', '{braces}', ' spaced '],
  ["E'x'", '$1', ';', '--', '😀', '\u2028'],
  [
    ['nested', 'array'],
    ['of', 'two'],
  ],
  ['x'.repeat(10_000), "'\\".repeat(5000)],
];

const pieces = [
  "'",
  "''",
  '\\',
  '"',
  '$',
  '$1',
  ';',
  '--',
  '/*',
  "E'",
  '\n',
  '\r',
  '\t',
  ' ',
  '{',
  '}',
  ',',
  'NULL',
];
pieces.push('é', '😀', '\u2028', '\u2029', '\ufeff', '\ud800', '\udfff', 'a', 'Z', '0', '\u0001', '\u007f');

function randomString(random: () => number): string {
  const length = Math.floor(random() * 30);
  let s = '';
  for (let i = 0; i < length; i++) {
    const r = random();
    if (r < 0.6) s += pieces[Math.floor(random() * pieces.length)];
    // Any code point but NUL (lone surrogate halves included).
    else s += String.fromCodePoint(1 + Math.floor(random() * 0x10ffff));
  }
  return s;
}

describe('statement literals: EXECUTE with literal() behaves as a bound parameter', () => {
  test('awkward strings, numbers, booleans and null as text', async () => {
    const client = await connection();
    const values = [...awkwardStrings, ...numbers, true, false, null, undefined, { a: "'\\" }, [1, 'x']];
    assert.equal(await differential(client, 'SELECT $1::text AS v', values), values.length);
  });

  test('numbers and numeric strings as float8, integer and bigint (failures with the same SQLSTATE)', async () => {
    const client = await connection();
    const values = [...numbers, ...numericStrings, true, null];
    assert.ok((await differential(client, 'SELECT $1::float8 AS v', values)) >= numbers.length);
    const integers = await differential(client, 'SELECT $1::integer AS v', values);
    // Some succeed (0, 1, 42, '42', ' 7 '…), some fail (1.5, 1e21, 2147483648…): both compared.
    assert.ok(integers > 5 && integers < values.length, `integers that succeeded: ${integers}`);
    assert.ok((await differential(client, 'SELECT $1::bigint AS v', values)) > 5);
    assert.ok(
      (await differential(client, 'SELECT $1::boolean AS v', [true, false, 't', 'yes', 'x', null])) >= 5,
    );
  });

  test('arrays of strings for a text[] parameter', async () => {
    const client = await connection();
    assert.ok((await differential(client, 'SELECT $1::text[] AS v', textArrays)) >= textArrays.length - 1);
    assert.equal(await differential(client, 'SELECT $1::integer[] AS v', [[1, -2, null], []]), 2);
    // A parameter used twice and compared inside the statement (the literal is one value, not SQL).
    const sql = "SELECT $1::text = ANY(ARRAY[$1::text, 'x']) AS same, length($1::text) AS n";
    assert.equal(await differential(client, sql, awkwardStrings), awkwardStrings.length);
  });

  test('the same with standard_conforming_strings off (backslashes in plain literals are escapes there)', async () => {
    const client = await connection();
    await client.query('SET standard_conforming_strings = off; SET escape_string_warning = off');
    const values = [...awkwardStrings.slice(0, 34), ...numbers.slice(0, 6), true, null];
    assert.equal(await differential(client, 'SELECT $1::text AS v', values), values.length);
    assert.ok((await differential(client, 'SELECT $1::text[] AS v', textArrays)) >= textArrays.length - 1);
  });

  test('random strings (seeded): 400 as text, 100 arrays as text[]', async () => {
    const client = await connection();
    const random = seededRandom(0x5eed);
    const strings = Array.from({ length: 400 }, () => randomString(random));
    assert.equal(await differential(client, 'SELECT $1::text AS v', strings), strings.length);
    const arrays = Array.from({ length: 100 }, () =>
      Array.from({ length: Math.floor(random() * 5) }, () => (random() < 0.1 ? null : randomString(random))),
    );
    assert.equal(await differential(client, 'SELECT $1::text[] AS v', arrays), arrays.length);
  });

  test("literal() quotes text exactly as the driver's escapeLiteral does (awkward and 2 000 seeded random strings)", () => {
    const random = seededRandom(0xe5c);
    const strings = [...awkwardStrings, ...Array.from({ length: 2000 }, () => randomString(random))];
    for (const text of strings)
      assert.equal(literal(text), pg.escapeLiteral(text), JSON.stringify(text.slice(0, 80)));
  });

  test('literal() refuses U+0000 with STORE_UNAVAILABLE; NULL for null and undefined', () => {
    for (const value of ['\u0000', 'a\u0000b', ['x', 'y\u0000'], { k: 'a\u0000' }]) {
      // JSON.stringify escapes NUL in an object (\u0000 as six characters): that one is legal text.
      if (typeof value === 'object' && !Array.isArray(value)) {
        assert.equal(literal(value), ` E'{"k":"a\\\\u0000"}'`);
        continue;
      }
      assert.throws(
        () => literal(value),
        (error: unknown) => error instanceof MccError && error.code === 'STORE_UNAVAILABLE',
        JSON.stringify(value),
      );
    }
    assert.equal(literal(null), 'NULL');
    assert.equal(literal(undefined), 'NULL');
  });
});
