import type { ServiceState } from '@mcc/core';
import { isWithinOpeningHours } from '../config/schedule.js';
import type { ServiceConfig } from '../config/schema.js';

/** A channel as the engine sees it at a moment: configured or not, its switch and licences. */
export interface ChannelView {
  readonly id: number;
  readonly configured: boolean;
  readonly enabled: boolean;
  readonly licences: number;
}

/** A service with its runtime switches applied. */
export type ServiceView = ServiceConfig;

/**
 * The state of a service on a channel at instant `now`, first match wins (semantics §5):
 * UNKNOWN_SERVICE, CHANNEL_NOT_ENABLED, NO_LICENSE (channel not configured or no licences),
 * SERVICE_NOT_ENABLED, OUT_OF_SERVICE, OVERTIME, ACTIVE.
 */
export function serviceStateOf(
  service: ServiceView | undefined,
  channel: ChannelView,
  now: number,
): ServiceState {
  if (!service) return 'UNKNOWN_SERVICE';
  if (channel.configured && !channel.enabled) return 'CHANNEL_NOT_ENABLED';
  if (!channel.configured || channel.licences === 0) return 'NO_LICENSE';
  if (!service.channels.includes(channel.id)) return 'SERVICE_NOT_ENABLED';
  if (service.outOfService) return 'OUT_OF_SERVICE';
  if (!isWithinOpeningHours(service, now)) return 'OVERTIME';
  return 'ACTIVE';
}

/** Renders a service's queue message template for a queued session. */
export function renderQueueMessage(
  template: string,
  values: { position: number; queueLength: number; service: string },
): string {
  return template.replace(/\{(position|queueLength|service)\}/g, (_, key: keyof typeof values) =>
    String(values[key]),
  );
}
