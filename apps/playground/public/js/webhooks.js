/**
 * The webhooks section of the console: each configured receiver (`--webhook URL`) with its
 * deliveries pending, acknowledged and failed, the last stream seq acknowledged and the last
 * error, refreshed every two seconds from `GET /api/webhooks` (docs/gateway.md). It mounts itself
 * on `[data-testid="webhooks-panel"]`.
 */
import { h } from './dom.js';

/**
 * @typedef {object} ReceiverStats
 * @property {string} url
 * @property {number} pending
 * @property {number} delivered
 * @property {number} failedAttempts
 * @property {number} lastDeliveredSeq
 * @property {number} consecutiveFailures
 * @property {string} [lastError]
 */

const REFRESH_MS = 2000;

/**
 * The panel's content for these receivers.
 * @param {ReceiverStats[]} receivers
 * @returns {HTMLElement[]}
 */
export function renderWebhooks(receivers) {
  const failing = receivers.filter((r) => r.consecutiveFailures > 0).length;
  const summary = h(
    'summary',
    {},
    'Webhooks ',
    h(
      'span',
      { class: `webhooks-count${failing ? ' failing' : ''}`, dataset: { testid: 'webhooks-count' } },
      receivers.length ? `${receivers.length} receiver${receivers.length === 1 ? '' : 's'}` : 'none',
    ),
  );
  if (!receivers.length)
    return [summary, h('p', { class: 'webhooks-none' }, 'No receiver: start the server with --webhook URL.')];
  const rows = receivers.map((r) =>
    h(
      'tr',
      { dataset: { testid: 'webhook-receiver' }, class: r.consecutiveFailures ? 'failing' : '' },
      h('td', { class: 'url' }, r.url),
      h('td', { dataset: { testid: 'webhook-pending' } }, r.pending),
      h('td', { dataset: { testid: 'webhook-delivered' } }, r.delivered),
      h('td', {}, r.failedAttempts),
      h('td', {}, r.lastDeliveredSeq || '–'),
      h(
        'td',
        { class: 'error' },
        r.consecutiveFailures ? `${r.consecutiveFailures}× ${r.lastError ?? ''}` : '',
      ),
    ),
  );
  const head = ['receiver', 'pending', 'delivered', 'failed attempts', 'last seq', 'failing'].map((t) =>
    h('th', {}, t),
  );
  return [
    summary,
    h('table', { class: 'webhooks-table' }, h('thead', {}, h('tr', {}, head)), h('tbody', {}, rows)),
  ];
}

/**
 * Keeps `el` showing `GET /api/webhooks`.
 * @param {HTMLElement} el
 */
export function createWebhooksPanel(el) {
  async function refresh() {
    try {
      const response = await fetch('/api/webhooks', { headers: { accept: 'application/json' } });
      if (!response.ok) return;
      const { receivers } = /** @type {{ receivers: ReceiverStats[] }} */ (await response.json());
      const open = el instanceof HTMLDetailsElement && el.open;
      el.replaceChildren(...renderWebhooks(receivers));
      if (open && el instanceof HTMLDetailsElement) el.open = true;
    } catch {
      // The server is restarting: the next round tries again.
    }
  }
  return {
    start() {
      void refresh();
      setInterval(refresh, REFRESH_MS);
    },
  };
}

const mount = document.querySelector('[data-testid="webhooks-panel"]');
if (mount instanceof HTMLElement) createWebhooksPanel(mount).start();
