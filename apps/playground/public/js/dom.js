/**
 * A tiny element builder: `h('button', { class: 'x', onclick: fn, dataset: { testid: 'y' } }, 'text')`.
 * Attributes starting with `on` become listeners; `dataset` sets `data-*`; `false`/`null`/`undefined`
 * attributes and children are skipped. Children may be nodes, strings, numbers or arrays of them.
 */
/** @typedef {Node | string | number | null | undefined | false} Leaf */
/** What {@link h} accepts as a child: nodes, text, numbers, nested lists; nothing for the falsy ones. @typedef {Leaf | Leaf[] | Leaf[][]} Child */

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, unknown> | null} [attrs]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function')
      el.addEventListener(key.slice(2), /** @type {EventListener} */ (value));
    else if (key === 'class') el.className = String(value);
    else if (key === 'value' || key === 'checked' || key === 'selected' || key === 'disabled')
      Object.assign(el, { [key]: value });
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/**
 * @param {HTMLElement} el
 * @param {Child[]} children
 */
function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, /** @type {Child[]} */ (child));
    else el.append(child instanceof Node ? child : String(child));
  }
}

/**
 * `document.querySelector` that throws when the element is missing.
 * @template {Element} [E=HTMLElement]
 * @param {string} selector
 * @param {ParentNode} [root]
 * @returns {E}
 */
export function $(selector, root = document) {
  /** @type {E | null} */
  const el = root.querySelector(selector);
  if (!el) throw new Error(`missing element ${selector}`);
  return el;
}

/**
 * Calls `fn` once, `ms` after the last of a burst of calls.
 * @template {unknown[]} A
 * @param {(...args: A) => void} fn
 * @param {number} ms
 * @returns {(...args: A) => void}
 */
export function debounce(fn, ms) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/** @type {ReturnType<typeof setTimeout> | undefined} */
let toastTimer;
/**
 * Shows a short message at the bottom of the screen (errors in red).
 * @param {string} message
 * @param {'info' | 'ok' | 'error'} [kind]
 */
export function toast(message, kind = 'info') {
  const el = $('[data-testid="toast"]');
  el.textContent = message;
  el.className = `toast show ${kind}`;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => el.classList.remove('show'), kind === 'error' ? 6000 : 2500);
}

/**
 * The message of something thrown (an `Error`'s message, else its text).
 * @param {unknown} error
 */
export function errorText(error) {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The checkbox state of the input an event came from.
 * @param {Event} e
 */
export function targetChecked(e) {
  return /** @type {HTMLInputElement} */ (e.target).checked;
}

/**
 * The value of the input, select or text area an event came from.
 * @param {Event} e
 */
export function targetValue(e) {
  return /** @type {HTMLInputElement} */ (e.target).value;
}
