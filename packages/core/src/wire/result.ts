import { z } from 'zod';
import type { CommandResult } from './enums.js';
import { type Open, openSchema } from './unrecognised.js';

type ResultShape = {
  result: typeof CommandResult;
  failReason: z.ZodOptional<z.ZodEnum>;
  failReasonMessage: z.ZodOptional<z.ZodString>;
} & z.ZodRawShape;

type Unwrapped<T> = T extends z.ZodOptional<infer I> ? I : T;
type OutputOf<S extends z.ZodRawShape, K extends keyof S> = { -readonly [P in K]: z.output<Unwrapped<S[P]>> };
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The SUCCESS branch as the contract writes it: every field in `K` present, no fail reason. */
type ContractSuccess<S extends z.ZodRawShape, K extends keyof S> = Simplify<
  { result: 'SUCCESS' } & OutputOf<S, K> &
    Partial<OutputOf<S, Exclude<keyof S, K | 'result' | 'failReason' | 'failReasonMessage'>>>
>;
/** The FAILED branch as the contract writes it. */
type ContractFailure<S extends z.ZodRawShape> = Simplify<
  { result: 'FAILED'; failReason: z.output<Unwrapped<S['failReason']>> } & Partial<
    OutputOf<S, Exclude<keyof S, 'result' | 'failReason'>>
  >
>;
/** The `result` field of a SUCCESS answer. */
interface SuccessState {
  /** Result state: the operation was successful. */
  result: 'SUCCESS';
}
/** The SUCCESS branch as a client reads it: only the fields in `G` guaranteed, enums open. */
type ReadSuccess<S extends z.ZodRawShape, G extends keyof S> = Simplify<
  SuccessState &
    Open<OutputOf<S, G>> &
    Partial<Open<OutputOf<S, Exclude<keyof S, G | 'result' | 'failReason' | 'failReasonMessage'>>>>
>;
/** The `result` and `failReason` fields of a FAILED answer. */
interface FailureState<F> {
  /** Result state: the operation failed. */
  result: 'FAILED';
  /** Fail reason code: one of the operation's own, or an `Unrecognised` one from a newer server. */
  failReason: F;
}
/** The FAILED branch as a client reads it: the fail reason open. */
type ReadFailure<S extends z.ZodRawShape> = Simplify<
  FailureState<Open<z.output<Unwrapped<S['failReason']>>>> &
    Partial<Open<OutputOf<S, Exclude<keyof S, 'result' | 'failReason'>>>>
>;

/**
 * Builds the schemas of one result type from its fields in the reference's order.
 *
 * - `wire`: the flat object every transport writes (all fields optional but `result`), in the
 *   reference's field order, named after the reference's result type.
 * - `contract`: what this toolkit's servers write, and what a client in `strict` mode demands:
 *   SUCCESS with every field in `contractRequired` present, FAILED with a `failReason` from this
 *   operation's own enum, no other field.
 * - `schema`: what a client accepts from any MCC (the tolerant reader): SUCCESS needs only the
 *   fields in `guaranteed` (those without which the answer means nothing), every enum value it
 *   does not know passes through as an `Unrecognised` string, extra fields are dropped.
 */
export function defineResult<
  const S extends ResultShape,
  const K extends keyof S & string,
  const G extends K = never,
>(name: string, shape: S, contractRequired: readonly K[], guaranteed: readonly G[] = []) {
  const wire = z.object(shape).meta({ id: name });
  const noFail = { failReason: true, failReasonMessage: true } as never;
  const mask = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, true])) as never;
  const contract = z.discriminatedUnion('result', [
    wire
      .extend({ result: z.literal('SUCCESS') })
      .omit(noFail)
      .required(mask(contractRequired))
      .strict(),
    wire.extend({ result: z.literal('FAILED'), failReason: shape.failReason.unwrap() }).strict(),
  ]) as unknown as z.ZodType<ContractSuccess<S, K> | ContractFailure<S>>;
  const open = z.object(
    Object.fromEntries(Object.entries(shape).map(([key, field]) => [key, openSchema(field as z.ZodType)])),
  );
  const schema = z.discriminatedUnion('result', [
    open
      .extend({ result: z.literal('SUCCESS') })
      .omit(noFail)
      .required(mask(guaranteed)),
    open.extend({
      result: z.literal('FAILED'),
      failReason: openSchema(shape.failReason.unwrap() as z.ZodType),
    }),
  ]) as unknown as z.ZodType<ReadSuccess<S, G> | ReadFailure<S>>;
  return { name, wire, contract, schema };
}

/** The schemas of one result type, as made by {@link defineResult}. */
export interface ResultSchemas {
  readonly name: string;
  readonly wire: z.ZodObject;
  readonly contract: z.ZodType;
  readonly schema: z.ZodType;
}
