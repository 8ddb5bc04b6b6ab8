/** The integrator panel: call any MCC operation over REST or SOAP and see the wire. */
import { api } from './api.js';
import { $, h, targetValue, toast } from './dom.js';
import { createRecentSessions } from './recent-sessions.js';
import { buildInput, DEFAULTS, valueKey } from './try-input.js';
import { createTryOutput } from './try-output.js';

/** @import { CatalogEntry } from './types.js' */

const TRANSPORT_KEY = 'mcc-console.transport';
const RETRIES_KEY = 'mcc-console.retries';
/** The retry policies offered: extra attempts after the first (the bundled clients' default is 2). */
const RETRY_CHOICES = [0, 1, 2, 3, 5];

/**
 * The integrator panel.
 * @param {HTMLElement} root
 */
export function createIntegratorPanel(root) {
  const savedRetries = Number(localStorage.getItem(RETRIES_KEY));
  const state = {
    /** @type {CatalogEntry[]} */
    operations: [],
    /** @type {'rest' | 'soap'} */
    transport: localStorage.getItem(TRANSPORT_KEY) === 'soap' ? 'soap' : 'rest',
    current: 'startSession',
    /** @type {Record<string, string | undefined>} */
    values: { ...DEFAULTS },
    retries: RETRY_CHOICES.includes(savedRetries) ? savedRetries : 0,
    busy: false,
  };

  const transportBox = h('div', { class: 'segmented', role: 'radiogroup', 'aria-label': 'Transport' });
  const operationSelect = h('select', {
    dataset: { testid: 'operation-select' },
    'aria-label': 'Operation',
    onchange: () => {
      state.current = operationSelect.value;
      renderForm();
    },
  });
  const retriesSelect = h(
    'select',
    {
      dataset: { testid: 'retries-select' },
      'aria-label': 'Retries',
      title:
        'the client retry policy: extra attempts after a network error, timeout, 5xx or SOAP Server fault (read-only operations, and startSession with its own sessionId, only)',
      onchange: () => {
        state.retries = Number(retriesSelect.value);
        localStorage.setItem(RETRIES_KEY, String(state.retries));
      },
    },
    ...RETRY_CHOICES.map((n) =>
      h('option', { value: String(n), selected: n === state.retries }, n === 0 ? 'none' : String(n)),
    ),
  );
  const summary = h('p', { class: 'summary', dataset: { testid: 'operation-summary' } });
  const fields = h('div', { class: 'fields' });
  const submit = h('button', { type: 'submit', class: 'primary', dataset: { testid: 'try-submit' } }, 'Send');
  const form = h(
    'form',
    {
      class: 'try-form',
      dataset: { testid: 'try-form' },
      onsubmit: (/** @type {SubmitEvent} */ event) => {
        event.preventDefault();
        send();
      },
    },
    fields,
    h(
      'div',
      { class: 'form-actions' },
      submit,
      h('span', { class: 'endpoint', dataset: { testid: 'endpoint' } }),
    ),
  );
  const output = createTryOutput();
  const recent = createRecentSessions({
    onPick: (s) => {
      state.values.sessionId = s.id;
      // startSession's own sessionId field is for a new ID: show the id in an operation
      // that reads the session instead.
      const op = operation();
      if (!op?.params.some((p) => valueKey(op, p) === 'sessionId')) state.current = 'checkSession';
      renderOperations();
      renderForm();
      toast(`sessionId ${s.id} filled in (${state.current})`);
    },
  });

  root.append(
    h(
      'div',
      { class: 'panel-head' },
      h('h2', {}, 'Integrator'),
      h('span', { class: 'hint' }, 'call the MCC as a web chat or CRM would'),
    ),
    h(
      'div',
      { class: 'toolbar' },
      transportBox,
      h('label', { class: 'inline' }, h('span', {}, 'Operation'), operationSelect),
      h('label', { class: 'inline' }, h('span', {}, 'Retries'), retriesSelect),
    ),
    summary,
    recent.element,
    form,
    output.element,
  );

  function operation() {
    return state.operations.find((op) => op.name === state.current) ?? state.operations[0];
  }

  function renderTransport() {
    transportBox.replaceChildren(
      .../** @type {const} */ (['rest', 'soap']).map((t) =>
        h(
          'button',
          {
            type: 'button',
            role: 'radio',
            'aria-checked': String(state.transport === t),
            class: state.transport === t ? 'on' : '',
            dataset: { testid: `transport-${t}` },
            onclick: () => {
              state.transport = t;
              localStorage.setItem(TRANSPORT_KEY, t);
              renderTransport();
              renderEndpoint();
              renderOperations();
            },
          },
          t.toUpperCase(),
        ),
      ),
    );
  }

  function renderOperations() {
    operationSelect.replaceChildren(
      ...state.operations.map((op) =>
        h(
          'option',
          { value: op.name, selected: op.name === state.current },
          state.transport === 'soap' && op.soapName !== op.name ? `${op.name} (${op.soapName})` : op.name,
        ),
      ),
    );
  }

  function renderEndpoint() {
    const op = operation();
    if (!op) return;
    $('[data-testid="endpoint"]', root).textContent =
      state.transport === 'rest'
        ? `${op.method} /mc/cxf/rest/json${op.path}`
        : `POST /mc/cxf/soap · ${op.soapName}`;
  }

  function renderForm() {
    const op = operation();
    if (!op) return;
    summary.textContent = op.summary;
    fields.replaceChildren(
      ...op.params.map((param) => {
        const id = `field-${op.name}-${param.name}`;
        const key = valueKey(op, param);
        const value = state.values[key] ?? '';
        const onInput = (/** @type {Event} */ event) => {
          state.values[key] = targetValue(event);
        };
        /** @type {HTMLElement} */
        let control;
        if (param.kind === 'enum') {
          control = h(
            'select',
            { id, name: param.name, dataset: { testid: `field-${param.name}` }, onchange: onInput },
            param.required ? null : h('option', { value: '' }, '(none)'),
            ...(param.values ?? []).map((/** @type {string} */ v) =>
              h('option', { value: v, selected: v === value }, v),
            ),
          );
        } else {
          control = h('input', {
            id,
            name: param.name,
            type: 'text',
            inputmode: param.kind === 'int' ? 'numeric' : null,
            autocomplete: 'off',
            spellcheck: 'false',
            required: param.required,
            placeholder: param.kind === 'strings' ? 'comma-separated, e.g. SUPPORT, SALES' : null,
            value,
            dataset: { testid: `field-${param.name}` },
            oninput: onInput,
          });
        }
        return h(
          'div',
          { class: `field ${param.name === 'sessionId' ? 'wide' : ''}` },
          h(
            'label',
            { for: id },
            h('code', {}, param.name),
            param.required ? h('span', { class: 'req', title: 'required' }, '*') : null,
            h('span', { class: 'kind' }, param.kind === 'strings' ? 'list' : param.kind),
          ),
          control,
          h('small', {}, param.description),
        );
      }),
    );
    renderEndpoint();
  }

  async function send() {
    if (state.busy) return;
    const op = operation();
    if (!op) return;
    const input = buildInput(op, state.values);
    state.busy = true;
    submit.disabled = true;
    output.pending();
    try {
      const answer = await api.try(state.transport, op.name, input, state.retries);
      output.show(answer, op.name, state.transport);
      const started =
        'result' in answer
          ? /** @type {{ result?: string, sessionId?: string }} */ (answer.result)
          : undefined;
      if (op.name === 'startSession' && started?.result === 'SUCCESS' && started.sessionId) {
        state.values.sessionId = started.sessionId;
        recent.remember(started.sessionId, state.transport, input);
      }
    } catch (error) {
      output.fail(error);
    } finally {
      state.busy = false;
      submit.disabled = false;
    }
  }

  return {
    async start() {
      state.operations = await api.operations();
      if (!state.operations.some((op) => op.name === state.current))
        state.current = state.operations[0]?.name ?? state.current;
      renderTransport();
      renderOperations();
      renderForm();
      recent.render();
    },
  };
}
