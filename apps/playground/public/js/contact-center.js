/** The contact-center panel: channels, services, agents and the session board, live. */
import { renderAgents } from './agents-table.js';
import { api } from './api.js';
import { renderChannels } from './channels-list.js';
import { errorText, h, toast } from './dom.js';
import { createEventLog } from './event-log.js';
import { renderServices } from './services-table.js';
import { createSessionBoard } from './session-board.js';

/** @import { DomainEvent } from './types.js' */

/**
 * A titled section of the panel.
 * @param {string} title
 * @param {string} testid
 * @param {...import('./dom.js').Child} body
 */
function section(title, testid, ...body) {
  return h('section', { class: 'cc-section', dataset: { testid } }, h('h3', {}, title), ...body);
}

/**
 * The contact-center panel.
 * @param {HTMLElement} root
 * @param {{ onClock?: (time: number) => void, now?: () => number }} options
 */
export function createContactCenterPanel(root, { onClock, now }) {
  /**
   * Runs a control action; errors go to a toast, success refreshes.
   * @type {import('./types.js').Act}
   */
  async function act(label, action) {
    try {
      await action();
      await refresh();
    } catch (error) {
      toast(`${label}: ${errorText(error)}`, 'error');
    }
  }

  const board = createSessionBoard({ act, now });
  const agents = h('div', { dataset: { testid: 'agents' } });
  const services = h('div', { dataset: { testid: 'services' } });
  const channels = h('div', { class: 'channels', dataset: { testid: 'channels' } });
  const log = createEventLog();
  const streamStatus = h(
    'span',
    { class: 'stream-status', dataset: { testid: 'stream-status' } },
    'connecting…',
  );

  root.append(
    h(
      'div',
      { class: 'panel-head' },
      h('h2', {}, 'Contact center'),
      h('span', { class: 'hint' }, 'what the agents and supervisors see'),
      streamStatus,
    ),
    section('Sessions', 'sessions-section', board.element),
    section('Agents', 'agents-section', agents),
    section('Channels', 'channels-section', channels),
    section('Services', 'services-section', services),
    h(
      'details',
      { class: 'cc-section', dataset: { testid: 'events-section' } },
      h('summary', {}, 'Event stream'),
      log.element,
    ),
  );

  /** @type {Promise<void> | undefined} */
  let refreshing;
  let again = false;
  /** Reloads the snapshot and the sessions (one at a time; a call during a reload queues one more). */
  async function refresh() {
    if (refreshing) {
      again = true;
      return refreshing;
    }
    refreshing = (async () => {
      try {
        do {
          again = false;
          const [snapshot, sessions] = await Promise.all([api.snapshot(), api.sessions()]);
          onClock?.(snapshot.now);
          renderChannels(channels, snapshot, act);
          renderServices(services, snapshot, act);
          renderAgents(agents, snapshot, act);
          board.render(sessions, snapshot);
        } while (again);
      } catch (error) {
        toast(`refresh failed: ${errorText(error)}`, 'error');
      } finally {
        refreshing = undefined;
      }
    })();
    return refreshing;
  }

  return {
    refresh,
    /** One domain event from the stream. */
    /** @param {DomainEvent} e */
    event(e) {
      log.push(e);
    },
    /** Forgets the events shown (a new stream replays them). */
    clearEvents() {
      log.clear();
    },
    /**
     * @param {string} text
     * @param {'ok' | 'bad'} kind
     */
    streamState(text, kind) {
      streamStatus.textContent = text;
      streamStatus.className = `stream-status ${kind}`;
    },
    /** Updates the timers' "in 4 min" texts in place. */
    tick: board.tick,
  };
}
