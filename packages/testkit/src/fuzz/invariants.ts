import { type ContactCenterControl, isOpen, type SessionRecord, type StoredStatus } from '@mcc/engine';

/** Options of {@link checkInvariants}. */
export interface InvariantOptions {
  /**
   * Session ids some start answered SUCCESS for: each must still be stored (semantics §6: a
   * SUCCESS is durable). Leave out sessions purged after their retention.
   */
  expectSessions?: Iterable<string>;
}

const STATUSES: ReadonlySet<StoredStatus> = new Set(['NEW', 'QUEUED', 'BOOKED', 'ASSIGNED', 'CLOSED']);
const BOOKINGS: ReadonlySet<StoredStatus> = new Set(['BOOKED', 'ASSIGNED']);

/**
 * Checks the §6 concurrency invariants of semantics.md (and the consistency they rest on) on a
 * quiescent contact center, through its control API only, so any engine on any store can be
 * checked: a channel never has more open sessions than licences, a session is booked to at most
 * one agent (an agent that can hold it), an agent never holds more than its capacity, queues stay
 * within their capacity, the snapshot's counters agree with the stored sessions, every session
 * status is a stored one, event numbers increase by one (the first 1000), and expected sessions are still there.
 *
 * Returns the violations found, as readable sentences (empty: all hold).
 */
export async function checkInvariants(
  control: ContactCenterControl,
  options: InvariantOptions = {},
): Promise<string[]> {
  const violations: string[] = [];
  const [snapshot, sessions] = await Promise.all([control.snapshot(), control.listSessions()]);
  const byId = new Map<string, SessionRecord>();
  for (const session of sessions) {
    if (byId.has(session.id)) violations.push(`session ${show(session.id)} is listed twice`);
    byId.set(session.id, session);
    if (!STATUSES.has(session.status))
      violations.push(`session ${show(session.id)} has status ${show(session.status)}`);
    if (BOOKINGS.has(session.status) && !session.username)
      violations.push(`session ${show(session.id)} is ${session.status} without an agent`);
  }

  for (const channel of snapshot.channels) {
    const open = sessions.filter((s) => s.channelId === channel.id && isOpen(s)).length;
    if (open > channel.licences)
      violations.push(`channel ${channel.id} has ${open} open sessions for ${channel.licences} licences`);
    if (open !== channel.open)
      violations.push(`channel ${channel.id}: snapshot says ${channel.open} open, the store holds ${open}`);
  }

  const agents = new Map(snapshot.agents.map((a) => [a.username, a]));
  for (const session of sessions) {
    if (!BOOKINGS.has(session.status) || !session.username) continue;
    const agent = agents.get(session.username);
    if (!agent?.channels.some((c) => c.channelId === session.channelId))
      violations.push(
        `session ${show(session.id)} is booked to ${show(session.username)}, who has no profile for channel ${session.channelId}`,
      );
  }
  for (const agent of snapshot.agents) {
    for (const channel of agent.channels) {
      const load = sessions.filter(
        (s) => BOOKINGS.has(s.status) && s.username === agent.username && s.channelId === channel.channelId,
      ).length;
      if (load > channel.capacity)
        violations.push(
          `agent ${agent.username} holds ${load} sessions on channel ${channel.channelId} (capacity ${channel.capacity})`,
        );
      if (load !== channel.load)
        violations.push(
          `agent ${agent.username}, channel ${channel.channelId}: snapshot load ${channel.load}, the store holds ${load}`,
        );
    }
  }

  for (const service of snapshot.services) {
    const queued = sessions.filter((s) => s.status === 'QUEUED' && s.serviceCode === service.code).length;
    if (queued !== service.queued)
      violations.push(
        `service ${service.code}: snapshot says ${service.queued} queued, the store holds ${queued}`,
      );
    if (service.queueCapacity !== undefined && queued > service.queueCapacity)
      violations.push(
        `service ${service.code} queues ${queued} sessions (capacity ${service.queueCapacity})`,
      );
  }

  const events = await control.readEvents(0);
  for (let i = 1; i < events.length; i++) {
    if (events[i]!.seq !== events[i - 1]!.seq + 1) {
      violations.push(`event numbers do not increase by one: ${events[i - 1]!.seq} then ${events[i]!.seq}`);
      break;
    }
  }

  for (const id of options.expectSessions ?? []) {
    if (!byId.has(id)) violations.push(`session ${show(id)} answered SUCCESS but is not stored`);
  }
  return violations;
}

function show(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}
