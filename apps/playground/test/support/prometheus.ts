/** The value of one sample in a Prometheus text exposition, or undefined when absent. */
export function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const inside = line.slice(name.length + 1, line.indexOf('}'));
    const have = inside.split(',');
    if (wanted.every((pair) => have.includes(pair)) && have.length === wanted.length)
      return Number(line.slice(line.indexOf('}') + 1));
  }
  return undefined;
}
