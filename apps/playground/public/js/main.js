/** The console: wires the panels, the clock and the event stream together. */

import { createClockControl } from './clock.js';
import { createContactCenterPanel } from './contact-center.js';
import { $, debounce, toast } from './dom.js';
import { createIntegratorPanel } from './integrator.js';

const EVENT_TYPES = [
  'session.started',
  'session.status',
  'session.data',
  'session.message',
  'session.purged',
  'agent.login',
  'agent.logout',
  'agent.ready',
  'service.switch',
  'channel.switch',
];

const clock = createClockControl($('[data-testid="clock"]'), { onChange: () => refreshSoon() });
const contactCenter = createContactCenterPanel($('[data-testid="contact-center-panel"]'), {
  onClock: (time) => clock.seen(time),
  now: () => clock.now(),
});
const integrator = createIntegratorPanel($('[data-testid="integrator-panel"]'));

const refreshSoon = debounce(() => {
  contactCenter.refresh();
  clock.refresh();
}, 120);

function connect() {
  const source = new EventSource('/api/events/stream');
  source.addEventListener('open', () => contactCenter.streamState('live', 'ok'));
  source.addEventListener('error', () => {
    // EventSource reconnects by itself, resuming after the last id it saw.
    contactCenter.streamState(
      source.readyState === EventSource.CLOSED ? 'disconnected' : 'reconnecting…',
      'bad',
    );
  });
  const onEvent = (message) => {
    try {
      contactCenter.event(JSON.parse(message.data));
    } catch {
      // an event we cannot read still means something changed
    }
    refreshSoon();
  };
  for (const type of EVENT_TYPES) source.addEventListener(type, onEvent);
  source.addEventListener('message', onEvent);
  window.addEventListener('pagehide', () => source.close());
}

async function start() {
  await Promise.all([clock.refresh(), contactCenter.refresh(), integrator.start()]);
  connect();
  setInterval(() => contactCenter.tick(), 5_000);
  setInterval(() => integrator.tick(), 30_000);
  setInterval(() => clock.refresh(), 30_000);
  document.body.dataset.ready = 'true';
}

start().catch((error) => toast(`the console could not start: ${error.message}`, 'error'));
