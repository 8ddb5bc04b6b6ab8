import { z } from 'zod';
import type { CommandResult } from './enums.js';

type ResultShape = {
  result: typeof CommandResult;
  failReason: z.ZodOptional<z.ZodEnum>;
  failReasonMessage: z.ZodOptional<z.ZodString>;
} & z.ZodRawShape;

/**
 * Builds the schemas of one result type from its fields in the reference's order.
 *
 * - `wire`: the flat object every transport writes (all fields optional but `result`), in the
 *   reference's field order, named after the reference's result type.
 * - `schema`: the discriminated union on `result` that callers see: SUCCESS with the fields in
 *   `successRequired` present, FAILED with a `failReason` from this operation's own enum.
 */
export function defineResult<const S extends ResultShape, const K extends keyof S & string>(
  name: string,
  shape: S,
  successRequired: readonly K[],
) {
  const wire = z.object(shape).meta({ id: name });
  const required = Object.fromEntries(successRequired.map((k) => [k, true])) as { [P in K]: true };
  const success = wire
    .extend({ result: z.literal('SUCCESS') })
    .omit({ failReason: true, failReasonMessage: true } as never)
    .required(required as never) as unknown as z.ZodObject<
    Omit<S, 'result' | 'failReason' | 'failReasonMessage' | K> & {
      result: z.ZodLiteral<'SUCCESS'>;
    } & { [P in K]: S[P] extends z.ZodOptional<infer T> ? T : S[P] }
  >;
  const failed = wire.extend({
    result: z.literal('FAILED'),
    failReason: shape.failReason.unwrap() as unknown as S['failReason'] extends z.ZodOptional<infer T>
      ? T
      : never,
  });
  const schema = z.discriminatedUnion('result', [success, failed]);
  return { name, wire, schema };
}

/** The schemas of one result type, as made by {@link defineResult}. */
export type ResultSchemas = ReturnType<typeof defineResult>;
