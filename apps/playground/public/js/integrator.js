/** The integrator panel: call any MCC operation over REST or SOAP and see the wire. */
import { api } from './api.js';
import { $, errorText, h, targetValue, toast } from './dom.js';
/** @import { CatalogEntry, TryResult } from './types.js' */
import { formatTime, prettyBody, prettyJson } from './format.js';

const RECENT_KEY = 'mcc-console.recent-sessions';
const TRANSPORT_KEY = 'mcc-console.transport';
const RETRIES_KEY = 'mcc-console.retries';
const RECENT_MAX = 6;
/** The retry policies offered: extra attempts after the first (the bundled clients' default is 2). */
const RETRY_CHOICES = [0, 1, 2, 3, 5];

/** @typedef {{ id: string, transport: 'rest' | 'soap', channelId?: unknown, serviceid?: unknown, at: number }} RecentSession */
/** @typedef {CatalogEntry['params'][number]} Param */

/** Values a newcomer can submit as they are. */
/** @type {Record<string, string>} */
const DEFAULTS = { channelId: '1003', serviceid: 'SUPPORT', serviceCodes: 'SUPPORT, SALES, BILLING' };

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
 * Where a field's text is kept: fields of the same name share it across operations (a sessionId
 * typed once serves every operation), except startSession's optional sessionId (a new ID to create).
 * @param {Pick<CatalogEntry, 'name'>} operation
 * @param {Pick<Param, 'name'>} param
 */
function valueKey(operation, param) {
  return operation.name === 'startSession' && param.name === 'sessionId'
    ? 'startSession.sessionId'
    : param.name;
}

/**
 * Turns the form's texts into the operation's input (empty optional fields are left out).
 * @param {Pick<CatalogEntry, 'name' | 'params'>} operation
 * @param {Record<string, string | undefined>} values
 */
export function buildInput(operation, values) {
  /** @type {Record<string, unknown>} */
  const input = {};
  for (const param of operation.params) {
    const raw = (values[valueKey(operation, param)] ?? '').trim();
    if (raw === '') continue;
    if (param.kind === 'int') input[param.name] = /^-?\d+$/.test(raw) ? Number(raw) : raw;
    else if (param.kind === 'strings')
      input[param.name] = raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    else input[param.name] = raw;
  }
  return input;
}

/** @param {Record<string, string> | undefined} headers */
function headerLines(headers) {
  return Object.entries(headers ?? {})
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
}

/**
 * The one-line outcome of a Try: the error, or the result and fail reason; with the retries made.
 * @param {TryResult} answer
 */
