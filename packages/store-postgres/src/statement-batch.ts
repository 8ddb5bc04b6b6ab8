import { createHash } from 'node:crypto';
import { MccError } from '@mcc/core';
import pg, { type PoolClient, type QueryConfig, type QueryResult, type QueryResultRow } from 'pg';

/** The driver's own conversion of a parameter to the text it would send (`pg/lib/utils`). */
const { prepareValue } = (pg as unknown as { utils: { prepareValue(value: unknown): unknown } }).utils;

/**
 * A parameter as an SQL literal: exactly the text the driver would send for it as a bound
 * parameter (its own `prepareValue`), quoted as its own `escapeLiteral` quotes it, so that
 * PostgreSQL coerces it to the parameter's type just as it coerces a bound one. `null` and
 * `undefined` are `NULL`. Text cannot hold NUL in PostgreSQL (and a simple query is a C string):
 * refused.
 */
export function literal(value: unknown): string {
  const text = prepareValue(value);
  if (text === null || text === undefined) return 'NULL';
  if (typeof text !== 'string') throw new TypeError(`cannot send a ${typeof text} as a statement parameter`);
  if (text.includes('\u0000'))
    throw new MccError('STORE_UNAVAILABLE', 'PostgreSQL: text cannot hold the character NUL (U+0000)');
  return quote(text);
}

