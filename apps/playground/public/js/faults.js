/**
 * The faults section: set and clear the faults the playground injects into one operation (latency,
 * dropped connections, 503s, server errors, fail reasons), and see those in force. It speaks
 * `/api/faults` (docs/control-api.md); the server validates, the console shows its answer.
 */
import { api } from './api.js';
import { errorText, h, targetValue, toast } from './dom.js';

/** @import { FaultSettings, FaultsCatalog, OperationFaultSettings } from './types.js' */

/** @typedef {Record<string, string>} FormValues */

/** Text fields of the form: a blank one leaves its fault off. */
const FIELDS = [
  'latency-min',
  'latency-max',
  'latency-rate',
  'drop-rate',
  'unavailable-rate',
  'unavailable-retry',
  'serverError-rate',
  'serverError-message',
  'failReason-reason',
  'failReason-rate',
];

/**
 * A number when the text is one, else the text (the server says what is wrong with it).
 * @param {string} text
 * @returns {number | string}
 */
function number(text) {
  return /^\s*-?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : text.trim();
}

/**
 * Turns the form's texts into the body of `PUT /api/faults/operations/:name`. A kind is on when
 * its main field is filled: latency's min, a rate, the fail reason. Values are sent as typed (the
 * server says what is wrong with them).
 * @param {Record<string, string | undefined>} values
 */
export function buildFaults(values) {
  const v = (/** @type {string} */ key) => (values[key] ?? '').trim();
  /** @type {Record<string, Record<string, unknown>>} */
  const out = {};
  /** @returns {Record<string, unknown>} */
  const rated = (/** @type {string} */ key) => (v(key) === '' ? {} : { rate: number(v(key)) });
  if (v('latency-min') !== '') {
    const max = v('latency-max');
    out.latency =
      max === '' || max === v('latency-min')
        ? { ms: number(v('latency-min')), ...rated('latency-rate') }
        : { minMs: number(v('latency-min')), maxMs: number(max), ...rated('latency-rate') };
  }
  if (v('drop-rate') !== '') out.drop = rated('drop-rate');
  if (v('unavailable-rate') !== '') {
    const unavailable = rated('unavailable-rate');
    if (v('unavailable-retry') !== '') unavailable.retryAfterSeconds = number(v('unavailable-retry'));
    out.unavailable = unavailable;
  }
  if (v('serverError-rate') !== '') {
    const serverError = rated('serverError-rate');
    if (v('serverError-message') !== '') serverError.message = v('serverError-message');
    out.serverError = serverError;
  }
  if (v('failReason-reason') !== '')
    out.failReason = { reason: v('failReason-reason'), ...rated('failReason-rate') };
  return out;
}

/**
 * The form's texts for an operation's settings (the reverse of {@link buildFaults}).
 * @param {OperationFaultSettings} [settings]
 * @returns {FormValues}
 */
export function formValues(settings = {}) {
  /** @type {FormValues} */
  const values = Object.fromEntries(FIELDS.map((key) => [key, '']));
  const { latency, drop, unavailable, serverError, failReason } = settings;
  if (latency) {
    values['latency-min'] = String(latency.minMs);
    values['latency-max'] = latency.maxMs === latency.minMs ? '' : String(latency.maxMs);
    values['latency-rate'] = String(latency.rate);
  }
  if (drop) values['drop-rate'] = String(drop.rate);
  if (unavailable) {
    values['unavailable-rate'] = String(unavailable.rate);
    if (unavailable.retryAfterSeconds !== undefined)
      values['unavailable-retry'] = String(unavailable.retryAfterSeconds);
  }
  if (serverError) {
    values['serverError-rate'] = String(serverError.rate);
    values['serverError-message'] = serverError.message ?? '';
  }
  if (failReason) {
    values['failReason-reason'] = failReason.reason;
    values['failReason-rate'] = String(failReason.rate);
  }
  return values;
}

