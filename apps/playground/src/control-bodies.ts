import type { SessionQuery, StoredStatus } from '@mcc/engine';
import { z } from 'zod';
import { HttpProblem } from './http-helpers.js';

const flag = () => z.boolean({ error: 'must be true or false' });

/** `POST /api/agents/:username/channels/:channelId/login`: ready unless told otherwise. */
export const LoginBody = z.object({ ready: flag().default(true) });
/** `PUT /api/agents/:username/channels/:channelId/ready`. */
export const ReadyBody = z.object({ ready: flag() });
/** `PUT /api/services/:code/out-of-service`. */
export const OutOfServiceBody = z.object({ outOfService: flag() });
/** `PUT /api/services/:code/channels/:channelId` and `PUT /api/channels/:channelId/enabled`. */
export const EnabledBody = z.object({ enabled: flag() });
/** `PUT /api/sessions/:id/custom-message`: null (or nothing) clears it. */
export const CustomMessageBody = z.object({
  message: z.string({ error: 'must be a string or null' }).nullish(),
});

const YEAR_MS = 366 * 86_400_000;
const MS = 'must be a number of milliseconds from 0 to one year';

/** `POST /api/clock`. */
export const ClockBody = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('pause') }),
    z.object({ action: z.literal('resume') }),
    z.object({
      action: z.literal('advance'),
      ms: z.number({ error: MS }).min(0, MS).max(YEAR_MS, MS),
    }),
    z.object({
      action: z.literal('set'),
      time: z.number({ error: 'must be epoch milliseconds' }),
    }),
  ],
  { error: 'must be pause, resume, advance or set' },
);

/** A whole number in a path or query (`channelId`, `limit`, `after`). */
export const WholeNumber = z.string().regex(/^\d+$/, 'must be an integer').transform(Number);

const STATUS = z.enum(['NEW', 'QUEUED', 'BOOKED', 'ASSIGNED', 'CLOSED'] satisfies StoredStatus[], {
  error: (issue) => `must be NEW, QUEUED, BOOKED, ASSIGNED or CLOSED, not "${String(issue.input)}"`,
});

/** `GET /api/sessions?status=…&serviceCode=&username=&channelId=&limit=` as a store query. */
export const SessionsQueryParams = z
  .object({
    status: z.array(STATUS),
    serviceCode: z.string().optional(),
    username: z.string().optional(),
    channelId: WholeNumber.optional(),
    limit: WholeNumber.optional(),
  })
  .transform((q): SessionQuery => {
    const query: SessionQuery = {};
    if (q.status.length) query.status = q.status;
    if (q.serviceCode) query.serviceCode = q.serviceCode;
    if (q.username) query.username = q.username;
    if (q.channelId !== undefined) query.channelId = q.channelId;
    if (q.limit !== undefined) query.limit = q.limit;
    return query;
  });

/**
 * Reads an untrusted value with a schema, or answers 400 `INVALID_ARGUMENT` with each problem
 * after the key it is about (`name` for a value that is not an object: a path parameter).
 */
export function parse<S extends z.ZodType>(schema: S, value: unknown, name?: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const detail = result.error.issues
    .map((issue) => {
      const key = issue.path.filter((segment) => typeof segment === 'string').join('.') || name;
      return key ? `${key} ${issue.message}` : issue.message;
    })
    .join('; ');
  throw new HttpProblem(400, 'INVALID_ARGUMENT', detail);
}
