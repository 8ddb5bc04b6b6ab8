/** The contact-center panel: channels, services, agents and the session board, live. */
import { api } from './api.js';
import { errorText, h, targetChecked, targetValue, toast } from './dom.js';
/** @import { ContactCenterSnapshot, DomainEvent, SessionView } from './types.js' */
import { formatTime, relative } from './format.js';

/** The board's columns, in the order a session moves through them. */
export const STATUSES = /** @type {const} */ (['NEW', 'QUEUED', 'BOOKED', 'ASSIGNED', 'CLOSED']);
const CLOSED_SHOWN = 20;
const LOG_SHOWN = 40;

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
 * What a session's timer will do, in words (the timer's name is in the tooltip).
 * @type {Readonly<Record<import('./types.js').TimerKind, string>>}
 */
const TIMER_LABEL = {
  expire: 'closes unanswered',
  autoAnswer: 'answered',
  bookingTimeout: 'back to the queue',
  finishClose: 'closes',
  purge: 'forgotten',
};

/** How a session ended, in a few words. */
/** @type {Readonly<Record<string, string>>} */
const CAUSE_LABEL = {
  REQUEST_FROM_CALLER: 'by caller',
  REQUEST_FROM_CALLEE: 'by agent',
  EXPIRED: 'expired',
};

/**
 * @param {number} used
 * @param {number} total
 * @param {string} [testid]
 */
function meter(used, total, testid) {
  const ratio = total > 0 ? Math.min(1, used / total) : 0;
  return h(
    'span',
    { class: 'meter', title: `${used} of ${total}`, dataset: testid ? { testid } : {} },
    h('span', {
      class: `fill ${ratio >= 1 ? 'full' : ratio >= 0.8 ? 'high' : ''}`,
      style: `width:${ratio * 100}%`,
    }),
    h('span', { class: 'meter-text' }, `${used}/${total}`),
  );
}

