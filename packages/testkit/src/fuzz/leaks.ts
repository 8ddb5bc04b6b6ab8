/** What an answer must never show, with a name for the failure message. */
const LEAKS: ReadonlyArray<readonly [string, RegExp]> = [
  ['a stack frame', /^\s*at .+:\d+:\d+\)?\s*$|\bat [\w$.<>[\] ]+ \([^)]*:\d+:\d+\)/m],
  ['a source file position', /[\w-]+\.(?:[cm]?js|[cm]?ts):\d+/],
  ['a node_modules path', /node_modules/],
  ['an absolute file path', /file:\/\/|(?:^|[\s"'(=])\/(?:home|usr|srv|work|tmp|var|opt|root|app)\//],
  ['an error class dump', /\b\w*Error: /],
];

/**
 * Names what `text` (an answer body) leaks of the server's internals — a stack frame, a source
 * file position, a file path, an `Error:` dump — or returns undefined when it leaks nothing.
 */
export function findLeak(text: string): string | undefined {
  for (const [what, pattern] of LEAKS) {
    const match = pattern.exec(text);
    if (match) return `${what}: ${JSON.stringify(match[0].slice(0, 120))}`;
  }
  return undefined;
}

/**
 * Removes from a generated value whatever {@link findLeak} would report, so that a server that
 * rightly echoes input back (a session id, a data field) is not taken for one that leaks.
 */
export function scrubLeakMarkers(value: string): string {
  let out = value;
  for (;;) {
    const before = out;
    for (const [, pattern] of LEAKS) out = out.replace(new RegExp(pattern.source, 'gm'), '');
    if (out === before) return out;
  }
}
