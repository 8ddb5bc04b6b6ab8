/** The contact center's services: in or out of service, the queue, and the state on each channel. */
import { api } from './api.js';
import { channelName, shortChannelName } from './channel-names.js';
import { h, targetChecked } from './dom.js';

/** @import { Act, ContactCenterSnapshot } from './types.js' */

/** @type {Readonly<Record<string, string>>} */
const STATE_CLASS = {
  ACTIVE: 'ok',
  OVERTIME: 'warn',
  OUT_OF_SERVICE: 'bad',
  NO_LICENSE: 'bad',
  FAILED: 'bad',
  CHANNEL_NOT_ENABLED: 'off',
  SERVICE_NOT_ENABLED: 'off',
  UNKNOWN_SERVICE: 'off',
};

/** Short labels for the service-state badges (the full state is in the tooltip). */
/** @type {Readonly<Record<string, string>>} */
const STATE_LABEL = {
  SERVICE_NOT_ENABLED: 'not enabled',
  CHANNEL_NOT_ENABLED: 'channel off',
  UNKNOWN_SERVICE: 'unknown',
  NO_LICENSE: 'no licence',
};

/**
 * Renders the services of the snapshot into `container`: one row a service, one column a channel.
 * @param {HTMLElement} container
 * @param {ContactCenterSnapshot} snapshot
 * @param {Act} act
 */
export function renderServices(container, snapshot, act) {
  const ids = snapshot.channels.map((c) => c.id);
  container.replaceChildren(
    h(
      'table',
      { class: 'grid' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, 'Service'),
          h('th', {}, 'In service'),
          h('th', {}, 'Queue'),
          ...ids.map((id) => h('th', { title: channelName(snapshot, id) }, shortChannelName(snapshot, id))),
        ),
      ),
      h(
        'tbody',
        {},
        ...snapshot.services.map((s) =>
          h(
            'tr',
            { dataset: { testid: `service-${s.code}` } },
            h('td', {}, h('strong', {}, s.code), s.name ? h('div', { class: 'muted' }, s.name) : null),
            h(
              'td',
              {},
              h(
                'label',
                { class: 'switch', title: 'switch the service in or out of service' },
                h('input', {
                  type: 'checkbox',
                  checked: !s.outOfService,
                  dataset: { testid: `service-in-service-${s.code}` },
                  onchange: (/** @type {Event} */ e) =>
                    act(`service ${s.code}`, () => api.outOfService(s.code, !targetChecked(e))),
                }),
                h('span', {}, s.outOfService ? 'out' : 'in'),
              ),
            ),
            h('td', { class: 'num' }, s.queueCapacity ? `${s.queued}/${s.queueCapacity}` : s.queued),
            ...ids.map((id) => {
              const st = s.states[String(id)] ?? 'UNKNOWN_SERVICE';
              const enabled = s.channels.includes(id);
              return h(
                'td',
                { class: 'state-cell' },
                h(
                  'button',
                  {
                    type: 'button',
                    class: `badge ${STATE_CLASS[st] ?? ''}`,
                    title: `${st} on ${channelName(snapshot, id)}\nclick to ${enabled ? 'disable' : 'enable'} ${s.code} on this channel`,
                    dataset: { testid: `service-state-${s.code}-${id}`, state: st },
                    onclick: () =>
                      act(`service ${s.code} on ${id}`, () => api.serviceChannel(s.code, id, !enabled)),
                  },
                  STATE_LABEL[st] ?? st.replaceAll('_', ' ').toLowerCase(),
                ),
              );
            }),
          ),
        ),
      ),
    ),
  );
}
