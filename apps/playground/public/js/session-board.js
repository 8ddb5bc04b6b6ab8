/** The session board: one column a status, the sessions as cards, their timers kept current. */
import { h } from './dom.js';
import { sessionCard } from './session-card.js';
import { timerText } from './session-timer.js';
/** @import { Act, ContactCenterSnapshot, SessionView, TimerKind } from './types.js' */

/** The board's columns, in the order a session moves through them. */
export const STATUSES = /** @type {const} */ (['NEW', 'QUEUED', 'BOOKED', 'ASSIGNED', 'CLOSED']);
const CLOSED_SHOWN = 20;

/**
 * The session board: its element, `render` for new sessions, `tick` for the timers' texts.
 * @param {{ act: Act, now?: () => number }} options
 */
export function createSessionBoard({ act, now: virtualNow }) {
  const element = h('div', { class: 'board', dataset: { testid: 'session-board' } });
  /** @type {SessionView[]} */
  let sessions = [];
  /** @type {ContactCenterSnapshot | undefined} */
  let snapshot;
  const edits = {
    /** @type {Set<string>} */
    editing: new Set(),
    /** @type {Map<string, string>} */
    drafts: new Map(),
  };

  function render() {
    const now = virtualNow?.() ?? snapshot?.now ?? Date.now();
    const active = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
    const focusedEditor =
      active?.dataset.testid === 'session-message-input'
        ? active.closest('[data-session-id]')?.getAttribute('data-session-id')
        : undefined;
    /** @type {Record<SessionView['status'], SessionView[]>} */
    const by = { NEW: [], QUEUED: [], BOOKED: [], ASSIGNED: [], CLOSED: [] };
    for (const s of sessions) by[s.status]?.push(s);
    by.CLOSED.sort((a, b) => (b.closedAt ?? b.updatedAt) - (a.closedAt ?? a.updatedAt));
    const context = { snapshot, edits, act, rerender: render };
    element.replaceChildren(
      ...STATUSES.map((status) => {
        const list = status === 'CLOSED' ? by[status].slice(0, CLOSED_SHOWN) : by[status];
        return h(
          'div',
          { class: `column col-${status.toLowerCase()}`, dataset: { testid: `column-${status}` } },
          h('h4', {}, status, h('span', { class: 'count' }, by[status].length)),
          ...list.map((s) => sessionCard(s, now, context)),
          list.length === 0 ? h('p', { class: 'empty' }, '—') : null,
        );
      }),
    );
    if (focusedEditor) {
      /** @type {HTMLInputElement | null} */
      const input = element.querySelector(
        `[data-session-id="${CSS.escape(focusedEditor)}"] [data-testid="session-message-input"]`,
      );
      if (input) {
        input.focus();
        input.setSelectionRange(input.value.length, input.value.length);
      }
    }
  }

  return {
    element,
    /**
     * Shows these sessions (the snapshot names their channels).
     * @param {SessionView[]} next
     * @param {ContactCenterSnapshot} nextSnapshot
     */
    render(next, nextSnapshot) {
      sessions = next;
      snapshot = nextSnapshot;
      render();
    },
    /** Updates the timers' "in 4 min" texts in place. */
    tick() {
      const now = virtualNow?.() ?? Date.now();
      for (const dd of element.querySelectorAll(/** @type {'dd'} */ ('[data-testid="session-timer"]'))) {
        const kind = /** @type {TimerKind} */ (dd.dataset.timer);
        const text = timerText(kind, Number(dd.dataset.timerAt), now);
        if (dd.textContent !== text) dd.textContent = text;
      }
    },
  };
}
