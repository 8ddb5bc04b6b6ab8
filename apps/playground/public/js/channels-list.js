/** The contact center's channels: licences in use and the enabled switch of each. */

/** @import { Act, ContactCenterSnapshot } from './types.js' */
import { api } from './api.js';
import { h, targetChecked } from './dom.js';
import { meter } from './meter.js';

/**
 * Renders the channels of the snapshot into `container`.
 * @param {HTMLElement} container
 * @param {ContactCenterSnapshot} snapshot
 * @param {Act} act
 */
export function renderChannels(container, snapshot, act) {
  container.replaceChildren(
    ...snapshot.channels.map((c) =>
      h(
        'div',
        { class: `channel ${c.enabled ? '' : 'disabled'}`, dataset: { testid: `channel-${c.id}` } },
        h(
          'div',
          { class: 'channel-name' },
          h('strong', {}, c.name ?? `Channel ${c.id}`),
          h('code', {}, c.id),
        ),
        h(
          'div',
          { class: 'channel-line' },
          h('span', { class: 'muted' }, 'licences'),
          meter(c.open, c.licences, `licences-${c.id}`),
        ),
        h(
          'label',
          { class: 'switch' },
          h('input', {
            type: 'checkbox',
            checked: c.enabled,
            dataset: { testid: `channel-enabled-${c.id}` },
            onchange: (/** @type {Event} */ e) =>
              act(`channel ${c.id}`, () => api.channelEnabled(c.id, targetChecked(e))),
          }),
          h('span', {}, c.enabled ? 'enabled' : 'disabled'),
        ),
      ),
    ),
  );
}