const SPECIAL = /['\\]/;
const SPECIALS = /['\\]/g;

/**
 * The output of the driver's `escapeLiteral`, character for character (quotes and backslashes
 * doubled; ` E'…'` when there is a backslash), without its loop that appends one character at a
 * time — a session's JSON record is hundreds of characters (a start's statements cost the node
 * about a tenth less, docs/benchmarks.md). Pinned against `escapeLiteral` by
 * `test/statement-literals.test.ts`.
 */
function quote(text: string): string {
  if (!SPECIAL.test(text)) return `'${text}'`;
  const doubled = text.replace(SPECIALS, '$&$&');
  return text.includes('\\') ? ` E'${doubled}'` : `'${doubled}'`;
}

/** Digests of statement texts (a cache: a digest is recomputed after a clear). */
const digests = new Map<string, string>();
const MAX_CACHED = 1000;

/**
 * The name a statement is prepared under: a digest of its text, the same on every connection and
 * in every process without a registry. `batched`: prepared with SQL `PREPARE` by a
 * {@link StatementBatch} (`mccq_…`); `bound`: by the driver's extended protocol, for the reads
 * outside transactions (`mccb_…`). The two kinds share one namespace per connection, so they
 * never share a name.
 */
export function statementName(sql: string, kind: 'batched' | 'bound'): string {
  let digest = digests.get(sql);
  if (digest === undefined) {
    if (digests.size >= MAX_CACHED) digests.clear();
    digest = createHash('sha1').update(sql).digest('hex').slice(0, 24);
    digests.set(sql, digest);
  }
  return `${kind === 'batched' ? 'mccq' : 'mccb'}_${digest}`;
}
/**
 * A statement as a named prepared statement of the driver: each connection parses and plans it
 * once, then only binds and executes it (less CPU on the server and fewer bytes on the wire).
 */
export function prepared(text: string, values: unknown[] | undefined): QueryConfig {
  return { name: statementName(text, 'bound'), text, values };
}

/** Which of those names each connection has prepared. */
const preparedOn = new WeakMap<PoolClient, Set<string>>();

/** The error of a call made after the transaction ended (made only then: an error's stack costs). */
const finished = () => new MccError('STORE_CLOSED', 'the transaction is already finished');

/** One statement of a batch: the SQL it adds, and who waits for its result (if anyone). */
interface Entry {
  readonly sql: string;
  /** Results the SQL yields (a `PREPARE` first adds one). */
  readonly results: number;
  /** The name it prepares on this connection, if it does. */
  readonly prepares?: string;
  resolve?(result: QueryResult): void;
  reject?(error: unknown): void;
}

/**
 * The statements of one transaction on one connection, sent in batches: everything issued before
 * the batch goes out — statements whose results are awaited ({@link query}), the writes nobody
 * awaits ({@link defer}) queued before them — travels in one simple-protocol query, so a
 * transaction costs a round trip per step that needs an answer, not per statement. Each
 * statement is prepared once per connection (SQL `PREPARE`) and then run as `EXECUTE name(…)`
 * with its parameters as {@link literal}s, so the server plans it once, as it would a bound
 * statement. Statements run in the order they were issued; the first that fails fails the whole
 * batch (PostgreSQL skips the rest), and every later call, with the same error.
 */
export class StatementBatch {
  readonly #client: PoolClient;
  readonly #prepared: Set<string>;
  #queue: Entry[] = [];
  #scheduled = false;
  #inFlight: Promise<void> | undefined;
  /** What the first batch starts with (BEGIN and a statement), told its statement's result. */
  #opening: Opening | undefined;
  #failure: unknown;
  /** Whether the transaction is over (committing, rolled back): nothing more may be sent. */
  #ended = false;
  #sent = false;
  #answered = false;
  /** Whether a batch that prepared names failed (the connection's prepared names are then unknown). */
  #lostTrack = false;

  /**
   * `opening`: what to send at the head of the first batch, e.g. `BEGIN` and the transaction's id:
   * a transaction that never sends anything never begins.
   */
  constructor(
    client: PoolClient,
    private readonly mapError: (error: unknown) => unknown,
    opening?: Opening,
  ) {
    this.#client = client;
    let prepared = preparedOn.get(client);
    if (!prepared) {
      prepared = new Set();
      preparedOn.set(client, prepared);
    }
    this.#prepared = prepared;
    this.#opening = opening;
  }

  /** Whether anything has been sent (so the transaction has begun). */
  get sent(): boolean {
    return this.#sent;
  }

  /** Whether statements are queued, not yet sent. */
  get pending(): boolean {
    return this.#queue.length > 0;
  }

  /** Whether a batch has run (so the connection was alive when the transaction began). */
  get answered(): boolean {
    return this.#answered;
  }

  /** Whether the connection's prepared statements can no longer be trusted (discard it). */
  get lostTrack(): boolean {
    return this.#lostTrack;
  }

  /** The error of a failed batch, if one failed. */
  get failure(): unknown {
    return this.#failure;
  }

  /** Queues a statement and resolves with its result once its batch has run. */
  query<R extends QueryResultRow = QueryResultRow>(sql: string, params: readonly unknown[] = []) {
    return new Promise<QueryResult<R>>((resolve, reject) => {
      this.#push(sql, params, resolve as (r: QueryResult) => void, reject);
      if (!this.#scheduled) {
        this.#scheduled = true;
        // Statements issued in the same tick (Promise.all) go in the same batch.
        queueMicrotask(() => {
          this.#scheduled = false;
          void this.flush().catch(() => {});
        });
      }
    });
  }

  /** Ends the batch: every later call fails with `STORE_CLOSED` (the transaction is over). */
  end(): void {
    this.#ended = true;
    const queued = this.#queue;
    this.#queue = [];
    for (const e of queued) e.reject?.(this.#failure ?? finished());
  }

  /** Throws what a call would meet now: the batch's failure, or `STORE_CLOSED` once it has ended. */
  assertOpen(): void {
    if (this.#failure !== undefined) throw this.#failure;
    if (this.#ended) throw finished();
  }

  /**
   * Queues a write nobody awaits: it goes with the next batch, whose failure it causes if it fails.
   * Throws at once when the batch has failed or ended, or a parameter cannot be sent.
   */
  defer(sql: string, params: readonly unknown[] = []): void {
    this.#push(sql, params);
  }

  /**
   * Sends everything queued, then `tail` (raw statements, `;`-separated, e.g. the events and
   * `COMMIT`), in one round trip; resolves when that batch has run. With `last` (the COMMIT) the
   * batch is over once this is sent: a statement issued later fails instead of running after it.
   */
  async flush(tail = '', last = false): Promise<void> {
    while (this.#inFlight) await this.#inFlight;
    if (this.#failure !== undefined) throw this.#failure;
    if (this.#ended) throw finished();
    const entries = this.#queue;
    this.#queue = [];
    if (last) this.#ended = true;
    const opening = this.#opening;
    if (!entries.length && !tail && !opening) return;
    this.#opening = undefined;
    // The opening's statement is an entry like any other, at the head (after the raw BEGIN).
    if (opening) entries.unshift({ ...this.#form(opening.statement, ''), resolve: opening.resolve });
    const parts = [
      ...(opening ? [opening.begin] : []),
      ...entries.map((e) => e.sql),
      ...(tail ? [tail] : []),
    ];
    const run = async () => {
      this.#sent = true;
      let results: QueryResult[];
      try {
        const answer = (await this.#client.query(parts.join(';'))) as QueryResult | QueryResult[];
        results = Array.isArray(answer) ? answer : [answer];
      } catch (error) {
        this.#failure = this.mapError(error);
        if (entries.some((e) => e.prepares)) this.#lostTrack = true;
        for (const e of entries) e.reject?.(this.#failure);
        throw this.#failure;
      }
      this.#answered = true;
      // The raw BEGIN yields one result of its own.
      let at = opening ? 1 : 0;
      for (const e of entries) {
        if (e.prepares) this.#prepared.add(e.prepares);
        at += e.results;
        e.resolve?.(results[at - 1] as QueryResult);
      }
    };
    const running = run();
    this.#inFlight = running.then(
      () => {
        this.#inFlight = undefined;
      },
      () => {
        this.#inFlight = undefined;
      },
    );
    await running;
  }

  #push(sql: string, params: readonly unknown[], resolve?: Entry['resolve'], reject?: Entry['reject']) {
    if (this.#failure !== undefined || this.#ended) {
      const error = this.#failure ?? finished();
      // A deferred write has no one to tell but its caller, synchronously.
      if (!reject) throw error;
      reject(error);
      return;
    }
    let args: string;
    try {
      args = params.length ? `(${params.map(literal).join(', ')})` : '';
    } catch (error) {
      // As a statement PostgreSQL refused: the transaction fails, whoever catches this error.
      this.#failure = this.mapError(error);
      if (!reject) throw this.#failure;
      reject(this.#failure);
      return;
    }
    this.#queue.push({ ...this.#form(sql, args), resolve, reject });
  }

  /**
   * How a statement runs with its arguments (`(…)` literals, or empty): `EXECUTE` of its prepared
   * name, preceded by the `PREPARE` when neither the connection nor this batch has prepared it.
   */
  #form(sql: string, args: string): { sql: string; results: number; prepares?: string } {
    const name = statementName(sql, 'batched');
    const known = this.#prepared.has(name) || this.#queue.some((e) => e.prepares === name);
    return known
      ? { sql: `EXECUTE ${name}${args}`, results: 1 }
      : { sql: `PREPARE ${name} AS ${sql};EXECUTE ${name}${args}`, results: 2, prepares: name };
  }
}

/** The head of a transaction's first batch: raw statements (`BEGIN …`), then one statement run prepared. */
export interface Opening {
  readonly begin: string;
  /** A statement without parameters, e.g. the transaction's id. */
  readonly statement: string;
  resolve(result: QueryResult): void;
}