const share = (/** @type {number} */ rate) => (rate === 1 ? 'always' : `${Math.round(rate * 1000) / 10}%`);

/**
 * One line per fault kind of an operation, for the list of faults in force.
 * @param {OperationFaultSettings} settings
 */
export function describeFaults(settings) {
  const parts = [];
  const { latency, drop, unavailable, serverError, failReason } = settings;
  if (latency) {
    const ms =
      latency.minMs === latency.maxMs ? `${latency.minMs} ms` : `${latency.minMs}–${latency.maxMs} ms`;
    parts.push(`+${ms} (${share(latency.rate)})`);
  }
  if (drop) parts.push(`drop (${share(drop.rate)})`);
  if (unavailable)
    parts.push(
      `503${unavailable.retryAfterSeconds === undefined ? '' : ` retry ${unavailable.retryAfterSeconds}s`} (${share(unavailable.rate)})`,
    );
  if (serverError) parts.push(`500 (${share(serverError.rate)})`);
  if (failReason) parts.push(`${failReason.reason} (${share(failReason.rate)})`);
  return parts.join(' · ');
}

/**
 * The faults section at the top of the integrator panel.
 * @param {HTMLDetailsElement} root
 */
export function createFaultsPanel(root) {
  const state = {
    /** @type {FaultsCatalog | undefined} */
    catalog: undefined,
    /** @type {FaultSettings} */
    settings: { operations: {} },
    current: 'checkSession',
    /** @type {FormValues} */
    values: {},
  };

  const count = h('span', { class: 'faults-count', dataset: { testid: 'faults-count' } });
  const operationSelect = h('select', {
    'aria-label': 'Operation',
    dataset: { testid: 'faults-operation' },
    onchange: () => {
      state.current = operationSelect.value;
      renderForm();
    },
  });
  const form = h('div', { class: 'faults-form' });
  const list = h('ul', { class: 'faults-list', dataset: { testid: 'faults-list' } });

  const input = (/** @type {string} */ key, /** @type {Record<string, unknown>} */ attrs = {}) =>
    h('input', {
      type: 'text',
      autocomplete: 'off',
      spellcheck: 'false',
      value: state.values[key] ?? '',
      dataset: { testid: `faults-${key}` },
      'aria-label': key,
      oninput: (/** @type {Event} */ event) => {
        state.values[key] = targetValue(event);
      },
      ...attrs,
    });
  const row = (
    /** @type {string} */ title,
    /** @type {string} */ help,
    /** @type {HTMLElement[]} */ ...controls
  ) =>
    h('div', { class: 'faults-row', title: help }, h('span', { class: 'faults-kind' }, title), ...controls);

  root.append(
    h(
      'summary',
      { dataset: { testid: 'faults-toggle' } },
      'Injected faults ',
      count,
      h('span', { class: 'hint' }, ' test your retries and timeouts'),
    ),
    h(
      'div',
      { class: 'faults-body' },
      h(
        'div',
        { class: 'toolbar' },
        h('label', { class: 'inline' }, h('span', {}, 'Operation'), operationSelect),
      ),
      form,
      h(
        'div',
        { class: 'form-actions' },
        h(
          'button',
          { type: 'button', class: 'primary', dataset: { testid: 'faults-apply' }, onclick: apply },
          'Apply',
        ),
        h(
          'button',
          { type: 'button', dataset: { testid: 'faults-clear' }, onclick: () => clear(state.current) },
          'Clear',
        ),
        h(
          'button',
          { type: 'button', class: 'link', dataset: { testid: 'faults-clear-all' }, onclick: () => clear() },
          'clear all',
        ),
      ),
      list,
    ),
  );

  function operation() {
    return state.catalog?.operations.find((op) => op.name === state.current);
  }

  function renderForm() {
    const op = operation();
    if (!op) return;
    state.values = formValues(
      state.settings.operations[/** @type {keyof FaultSettings['operations']} */ (op.name)],
    );
    const reasons = op.failReasons;
    form.replaceChildren(
      row(
        'latency',
        'Wait before answering: min ms alone for a fixed delay, min and max for a random one',
        input('latency-min', { placeholder: 'ms', inputmode: 'numeric' }),
        input('latency-max', { placeholder: 'max ms', inputmode: 'numeric' }),
        input('latency-rate', { placeholder: 'rate 0–1', inputmode: 'decimal' }),
      ),
      row(
        'drop',
        'Close the connection without answering',
        input('drop-rate', { placeholder: 'rate 0–1', inputmode: 'decimal' }),
      ),
      row(
        '503',
        'Service unavailable (REST problem, SOAP Server fault), with Retry-After when set',
        input('unavailable-rate', { placeholder: 'rate 0–1', inputmode: 'decimal' }),
        input('unavailable-retry', { placeholder: 'Retry-After s', inputmode: 'numeric' }),
      ),
      row(
        '500',
        'Server error (REST problem, SOAP Server fault) with this message',
        input('serverError-rate', { placeholder: 'rate 0–1', inputmode: 'decimal' }),
        input('serverError-message', { placeholder: 'message' }),
      ),
      row(
        'fail reason',
        reasons.length
          ? 'Answer FAILED with this server-side fail reason'
          : `${op.name} has no server-side fail reason`,
        h(
          'select',
          {
            'aria-label': 'fail reason',
            class: 'faults-reason',
            disabled: reasons.length === 0,
            dataset: { testid: 'faults-failReason-reason' },
            onchange: (/** @type {Event} */ event) => {
              state.values['failReason-reason'] = targetValue(event);
            },
          },
          h('option', { value: '' }, reasons.length ? '(none)' : '(none for this operation)'),
          ...reasons.map((/** @type {string} */ r) =>
            h('option', { value: r, selected: r === state.values['failReason-reason'] }, r),
          ),
        ),
        input('failReason-rate', { placeholder: 'rate 0–1', inputmode: 'decimal' }),
      ),
    );
  }

  function renderList() {
    const entries = Object.entries(state.settings.operations);
    count.textContent = entries.length === 0 ? 'off' : `${entries.length} on`;
    count.className = `faults-count ${entries.length ? 'on' : ''}`;
    root.dataset.active = String(entries.length > 0);
    list.replaceChildren(
      ...(entries.length === 0
        ? [h('li', { class: 'muted' }, 'No fault: every call is answered normally.')]
        : entries.map(([name, settings]) =>
            h(
              'li',
              { dataset: { testid: `faults-row-${name}` } },
              h('code', {}, name),
              ' ',
              describeFaults(settings ?? {}),
            ),
          )),
    );
  }

  /** @param {FaultSettings} settings */
  function show(settings) {
    state.settings = settings;
    renderList();
    renderForm();
  }

  async function apply() {
    try {
      show(await api.setFaults(state.current, buildFaults(state.values)));
      toast(`faults of ${state.current} set`);
    } catch (error) {
      toast(errorText(error), 'error');
    }
  }

  /** @param {string} [name] */
  async function clear(name) {
    try {
      show(name ? await api.clearFaults(name) : await api.clearAllFaults());
      toast(name ? `faults of ${name} cleared` : 'all faults cleared');
    } catch (error) {
      toast(errorText(error), 'error');
    }
  }

  return {
    async start() {
      const [catalog, settings] = await Promise.all([api.faultsCatalog(), api.faults()]);
      state.catalog = catalog;
      operationSelect.replaceChildren(
        ...catalog.operations.map((op) =>
          h('option', { value: op.name, selected: op.name === state.current }, op.name),
        ),
      );
      show(settings);
      // faults set elsewhere (the API, another tab) show in the list when the section is opened;
      // the form is left as it is (it may be being filled in)
      root.addEventListener('toggle', () => {
        if (!root.open) return;
        api.faults().then(
          (settings) => {
            state.settings = settings;
            renderList();
          },
          () => {},
        );
      });
    },
  };
}
