import { isManagedChannelId, MANAGED_CHANNEL_IDS, MccError } from '@mcc/core';
import { z } from 'zod';

const channelId = z
  .number()
  .int()
  .refine((id): boolean => isManagedChannelId(id), {
    message: `must be one of the MCC channels ${MANAGED_CHANNEL_IDS.join(', ')}`,
  });

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Days of the week, as opening-hours rules name them. */
export const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof Weekday>;

const timeOfDay = z
  .string()
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, { message: 'must be a time of day HH:MM (00:00–24:00)' });

/** One opening-hours rule: open on `days` from `from` (inclusive) to `to` (exclusive), local time. */
export const OpeningHoursRule = z
  .object({
    days: z.array(Weekday).min(1).meta({ description: 'Days of the week the rule opens on (mon … sun).' }),
    from: timeOfDay.meta({ description: 'Opening time, HH:MM local time (inclusive).' }),
    to: timeOfDay.meta({
      description: 'Closing time, HH:MM local time (exclusive; 24:00 is the end of the day).',
    }),
  })
  .refine((r) => r.from < r.to, { message: '`from` must be earlier than `to`', path: ['to'] });

/** A channel MCC manages, as this contact center configures it. */
export const ChannelConfig = z.object({
  id: channelId.meta({ description: 'The MCC channel id: 1, 2, 3 (custom channels) or 1003 (LiveHelp).' }),
  name: z.string().optional().meta({ description: 'A label for the channel, shown in the console.' }),
  enabled: z
    .boolean()
    .default(true)
    .meta({ description: 'A disabled channel refuses starts (`CHANNEL_NOT_ENABLED`).' }),
  licences: z
    .number()
    .int()
    .min(0)
    .meta({ description: 'Most sessions open at once on this channel (`NO_LICENSE` beyond).' }),
});

/** A contact-center service (a queue with skills, hours and a switch). */
export const ServiceConfig = z.object({
  code: z
    .string()
    .min(1)
    .meta({ description: 'The service code: the `serviceid` callers start sessions for.' }),
  name: z.string().optional().meta({ description: 'A label for the service, shown in the console.' }),
  channels: z.array(channelId).default([]).meta({ description: 'Channels the service is enabled on.' }),
  timeZone: z
    .string()
    .refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/Rome' })
    .default('UTC')
    .meta({ description: 'IANA time zone its opening hours and holidays are read in.' }),
  openingHours: z
    .array(OpeningHoursRule)
    .optional()
    .meta({ description: 'Weekly opening hours; omitted means open every day all day.' }),
  holidays: z
    .array(z.iso.date())
    .default([])
    .meta({ description: 'Local dates (YYYY-MM-DD) on which the service is closed all day.' }),
  outOfService: z
    .boolean()
    .default(false)
    .meta({ description: 'Switched out of service by hand (`OUT_OF_SERVICE`).' }),
  queueCapacity: z
    .number()
    .int()
    .min(0)
    .optional()
    .meta({ description: 'Most sessions waiting in the queue; omitted means unbounded.' }),
  queueMessage: z.string().optional().meta({
    description:
      'Template for the `customMessage` of a queued session; `{position}` (1-based), `{queueLength}` and `{service}` are replaced.',
  }),
});

/** An agent and what it can do. */
export const AgentConfig = z.object({
  username: z
    .string()
    .min(1)
    .meta({ description: "The agent's user name: the `user` of sessionAccept and of the control API." }),
  name: z.string().optional().meta({ description: "The agent's display name, shown in the console." }),
  profiles: z
    .array(channelId)
    .default([])
    .meta({ description: 'Channels the agent has a profile for (may log in on).' }),
  skills: z
    .array(z.string().min(1))
    .default([])
    .meta({ description: 'Service codes the agent can take (codes of this file).' }),
  capacity: z
    .union([z.number().int().min(1), z.record(z.string(), z.number().int().min(1))])
    .default(1)
    .meta({
      description: 'Most sessions at once per channel: one number for every channel, or per channel id.',
    }),
  autoAnswer: z
    .union([z.literal('manual'), z.number().int().min(0)])
    .default('manual')
    .meta({
      description: 'Milliseconds after a booking the agent answers by itself, or `manual`.',
    }),
  loggedInAtStart: z.array(channelId).default([]).meta({
    description:
      'Channels the agent is logged in on (and ready) when the contact center starts; each needs a profile.',
  }),
});

