/** Formatting helpers without DOM: pretty-printing wire bodies and times. */

/**
 * Pretty-prints a JSON text (left as is when it is not JSON).
 * @param {string | undefined} text
 */
export function prettyJson(text) {
  if (!text) return '';
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/**
 * Indents an XML text, one element per line; an element holding only text stays on one line.
 * Comments, CDATA, processing instructions and the declaration are kept as they are.
 * @param {string | undefined} text
 * @param {string} [indent]
 */
export function prettyXml(text, indent = '  ') {
  if (!text) return '';
  /** @type {string[]} */
  const lines = [];
  const tokens = text.match(
    /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<![^>]*>|<[^>]+>|[^<]+/g,
  );
  if (!tokens) return text;
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    if (token.startsWith('</')) {
      depth = Math.max(0, depth - 1);
      lines.push(indent.repeat(depth) + token);
    } else if (token.startsWith('<?') || token.startsWith('<!')) {
      lines.push(indent.repeat(depth) + token);
    } else if (token.startsWith('<')) {
      const selfClosing = token.endsWith('/>');
      const next = tokens[i + 1];
      const after = tokens[i + 2];
      // <a>text</a> on one line
      if (!selfClosing && next !== undefined && !next.startsWith('<') && after?.startsWith('</')) {
        lines.push(indent.repeat(depth) + token + next.trim() + after);
        i += 2;
        continue;
      }
      // <a></a> on one line
      if (!selfClosing && next?.startsWith('</')) {
        lines.push(indent.repeat(depth) + token + next);
        i += 1;
        continue;
      }
      lines.push(indent.repeat(depth) + token);
      if (!selfClosing) depth += 1;
    } else if (token.trim()) {
      lines.push(indent.repeat(depth) + token.trim());
    }
  }
  return lines.join('\n');
}

/**
 * Pretty-prints a body by its content type (JSON, XML, or as is).
 * @param {string | undefined} body
 * @param {string} [contentType]
 */
export function prettyBody(body, contentType = '') {
  if (!body) return '';
  const type = contentType.toLowerCase();
  const trimmed = body.trimStart();
  if (type.includes('json') || trimmed.startsWith('{') || trimmed.startsWith('[')) return prettyJson(body);
  if (type.includes('xml') || trimmed.startsWith('<')) return prettyXml(body);
  return body;
}

const pad = (/** @type {number} */ n, width = 2) => String(n).padStart(width, '0');

/**
 * `2026-11-24 16:05:09` in the browser's time zone.
 * @param {number} ms
 */
export function formatDateTime(ms) {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(
    d.getMinutes(),
  )}:${pad(d.getSeconds())}`;
}

/**
 * `16:05:09`.
 * @param {number} ms
 */
export function formatTime(ms) {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/**
 * The value of an `<input type="datetime-local">` for a time: `2026-11-24T16:05`.
 * @param {number} ms
 */
export function toDateTimeLocal(ms) {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(
    d.getMinutes(),
  )}`;
}

/**
 * `in 4 min`, `2 s ago`… from `now` to `at`.
 * @param {number} at
 * @param {number} now
 */
export function relative(at, now) {
  const diff = at - now;
  const abs = Math.abs(diff);
  if (abs < 1000) return 'now';
  const text =
    abs < 60_000
      ? `${Math.round(abs / 1000)} s`
      : abs < 3_600_000
        ? `${Math.round(abs / 60_000)} min`
        : abs < 86_400_000
          ? `${Math.round(abs / 3_600_000)} h`
          : `${Math.round(abs / 86_400_000)} d`;
  return diff >= 0 ? `in ${text}` : `${text} ago`;
}
