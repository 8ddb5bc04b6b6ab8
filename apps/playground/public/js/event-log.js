/** The contact-center panel's event log: the latest domain events of the stream, newest first. */
import { h } from './dom.js';
import { formatTime } from './format.js';

/** @import { DomainEvent } from './types.js' */

const LOG_SHOWN = 40;
/** How many events are kept before the oldest are dropped (down to the ones shown). */
const LOG_KEPT = 500;

/** The event log: its element, and the operations that fill and empty it. */
export function createEventLog() {
  /** @type {DomainEvent[]} */
  let events = [];
  const element = h('ol', { class: 'event-log', dataset: { testid: 'event-log' } });

  function render() {
    element.replaceChildren(
      ...events
        .slice(-LOG_SHOWN)
        .reverse()
        .map((e) =>
          h(
            'li',
            {},
            h('code', { class: 'seq' }, `#${e.seq}`),
            h('span', { class: 'muted' }, formatTime(e.at)),
            h('strong', {}, e.type),
            ' ',
            [
              e.sessionId ? `session ${e.sessionId}` : '',
              e.from && e.status ? `${e.from} → ${e.status}` : (e.status ?? ''),
              e.username ?? '',
              e.serviceCode ?? '',
              e.channelId !== undefined ? `channel ${e.channelId}` : '',
              e.detail ? JSON.stringify(e.detail) : '',
            ]
              .filter(Boolean)
              .join(' · '),
          ),
        ),
    );
  }

  return {
    element,
    /** Adds one event from the stream. */
    /** @param {DomainEvent} e */
    push(e) {
      events.push(e);
      if (events.length > LOG_KEPT) events.splice(0, events.length - LOG_SHOWN);
      render();
    },
    /** Forgets the events shown. */
    clear() {
      events = [];
      render();
    },
  };
}
