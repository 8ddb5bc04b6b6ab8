/** The inline editor of a session's custom message (Enter sets it, Escape cancels). */
import { api } from './api.js';
import { h, targetValue } from './dom.js';
/** @import { Act, SessionView } from './types.js' */

/**
 * The open editors and their unsaved texts, kept across re-renders of the board.
 * @typedef {{ editing: Set<string>, drafts: Map<string, string> }} MessageEdits
 */

/**
 * The editor of one session's custom message.
 * @param {SessionView} s
 * @param {MessageEdits} edits
 * @param {{ act: Act, rerender: () => void }} options
 */
export function messageEditor(s, { editing, drafts }, { act, rerender }) {
  const input = h('input', {
    type: 'text',
    placeholder: 'custom message (empty clears it)',
    value: drafts.get(s.id) ?? s.customMessage ?? '',
    dataset: { testid: 'session-message-input' },
    oninput: (/** @type {Event} */ e) => drafts.set(s.id, targetValue(e)),
  });
  const save = () => {
    const text = input.value.trim();
    editing.delete(s.id);
    drafts.delete(s.id);
    act('custom message', () => api.customMessage(s.id, text === '' ? null : text));
  };
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') save();
    if (e.key === 'Escape') {
      editing.delete(s.id);
      drafts.delete(s.id);
      rerender();
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
