/** The integrator's recent sessions: the sessions started from the console, kept in localStorage. */
import { h } from './dom.js';
import { formatTime } from './format.js';

const RECENT_KEY = 'mcc-console.recent-sessions';
const RECENT_MAX = 6;

/** @typedef {{ id: string, transport: 'rest' | 'soap', channelId?: unknown, serviceid?: unknown, at: number }} RecentSession */

/** @returns {RecentSession[]} */
function loadRecent() {
  try {
    const list = JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((s) => s && typeof s.id === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * The recent sessions' chips: a click picks the session (`onPick`); `remember` adds one.
 * @param {{ onPick: (session: RecentSession) => void }} options
 */
export function createRecentSessions({ onPick }) {
  let recent = loadRecent();
  const element = h('div', { class: 'recent', dataset: { testid: 'recent-sessions' } });

  function render() {
    if (recent.length === 0) {
      element.replaceChildren(h('span', { class: 'muted' }, 'Sessions you start appear here.'));
      return;
    }
    element.replaceChildren(
      h('span', { class: 'label' }, 'Recent sessions'),
      ...recent.map((s) =>
        h(
          'button',
          {
            type: 'button',
            class: 'chip',
            title: `${s.id}\n${s.serviceid} on channel ${s.channelId}, over ${s.transport.toUpperCase()}, at ${formatTime(s.at)}\nclick to use it`,
            dataset: { testid: 'recent-session', sessionId: s.id },
            onclick: () => onPick(s),
          },
          h('code', { class: 'chip-id' }, s.id),
          ` ${s.serviceid} · ${s.transport}`,
        ),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'link',
          dataset: { testid: 'recent-clear' },
          onclick: () => {
            recent = [];
            localStorage.removeItem(RECENT_KEY);
            render();
          },
        },
        'clear',
      ),
    );
  }

  return {
    element,
    render,
    /**
     * Puts a started session first (once), keeping the latest few.
     * @param {string} sessionId
     * @param {'rest' | 'soap'} transport
     * @param {Record<string, unknown>} input
     */
    remember(sessionId, transport, input) {
      recent = [
        { id: sessionId, transport, channelId: input.channelId, serviceid: input.serviceid, at: Date.now() },
        ...recent.filter((s) => s.id !== sessionId),
      ].slice(0, RECENT_MAX);
      localStorage.setItem(RECENT_KEY, JSON.stringify(recent));
      render();
    },
  };
}
