import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PgCluster, startCluster } from '@mcc/store-postgres/testing';
import {
  type HostileAnswer,
  restHostileCorpus,
  runHostileCorpus,
  soapEnvelope,
  soapHostileCorpus,
} from '@mcc/testkit';
import { afterAll, describe, expect, test } from 'vitest';
import { playground } from './support.js';

// The generated hostile corpus (issue 15) against the real server on the durable stores: the
// same cases and the same verdict as on memory (packages/*/test/corpus.test.ts), so that SQLite
// and PostgreSQL answer a NUL byte or a noncharacter exactly as memory does (finding 6).

const REST = '/mc/cxf/rest/json';
let cluster: PgCluster | undefined;
afterAll(async () => {
  await cluster?.destroy();
});

function restReason(answer: HostileAnswer): string | undefined {
  try {
    const body = JSON.parse(answer.text) as { result?: string; failReason?: string; code?: string };
    return body.failReason ?? body.code ?? body.result;
  } catch {
    return undefined;
  }
}

/** The fault code, fail reason or result of one of this server's own SOAP answers. */
function soapReason(answer: HostileAnswer): string | undefined {
  const code =
    /<faultcode>(?:\w+:)?(\w+)<\/faultcode>/.exec(answer.text)?.[1] ??
    /<(?:\w+:)?Code>\s*<(?:\w+:)?Value>(?:\w+:)?(\w+)</.exec(answer.text)?.[1];
  if (code) return code;
  const reason =
    /<failReason>(\w+)<\/failReason>/.exec(answer.text) ?? /<result>(\w+)<\/result>/.exec(answer.text);
  return reason?.[1] ?? `HTTP_${answer.status}`;
}

async function runBoth(store: string): Promise<void> {
  const p = await playground({ store });
  const origin = p.url;
  const rest = await runHostileCorpus(restHostileCorpus(), {
    origin,
    reasonOf: restReason,
    probe: async () => {
      const response = await fetch(`${origin}${REST}/checkSession?sessionId=alive`);
      const body = (await response.json()) as { failReason?: string };
      return response.status === 200 && body.failReason === 'INVALID_SESSION_ID';
    },
  });
  expect(rest).toEqual([]);
  const soap = await runHostileCorpus(soapHostileCorpus(), {
    origin,
    reasonOf: soapReason,
    probe: async () => {
      const response = await fetch(`${origin}/mc/cxf/soap`, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8' },
        body: soapEnvelope('<m:checkSessionState><sessionId>alive</sessionId></m:checkSessionState>'),
      });
      return (
        response.status === 200 &&
        (await response.text()).includes('<failReason>INVALID_SESSION_ID</failReason>')
      );
    },
  });
  expect(soap).toEqual([]);
}

describe('the hostile corpus on the durable stores', () => {
  test('SQLite', async () => {
    await runBoth(`sqlite:${mkdtempSync(join(tmpdir(), 'mcc-corpus-sqlite-'))}`);
  }, 300_000);

  test('PostgreSQL (a real server)', async () => {
    cluster = await startCluster();
    await runBoth(await cluster.createDatabase('corpus'));
  }, 300_000);
});