export function describeOutcome(answer) {
  const retries = answer.retried?.length
    ? ` · after ${answer.retried.length} ${answer.retried.length === 1 ? 'retry' : 'retries'}`
    : '';
  if ('error' in answer)
    return { text: `${answer.error.code}: ${answer.error.message}${retries}`, kind: 'error' };
  const result = /** @type {{ result?: string, status?: string, failReason?: string }} */ (
    answer.result ?? {}
  );
  if (result.result === 'SUCCESS') {
    const extra = result.status ? ` · ${result.status}` : '';
    return { text: `SUCCESS${extra}${retries}`, kind: 'ok' };
  }
  return {
    text: `${[result.result, result.failReason].filter(Boolean).join(' · ') || 'answer'}${retries}`,
    kind: 'warn',
  };
}

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
    recent: loadRecent(),
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
  const recentBox = h('div', { class: 'recent', dataset: { testid: 'recent-sessions' } });
  const outcome = h('div', { class: 'outcome', dataset: { testid: 'try-outcome' } });
  const retriedList = h('ol', { class: 'retried', dataset: { testid: 'try-retries' } });
  const result = h('pre', { class: 'code', dataset: { testid: 'try-result' } });
  const rawRequest = h('pre', { class: 'code raw', dataset: { testid: 'raw-request' } });
  const rawResponse = h('pre', { class: 'code raw', dataset: { testid: 'raw-response' } });
  const output = h(
    'div',
    { class: 'output', hidden: true, dataset: { testid: 'try-output' } },
    h('h3', {}, 'Decoded result'),
    outcome,
    retriedList,
    result,
    h('h3', {}, 'Raw request'),
    rawRequest,
    h('h3', {}, 'Raw response'),
    rawResponse,
  );

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
    recentBox,
    form,
    output,
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

  function renderRecent() {
    if (state.recent.length === 0) {
      recentBox.replaceChildren(h('span', { class: 'muted' }, 'Sessions you start appear here.'));
      return;
    }
    recentBox.replaceChildren(
      h('span', { class: 'label' }, 'Recent sessions'),
      ...state.recent.map((s) =>
        h(
          'button',
          {
            type: 'button',
            class: 'chip',
            title: `${s.id}\n${s.serviceid} on channel ${s.channelId}, over ${s.transport.toUpperCase()}, at ${formatTime(s.at)}\nclick to use it`,
            dataset: { testid: 'recent-session', sessionId: s.id },
            onclick: () => {
              state.values.sessionId = s.id;
              // startSession's own sessionId field is for a new ID: show the id in an operation
              // that reads the session instead.
              const op = operation();
              if (!op?.params.some((p) => valueKey(op, p) === 'sessionId')) state.current = 'checkSession';
              renderOperations();
              renderForm();
              toast(`sessionId ${s.id} filled in (${state.current})`);
            },
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
            state.recent = [];
            localStorage.removeItem(RECENT_KEY);
            renderRecent();
          },
        },
        'clear',
      ),
    );
  }

  /**
   * @param {string} sessionId
   * @param {Record<string, unknown>} input
   */
  function remember(sessionId, input) {
    state.recent = [
      {
        id: sessionId,
        transport: state.transport,
        channelId: input.channelId,
        serviceid: input.serviceid,
        at: Date.now(),
      },
      ...state.recent.filter((s) => s.id !== sessionId),
    ].slice(0, RECENT_MAX);
    localStorage.setItem(RECENT_KEY, JSON.stringify(state.recent));
    renderRecent();
  }

  async function send() {
    if (state.busy) return;
    const op = operation();
    if (!op) return;
    const input = buildInput(op, state.values);
    state.busy = true;
    submit.disabled = true;
    output.dataset.state = 'pending';
    try {
      const answer = await api.try(state.transport, op.name, input, state.retries);
      const { text, kind } = describeOutcome(answer);
      outcome.textContent = text;
      outcome.className = `outcome ${kind}`;
      retriedList.replaceChildren(
        ...(answer.retried ?? []).map((r) =>
          h('li', {}, `attempt ${r.attempt}: ${r.code} (${r.message}), retried after ${r.delayMs} ms`),
        ),
      );
      result.textContent = prettyJson(
        JSON.stringify('error' in answer ? answer.error : (answer.result ?? null)),
      );
      const req = answer.request;
      const res = answer.response;
      rawRequest.textContent = req
        ? `${req.method} ${req.url}\n${headerLines(req.headers)}${req.body ? `\n\n${prettyBody(req.body, req.headers?.['content-type'])}` : ''}`
        : '(no request was captured)';
      rawResponse.textContent = res
        ? `HTTP ${res.status}\n${headerLines(res.headers)}${res.body ? `\n\n${prettyBody(res.body, res.headers?.['content-type'])}` : ''}`
        : '(no response was captured)';
      output.hidden = false;
      output.dataset.state = 'done';
      output.dataset.operation = op.name;
      output.dataset.transport = state.transport;
      const started =
        'result' in answer
          ? /** @type {{ result?: string, sessionId?: string }} */ (answer.result)
          : undefined;
      if (op.name === 'startSession' && started?.result === 'SUCCESS' && started.sessionId) {
        state.values.sessionId = started.sessionId;
        remember(started.sessionId, input);
      }
    } catch (error) {
      outcome.textContent = `console: ${errorText(error)}`;
      outcome.className = 'outcome error';
      result.textContent = '';
      retriedList.replaceChildren();
      rawRequest.textContent = '';
      rawResponse.textContent = '';
      output.hidden = false;
      output.dataset.state = 'failed';
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
      renderRecent();
    },
  };
}
