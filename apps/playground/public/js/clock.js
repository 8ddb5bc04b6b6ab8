/** The clock control: virtual time, run / pause, jumps. */
import { api } from './api.js';
import { errorText, h, toast } from './dom.js';
import { formatDateTime, toDateTimeLocal } from './format.js';

const MINUTE = 60_000;

/** @import { ClockState } from './types.js' */
/** @import { ClockAction } from './api.js' */

/**
 * The clock control in the header.
 * @param {HTMLElement} root
 * @param {{ onChange?: () => void }} options
 */
export function createClockControl(root, { onChange }) {
  // The server's time at `base`, and whether it runs: the display moves on by itself between updates.
  const state = { now: Date.now(), running: true, base: performance.now(), known: false };

  const display = h('time', { class: 'clock-now', dataset: { testid: 'clock-now' } }, '—');
  const runState = h('span', { class: 'clock-state', dataset: { testid: 'clock-state' } });
  const toggle = h('button', {
    type: 'button',
    dataset: { testid: 'clock-toggle' },
    onclick: () => post(state.running ? { action: 'pause' } : { action: 'resume' }),
  });
  const jumpInput = h('input', {
    type: 'datetime-local',
    step: 60,
    'aria-label': 'jump to date and time',
    dataset: { testid: 'clock-datetime' },
  });
  const jump = (/** @type {string} */ label, /** @type {number} */ ms, /** @type {string} */ testid) =>
    h(
      'button',
      {
        type: 'button',
        title: `move virtual time forward ${label}`,
        dataset: { testid },
        onclick: () => post({ action: 'advance', ms }),
      },
      `+${label}`,
    );

  root.append(
    h('span', { class: 'clock-label' }, 'Virtual time'),
    display,
    runState,
    toggle,
    jump('1 min', MINUTE, 'clock-plus-1m'),
    jump('10 min', 10 * MINUTE, 'clock-plus-10m'),
    jump('1 h', 60 * MINUTE, 'clock-plus-1h'),
    h(
      'form',
      {
        class: 'clock-jump',
        onsubmit: (/** @type {SubmitEvent} */ e) => {
          e.preventDefault();
          if (!jumpInput.value) return toast('pick a date and time first', 'error');
          const time = new Date(jumpInput.value).getTime();
          if (Number.isNaN(time)) return toast('that is not a date and time', 'error');
          if (time < now()) return toast('virtual time cannot go backwards', 'error');
          post({ action: 'set', time });
        },
      },
      jumpInput,
      h('button', { type: 'submit', dataset: { testid: 'clock-jump' } }, 'Jump'),
    ),
  );

  function now() {
    return state.running ? state.now + (performance.now() - state.base) : state.now;
  }

  function render() {
    display.textContent = state.known ? formatDateTime(now()) : '—';
    display.dateTime = new Date(now()).toISOString();
    runState.textContent = state.running ? 'running' : 'paused';
    runState.className = `clock-state ${state.running ? 'running' : 'paused'}`;
    toggle.textContent = state.running ? 'Pause' : 'Run';
    toggle.title = state.running ? 'stop virtual time' : 'run virtual time at real speed';
  }

  /** @param {ClockState} clock */
  function set(clock) {
    const firstTime = !state.known;
    state.now = clock.now;
    state.running = clock.running;
    state.base = performance.now();
    state.known = true;
    if (firstTime || !jumpInput.value) jumpInput.value = toDateTimeLocal(clock.now + 60 * MINUTE);
    render();
  }

  /** @param {ClockAction} body */
  async function post(body) {
    try {
      set(await api.clockAction(body));
      onChange?.();
    } catch (error) {
      toast(`clock: ${errorText(error)}`, 'error');
    }
  }

  setInterval(render, 250);

  return {
    now,
    async refresh() {
      try {
        set(await api.clock());
      } catch (error) {
        toast(`clock: ${errorText(error)}`, 'error');
      }
    },
    /** A time seen in a snapshot: corrects the display when paused (running clocks are re-read). */
    /** @param {number} time */
    seen(time) {
      if (!state.running && time !== state.now) {
        state.now = time;
        render();
      }
    },
  };
}
