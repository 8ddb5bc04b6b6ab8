// The XML parser bench (docs/benchmarks.md, "XML parser"): every candidate on every input, each
// measurement in its own child process with a 15 s cap. Run: node --import tsx src/xml/xml-bench.ts
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { xmlInputs } from './inputs.js';
import { candidates } from './parsers.js';

const child = fileURLToPath(new URL('./measure-one.ts', import.meta.url));
const CAP_MS = 15_000;
const rows: string[] = [];
const names = Object.keys(candidates);
rows.push(`| input | size | ${names.join(' | ')} |`, `|---|---:|${names.map(() => '---:').join('|')}|`);
for (const [inputName, text] of Object.entries(xmlInputs)) {
  const cells: string[] = [];
  for (const name of names) {
    try {
      const out = execFileSync(process.execPath, ['--import', 'tsx', child, name, inputName], {
        timeout: CAP_MS,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      const { accepted, medianMs } = JSON.parse(out) as { accepted: boolean; medianMs: number };
      cells.push(
        `${medianMs < 1 ? medianMs.toFixed(3) : medianMs.toFixed(1)} ms ${accepted ? 'ok' : 'refused'}`,
      );
    } catch {
      cells.push(`> ${CAP_MS / 1000} s`);
    }
  }
  rows.push(`| ${inputName} | ${(Buffer.byteLength(text) / 1024).toFixed(1)} KiB | ${cells.join(' | ')} |`);
  console.error(rows.at(-1));
}
console.log(rows.join('\n'));
