/** How the contact-center panel names a channel: by its configured name, else by its id. */
/** @import { ContactCenterSnapshot } from './types.js' */

/**
 * A channel's name with its id, e.g. "Web chat (1003)"; "channel 1003" when it has no name.
 * @param {ContactCenterSnapshot | undefined} snapshot
 * @param {number} id
 */
export function channelName(snapshot, id) {
  const channel = snapshot?.channels.find((c) => c.id === id);
  return channel?.name ? `${channel.name} (${id})` : `channel ${id}`;
}

/**
 * A channel's name alone, e.g. "Web chat"; "channel 1003" when it has no name.
 * @param {ContactCenterSnapshot | undefined} snapshot
 * @param {number} id
 */
export function shortChannelName(snapshot, id) {
  return snapshot?.channels.find((c) => c.id === id)?.name ?? `channel ${id}`;
}
