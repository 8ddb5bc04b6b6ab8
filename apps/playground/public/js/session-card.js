/** One session on the board: its facts, its timer and the agent's actions on it. */
import { api } from './api.js';
import { channelName, shortChannelName } from './channel-names.js';
import { h } from './dom.js';
import { formatTime } from './format.js';
import { messageEditor } from './message-editor.js';
import { timerText } from './session-timer.js';

/** @import { Act, ContactCenterSnapshot, SessionView } from './types.js' */
/** @import { MessageEdits } from './message-editor.js' */

/** How a session ended, in a few words. */
/** @type {Readonly<Record<string, string>>} */
const CAUSE_LABEL = {
  REQUEST_FROM_CALLER: 'by caller',
  REQUEST_FROM_CALLEE: 'by agent',
  EXPIRED: 'expired',
};

/**
 * What a session card needs besides the session: the names, the message edits, the actions.
 * @typedef {{ snapshot: ContactCenterSnapshot | undefined, edits: MessageEdits, act: Act, rerender: () => void }} CardContext
 */

/**
 * The facts shown on a card, as [name, text] pairs, the empty ones left out.
 * @param {SessionView} s
 * @param {number} now
 */
function facts(s, now) {
  return [
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
    ['next', s.timer ? timerText(s.timer.kind, s.timer.at, now) : ''],
  ].filter(([, v]) => v);
}

/**
 * The buttons of a card: accept/decline a booked session; close or edit the message of an open one.
 * @param {SessionView} s
 * @param {CardContext} context
 */
function actions(s, { edits, act, rerender }) {
  const buttons = [];
  if (s.status === 'BOOKED') {
    buttons.push(
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
  if (s.status !== 'CLOSED') {
    buttons.push(
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
            if (edits.editing.has(s.id)) edits.editing.delete(s.id);
            else edits.editing.add(s.id);
            rerender();
          },
        },
        'Message',
      ),
    );
  }
  return buttons;
}

/**
 * The card of one session, seen at `now`.
 * @param {SessionView} s
 * @param {number} now
 * @param {CardContext} context
 */
export function sessionCard(s, now, context) {
  const open = s.status !== 'CLOSED';
  const buttons = actions(s, context);
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
      { class: 'where', title: `${s.serviceCode} on ${channelName(context.snapshot, s.channelId)}` },
      `${s.serviceCode} · ${shortChannelName(context.snapshot, s.channelId)}`,
    ),
    h(
      'dl',
      {},
      ...facts(s, now).map(([k, v]) => [
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
    buttons.length ? h('div', { class: 'actions' }, ...buttons) : null,
    open && context.edits.editing.has(s.id) ? messageEditor(s, context.edits, context) : null,
  );
}