/**
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
export function createContactCenterPanel(root, { onClock, now: virtualNow }) {
  const state = {
    /** @type {ContactCenterSnapshot | undefined} */
    snapshot: undefined,
    /** @type {SessionView[]} */
    sessions: [],
    /** @type {DomainEvent[]} */
    events: [],
    /** @type {Set<string>} */
    editing: new Set(),
    /** @type {Map<string, string>} */
    drafts: new Map(),
  };

  const board = h('div', { class: 'board', dataset: { testid: 'session-board' } });
  const agents = h('div', { dataset: { testid: 'agents' } });
  const services = h('div', { dataset: { testid: 'services' } });
  const channels = h('div', { class: 'channels', dataset: { testid: 'channels' } });
  const log = h('ol', { class: 'event-log', dataset: { testid: 'event-log' } });
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
    section('Sessions', 'sessions-section', board),
    section('Agents', 'agents-section', agents),
    section('Channels', 'channels-section', channels),
    section('Services', 'services-section', services),
    h(
      'details',
      { class: 'cc-section', dataset: { testid: 'events-section' } },
      h('summary', {}, 'Event stream'),
      log,
    ),
  );

  /** Runs a control action; errors go to a toast, success refreshes. */
  /**
   * @param {string} label
   * @param {() => Promise<unknown>} action
   */
  async function act(label, action) {
    try {
      await action();
      await refresh();
    } catch (error) {
      toast(`${label}: ${errorText(error)}`, 'error');
    }
  }

  /** @param {number} id */
  function channelName(id) {
    const channel = state.snapshot?.channels.find((c) => c.id === id);
    return channel?.name ? `${channel.name} (${id})` : `channel ${id}`;
  }

  /** @param {number} id */
  function shortChannelName(id) {
    return state.snapshot?.channels.find((c) => c.id === id)?.name ?? `channel ${id}`;
  }

  function renderChannels() {
    const snap = state.snapshot;
    if (!snap) return;
    channels.replaceChildren(
      ...snap.channels.map((c) =>
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

  function renderServices() {
    const snap = state.snapshot;
    if (!snap) return;
    const ids = snap.channels.map((c) => c.id);
    services.replaceChildren(
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
            ...ids.map((id) => h('th', { title: channelName(id) }, shortChannelName(id))),
          ),
        ),
        h(
          'tbody',
          {},
          ...snap.services.map((s) =>
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
                      title: `${st} on ${channelName(id)}\nclick to ${enabled ? 'disable' : 'enable'} ${s.code} on this channel`,
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

  function renderAgents() {
    const snap = state.snapshot;
    if (!snap) return;
    /** @type {HTMLElement[]} */
    const rows = [];
    for (const a of snap.agents) {
      const profile = a.channels.length ? a.channels : [undefined];
      profile.forEach((c, index) => {
        const first = index === 0;
        const agentCell = first
          ? h(
              'td',
              { rowspan: profile.length, class: 'agent-cell' },
              h('strong', {}, a.name ?? a.username),
              h('code', {}, a.username),
              h(
                'div',
                { class: 'muted' },
                a.skills.length ? a.skills.join(', ') : 'no skills',
                ' · ',
                a.autoAnswer === 'manual' ? 'answers by hand' : `auto-answers ${a.autoAnswer / 1000} s`,
              ),
            )
          : null;
        if (!c) {
          rows.push(
            h(
              'tr',
              { dataset: { testid: `agent-${a.username}` } },
              agentCell,
              h('td', { colspan: 4, class: 'muted' }, 'no channel profile'),
            ),
          );
          return;
        }
        const key = `${a.username}-${c.channelId}`;
        rows.push(
          h(
            'tr',
            {
              class: first ? 'first' : '',
              dataset: { testid: `agent-${key}`, loggedIn: String(c.loggedIn), ready: String(c.ready) },
            },
            agentCell,
            h('td', {}, channelName(c.channelId)),
            h(
              'td',
              {},
              h('span', { class: `dot ${c.loggedIn ? 'ok' : 'off'}` }),
              c.loggedIn ? 'logged in ' : 'logged out ',
              h(
                'button',
                {
                  type: 'button',
                  class: 'small',
                  dataset: { testid: `agent-login-${key}` },
                  onclick: () =>
                    act(`${a.username} on ${c.channelId}`, () =>
                      c.loggedIn ? api.logout(a.username, c.channelId) : api.login(a.username, c.channelId),
                    ),
                },
                c.loggedIn ? 'Log out' : 'Log in',
              ),
            ),
            h(
              'td',
              {},
              c.loggedIn
                ? [
                    h('span', { class: `dot ${c.ready ? 'ok' : 'warn'}` }),
                    c.ready ? 'ready ' : 'not ready ',
                    h(
                      'button',
                      {
                        type: 'button',
                        class: 'small',
                        dataset: { testid: `agent-ready-${key}` },
                        onclick: () =>
                          act(`${a.username} on ${c.channelId}`, () =>
                            api.setReady(a.username, c.channelId, !c.ready),
                          ),
                      },
                      c.ready ? 'Not ready' : 'Ready',
                    ),
                  ]
                : h('span', { class: 'muted' }, '—'),
            ),
            h('td', {}, meter(c.load, c.capacity, `agent-load-${key}`)),
          ),
        );
      });
    }
    agents.replaceChildren(
      h(
        'table',
        { class: 'grid' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', {}, 'Agent'),
            h('th', {}, 'Channel'),
            h('th', {}, 'Login'),
            h('th', {}, 'Readiness'),
            h('th', {}, 'Load'),
          ),
        ),
        h('tbody', {}, ...rows),
      ),
    );
  }

  /** @param {SessionView} s */
  function messageEditor(s) {
    const input = h('input', {
      type: 'text',
      placeholder: 'custom message (empty clears it)',
      value: state.drafts.get(s.id) ?? s.customMessage ?? '',
      dataset: { testid: 'session-message-input' },
      oninput: (/** @type {Event} */ e) => state.drafts.set(s.id, targetValue(e)),
    });
    const save = () => {
      const text = input.value.trim();
      state.editing.delete(s.id);
      state.drafts.delete(s.id);
      act('custom message', () => api.customMessage(s.id, text === '' ? null : text));
    };
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') save();
      if (e.key === 'Escape') {
        state.editing.delete(s.id);
        state.drafts.delete(s.id);
        renderBoard();
      }
    });
    return h(
      'div',
      { class: 'message-editor' },
      input,
      h(
        'button',
        { type: 'button', class: 'small primary', dataset: { testid: 'session-message-set' }, onclick: save },
        'Set',
      ),
    );
  }

  /**
   * @param {SessionView} s
   * @param {number} now
   */
  function sessionCard(s, now) {
    const open = s.status !== 'CLOSED';
    const facts = [
      ['agent', s.username],
      ['data', s.data],
      ['sessionData', s.sessionData],
      ['message', s.customMessage],
      ['description', s.description],
      ['contact', [s.contactId, s.contactValue].filter(Boolean).join(' · ')],
      [
        'closed',
        s.closeCause
          ? `${CAUSE_LABEL[s.closeCause] ?? s.closeCause}${s.closedAt ? ` ${formatTime(s.closedAt)}` : ''}`
          : '',
      ],
      ['closing', s.closing ? (CAUSE_LABEL[s.closing.reason] ?? s.closing.reason) : ''],
      ['next', s.timer ? `${TIMER_LABEL[s.timer.kind]} ${relative(s.timer.at, now)}` : ''],
    ].filter(([, v]) => v);
    const actions = [];
    if (s.status === 'BOOKED') {
      actions.push(
        h(
          'button',
          {
            type: 'button',
            class: 'small primary',
            dataset: { testid: 'session-accept' },
            onclick: () => act('accept', () => api.accept(s.id)),
          },
          'Accept',
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'small',
            dataset: { testid: 'session-decline' },
            onclick: () => act('decline', () => api.decline(s.id)),
          },
          'Decline',
        ),
      );
    }
    if (open) {
      actions.push(
        h(
          'button',
          {
            type: 'button',
            class: 'small danger',
            title: 'close as the agent (REQUEST_FROM_CALLEE)',
            dataset: { testid: 'session-close' },
            onclick: () => act('close', () => api.close(s.id)),
          },
          'Close',
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'small',
            title: 'set the custom message',
            dataset: { testid: 'session-message-edit' },
            onclick: () => {
              if (state.editing.has(s.id)) state.editing.delete(s.id);
              else state.editing.add(s.id);
              renderBoard();
            },
          },
          'Message',
        ),
      );
    }
    return h(
      'article',
      {
        class: `card status-${s.status.toLowerCase()}`,
        dataset: { testid: 'session-card', sessionId: s.id, status: s.status, username: s.username ?? '' },
      },
      h(
        'header',
        {},
        h('code', { title: s.id, class: 'sid' }, s.id),
        h('span', { class: 'muted', title: 'started at' }, formatTime(s.createdAt)),
      ),
      h(
        'div',
        { class: 'where', title: `${s.serviceCode} on ${channelName(s.channelId)}` },
        `${s.serviceCode} · ${shortChannelName(s.channelId)}`,
      ),
      h(
        'dl',
        {},
        ...facts.map(([k, v]) => [
          h('dt', {}, k),
          h(
            'dd',
            {
              dataset:
                k === 'next' && s.timer
                  ? { testid: 'session-timer', timer: s.timer.kind, timerAt: String(s.timer.at) }
                  : { testid: `session-${k}` },
              title: k === 'next' && s.timer ? `${s.timer.kind} timer` : v,
            },
            v,
          ),
        ]),
      ),
      actions.length ? h('div', { class: 'actions' }, ...actions) : null,
      open && state.editing.has(s.id) ? messageEditor(s) : null,
    );
  }

  function renderBoard() {
    const now = virtualNow?.() ?? state.snapshot?.now ?? Date.now();
    const active = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
    const focusedEditor =
      active?.dataset.testid === 'session-message-input'
        ? active.closest('[data-session-id]')?.getAttribute('data-session-id')
        : undefined;
    /** @type {Record<SessionView['status'], SessionView[]>} */
    const by = { NEW: [], QUEUED: [], BOOKED: [], ASSIGNED: [], CLOSED: [] };
    for (const s of state.sessions) by[s.status]?.push(s);
    by.CLOSED.sort((a, b) => (b.closedAt ?? b.updatedAt) - (a.closedAt ?? a.updatedAt));
    board.replaceChildren(
      ...STATUSES.map((status) => {
        const list = status === 'CLOSED' ? by[status].slice(0, CLOSED_SHOWN) : by[status];
        return h(
          'div',
          { class: `column col-${status.toLowerCase()}`, dataset: { testid: `column-${status}` } },
          h('h4', {}, status, h('span', { class: 'count' }, by[status].length)),
          ...list.map((s) => sessionCard(s, now)),
          list.length === 0 ? h('p', { class: 'empty' }, '—') : null,
        );
      }),
    );
    if (focusedEditor) {
      /** @type {HTMLInputElement | null} */
      const input = board.querySelector(
        `[data-session-id="${CSS.escape(focusedEditor)}"] [data-testid="session-message-input"]`,
      );
      if (input) {
        input.focus();
        input.setSelectionRange(input.value.length, input.value.length);
      }
    }
  }

  function renderLog() {
    log.replaceChildren(
      ...state.events
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
          state.snapshot = snapshot;
          state.sessions = sessions;
          onClock?.(snapshot.now);
          renderChannels();
          renderServices();
          renderAgents();
          renderBoard();
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
      state.events.push(e);
      if (state.events.length > 500) state.events.splice(0, state.events.length - LOG_SHOWN);
      renderLog();
    },
    /** Forgets the events shown (a new stream replays them). */
    clearEvents() {
      state.events = [];
      renderLog();
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
    tick() {
      const now = virtualNow?.() ?? Date.now();
      for (const dd of board.querySelectorAll(/** @type {'dd'} */ ('[data-testid="session-timer"]'))) {
        const kind = /** @type {import('./types.js').TimerKind} */ (dd.dataset.timer);
        const text = `${TIMER_LABEL[kind]} ${relative(Number(dd.dataset.timerAt), now)}`;
        if (dd.textContent !== text) dd.textContent = text;
      }
    },
  };
}