/** Timers of the session lifecycle, in milliseconds. */
export const TimersConfig = z.object({
  newSessionTtlMs: z
    .number()
    .int()
    .min(1)
    .default(10 * 60_000)
    .meta({ description: 'A NEW session not accepted within this closes by itself.' }),
  bookingTimeoutMs: z.number().int().min(1).default(30_000).meta({
    description:
      'A BOOKED session the agent has not answered within this goes back to the head of the queue.',
  }),
  closedRetentionMs: z
    .number()
    .int()
    .min(0)
    .default(60 * 60_000)
    .meta({ description: 'How long a CLOSED session stays readable.' }),
  closeGracePeriodMs: z.number().int().min(0).default(0).meta({
    description: 'Delay between a close request and the close; during it another close is `IS_PENDING`.',
  }),
});

/** A whole contact center: what the simulator (and the engine) runs. */
export const ContactCenterConfig = z
  .object({
    name: z
      .string()
      .default('Contact center')
      .meta({ description: "The contact center's name, shown in the console." }),
    channels: z.array(ChannelConfig).default([]).meta({
      description: 'The channels MCC manages, with their licences; each id at most once.',
    }),
    services: z.array(ServiceConfig).default([]).meta({
      description: 'The services (queues) sessions are routed to; each code at most once.',
    }),
    agents: z
      .array(AgentConfig)
      .default([])
      .meta({ description: 'The agents who take the sessions; each username at most once.' }),
    timers: TimersConfig.default(TimersConfig.parse({})).meta({
      description: 'Timers of the session lifecycle, in milliseconds.',
    }),
  })
  .superRefine((cfg, ctx) => {
    const unique = (list: readonly (string | number)[], path: string, what: string) => {
      const seen = new Set<string | number>();
      list.forEach((value, i) => {
        if (seen.has(value))
          ctx.addIssue({ code: 'custom', path: [path, i], message: `duplicate ${what} ${value}` });
        seen.add(value);
      });
    };
    unique(
      cfg.channels.map((c) => c.id),
      'channels',
      'channel id',
    );
    unique(
      cfg.services.map((s) => s.code),
      'services',
      'service code',
    );
    unique(
      cfg.agents.map((a) => a.username),
      'agents',
      'username',
    );
    const codes = new Set(cfg.services.map((s) => s.code));
    cfg.agents.forEach((agent, i) => {
      agent.skills.forEach((skill, j) => {
        if (!codes.has(skill))
          ctx.addIssue({
            code: 'custom',
            path: ['agents', i, 'skills', j],
            message: `unknown service ${skill}`,
          });
      });
      agent.loggedInAtStart.forEach((ch, j) => {
        if (!agent.profiles.includes(ch))
          ctx.addIssue({
            code: 'custom',
            path: ['agents', i, 'loggedInAtStart', j],
            message: `agent has no profile for channel ${ch}`,
          });
      });
    });
  });

/** A validated contact-center configuration (defaults applied). */
export type ContactCenterConfig = z.output<typeof ContactCenterConfig>;
/** What a configuration file may say (defaults not yet applied). */
export type ContactCenterConfigInput = z.input<typeof ContactCenterConfig>;
export type ChannelConfig = z.output<typeof ChannelConfig>;
export type ServiceConfig = z.output<typeof ServiceConfig>;
export type AgentConfig = z.output<typeof AgentConfig>;
export type TimersConfig = z.output<typeof TimersConfig>;

/** One problem found in a configuration: where (`services[1].timeZone`) and what. */
export interface ConfigIssue {
  path: string;
  /** The same path as keys and indexes, to locate the value in a source file. */
  segments: Array<string | number>;
  message: string;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  );
}

/**
 * Validates a contact-center configuration. Throws `MccError` with code `INVALID_CONFIG` whose
 * message lists every problem as `path: message`, and whose `issues` property holds them.
 */
export function parseContactCenterConfig(input: unknown): ContactCenterConfig {
  const parsed = ContactCenterConfig.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues: ConfigIssue[] = parsed.error.issues.map((issue) => ({
    path: formatPath(issue.path) || '(root)',
    segments: issue.path.map((key) => (typeof key === 'number' ? key : String(key))),
    message: issue.message,
  }));
  const error = new MccError(
    'INVALID_CONFIG',
    `invalid contact-center configuration:\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`,
  );
  throw Object.assign(error, { issues });
}
