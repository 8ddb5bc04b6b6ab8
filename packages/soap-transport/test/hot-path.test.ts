import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSoapHandler } from '../src/server/index.js';
import { xmlLimits } from '../src/xml/xml-limits.js';
import { createFakeService } from './support/fake-service.js';
import { type Listening, listen } from './support/listen.js';
import { envelope, expectFault, post, returnFields } from './support/soap-http.js';

// What the request path computes once instead of per request (issue 17) must stay per server and
// per request: the XML limits of each server, the refusal of a blank body.

let shallow: Listening;
let standard: Listening;
const url = (http: Listening) => `${http.origin}/mc/cxf/soap`;
const nested = (depth: number) =>
  envelope(
    `<m:checkSessionState><sessionId>x</sessionId>${'<n>'.repeat(depth)}${'</n>'.repeat(depth)}</m:checkSessionState>`,
  );

beforeAll(async () => {
  shallow = await listen(createSoapHandler(createFakeService(), { maxDepth: 8 }));
  standard = await listen(createSoapHandler(createFakeService()));
});
afterAll(async () => {
  await shallow.close();
  await standard.close();
});

describe('per-server XML limits', () => {
  test('two servers with different depths, called in turn, each keep their own limit', async () => {
    // The envelope takes 3 levels: 10 more nest 13 deep, past 8 and within 64.
    for (let round = 0; round < 3; round++) {
      const refused = await post(url(shallow), nested(10));
      expect(expectFault(refused, '1.1', 'Client')).toMatch(/deeper than 8 levels/);
      const served = await post(url(standard), nested(10));
      expect(served.status).toBe(200);
      expect(returnFields(served)).toMatchObject({ result: 'FAILED' });
      expect((await post(url(shallow), nested(2))).status).toBe(200);
    }
  });

  test('limits completed once come back as they are, and keep their values', () => {
    const limits = xmlLimits({ maxDepth: 3, maxElements: -1 });
    expect(limits).toEqual({ maxDepth: 3, maxElements: 10_000, maxAttributes: 64, maxNameLength: 256 });
    expect(xmlLimits(limits)).toBe(limits);
    expect(Object.isFrozen(limits)).toBe(true);
    // A look-alike plain object is still completed, not trusted.
    expect(xmlLimits({ ...limits, maxAttributes: 0 })).toMatchObject({ maxAttributes: 64 });
  });
});

describe('blank bodies', () => {
  test.each([
    [' \r\n\t', 'white space'],
    ['\ufeff \n', 'a byte order mark and white space'],
    ['\u00a0\u2028', 'Unicode white space'],
  ])('a body of %j (%s) is a Client fault saying it is empty', async (body) => {
    const answer = await post(url(standard), Buffer.from(body, 'utf8'));
    expect(expectFault(answer, '1.1', 'Client')).toBe('the request body is empty');
  });
});
