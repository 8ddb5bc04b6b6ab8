/** The console: wires the panels, the clock and the event stream together. */

import { createClockControl } from './clock.js';
import { createContactCenterPanel } from './contact-center.js';
import { $, debounce, errorText, toast } from './dom.js';
import { createFaultsPanel } from './faults.js';
import { createIntegratorPanel } from './integrator.js';

/**
 * The stream's event names, one per domain event type. A Record over the engine's
 * `DomainEventType` (types.js): the console's type check fails when the engine adds or drops one.
 * @type {Record<import('./types.js').DomainEventType, true>}
 */
const EVENT_TYPE_SET = {
  'session.started': true,
  'session.status': true,
  'session.data': true,
  'session.message': true,
  'session.purged': true,
  'agent.login': true,
  'agent.logout': true,
  'agent.ready': true,
  'service.switch': true,
  'channel.switch': true,
};
const EVENT_TYPES = Object.keys(EVENT_TYPE_SET);

const clock = createClockControl($('[data-testid="clock"]'), { onChange: () => refreshSoon() });
const contactCenter = createContactCenterPanel($('[data-testid="contact-center-panel"]'), {
  onClock: (/** @type {number} */ time) => clock.seen(time),
  now: () => clock.now(),
});
const integrator = createIntegratorPanel($('[data-testid="integrator-panel"]'));
const faults = createFaultsPanel($('[data-testid="faults-panel"]'));

const refreshSoon = debounce(() => {
  contactCenter.refresh();
  clock.refresh();
}, 120);

/**
 * Follows the event stream. On a drop it opens a fresh stream from the start rather than letting
 * EventSource resume after its last id: a restarted server (memory store) numbers events from 1
 * again, and resuming after an old id would miss them.
 */
function connect() {
  const source = new EventSource('/api/events/stream');
  contactCenter.clearEvents();
  source.addEventListener('open', () => {
    contactCenter.streamState('live', 'ok');
    refreshSoon();
  });
  source.addEventListener('error', () => {
    source.close();
    contactCenter.streamState('reconnecting…', 'bad');
    setTimeout(connect, 2_000);
  });
  const onEvent = (/** @type {MessageEvent<string>} */ message) => {
    try {
      contactCenter.event(JSON.parse(message.data));
    } catch {
      // an event we cannot read still means something changed
    }
    refreshSoon();
  };
  for (const type of EVENT_TYPES) source.addEventListener(type, onEvent);
  source.addEventListener('message', onEvent);
  window.addEventListener('pagehide', () => source.close(), { once: true });
}

async function start() {
  await Promise.all([clock.refresh(), contactCenter.refresh(), integrator.start(), faults.start()]);
  connect();
  setInterval(() => contactCenter.tick(), 5_000);
  setInterval(() => clock.refresh(), 30_000);
  document.body.dataset.ready = 'true';
}

start().catch((error) => toast(`the console could not start: ${errorText(error)}`, 'error'));
