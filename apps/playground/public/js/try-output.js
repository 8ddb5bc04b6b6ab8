/** The integrator's output: the decoded result of a Try, the retries made, and the raw wire exchange. */
import { errorText, h } from './dom.js';
import { prettyBody, prettyJson } from './format.js';

/** @import { TryResult } from './types.js' */

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

/** The output box: its element (hidden until the first Try), and how it shows a Try's answer. */
export function createTryOutput() {
  const outcome = h('div', { class: 'outcome', dataset: { testid: 'try-outcome' } });
  const retriedList = h('ol', { class: 'retried', dataset: { testid: 'try-retries' } });
  const result = h('pre', { class: 'code', dataset: { testid: 'try-result' } });
  const rawRequest = h('pre', { class: 'code raw', dataset: { testid: 'raw-request' } });
  const rawResponse = h('pre', { class: 'code raw', dataset: { testid: 'raw-response' } });
  const element = h(
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

  return {
    element,
    /** Marks a Try as under way. */
    pending() {
      element.dataset.state = 'pending';
    },
    /**
     * Shows the answer of a Try of `operation` over `transport`.
     * @param {TryResult} answer
     * @param {string} operation
     * @param {'rest' | 'soap'} transport
     */
    show(answer, operation, transport) {
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
      element.hidden = false;
      element.dataset.state = 'done';
      element.dataset.operation = operation;
      element.dataset.transport = transport;
    },
    /**
     * Shows that the console itself failed to make the Try.
     * @param {unknown} error
     */
    fail(error) {
      outcome.textContent = `console: ${errorText(error)}`;
      outcome.className = 'outcome error';
      result.textContent = '';
      retriedList.replaceChildren();
      rawRequest.textContent = '';
      rawResponse.textContent = '';
      element.hidden = false;
      element.dataset.state = 'failed';
    },
  };
}
