/** The contact center's agents: one row per agent and channel, with login, readiness and load. */
import { api } from './api.js';
import { channelName } from './channel-names.js';
import { h } from './dom.js';
import { meter } from './meter.js';

/** @import { Act, AgentSnapshot, ContactCenterSnapshot } from './types.js' */

/**
 * The cell naming the agent (its skills, how it answers), spanning the agent's rows.
 * @param {AgentSnapshot} a
 * @param {number} rows
 */
function agentCell(a, rows) {
  return h(
    'td',
    { rowspan: rows, class: 'agent-cell' },
    h('strong', {}, a.name ?? a.username),
    h('code', {}, a.username),
    h(
      'div',
      { class: 'muted' },
      a.skills.length ? a.skills.join(', ') : 'no skills',
      ' · ',
      a.autoAnswer === 'manual' ? 'answers by hand' : `auto-answers ${a.autoAnswer / 1000} s`,
    ),
  );
}

/**
 * The rows of one agent: one a channel of its profile, or one saying it has none.
 * @param {AgentSnapshot} a
 * @param {ContactCenterSnapshot} snapshot
 * @param {Act} act
 */
function agentRows(a, snapshot, act) {
  if (a.channels.length === 0)
    return [
      h(
        'tr',
        { dataset: { testid: `agent-${a.username}` } },
        agentCell(a, 1),
        h('td', { colspan: 4, class: 'muted' }, 'no channel profile'),
      ),
    ];
  return a.channels.map((c, index) => {
    const first = index === 0;
    const key = `${a.username}-${c.channelId}`;
    return h(
      'tr',
      {
        class: first ? 'first' : '',
        dataset: { testid: `agent-${key}`, loggedIn: String(c.loggedIn), ready: String(c.ready) },
      },
      first ? agentCell(a, a.channels.length) : null,
      h('td', {}, channelName(snapshot, c.channelId)),
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
    );
  });
}

/**
 * Renders the agents of the snapshot into `container`.
 * @param {HTMLElement} container
 * @param {ContactCenterSnapshot} snapshot
 * @param {Act} act
 */
export function renderAgents(container, snapshot, act) {
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
          h('th', {}, 'Agent'),
          h('th', {}, 'Channel'),
          h('th', {}, 'Login'),
          h('th', {}, 'Readiness'),
          h('th', {}, 'Load'),
        ),
      ),
      h('tbody', {}, ...snapshot.agents.flatMap((a) => agentRows(a, snapshot, act))),
    ),
  );
}
