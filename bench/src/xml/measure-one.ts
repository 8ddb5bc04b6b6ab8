// Child process of xml-bench.ts: measures one candidate on one input and prints JSON.

import { xmlInputs } from './inputs.js';
import { candidates } from './parsers.js';

const [candidateName = '', inputName = ''] = process.argv.slice(2);
const candidate = candidates[candidateName];
const input = xmlInputs[inputName];
if (!candidate || input === undefined) throw new Error(`unknown ${candidateName} / ${inputName}`);
let accepted = candidate(input); // warm-up, and the verdict
const times: number[] = [];
const started = performance.now();
while (times.length < 200 && (times.length < 3 || performance.now() - started < 1000)) {
  const t = performance.now();
  accepted = candidate(input);
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({ accepted, runs: times.length, medianMs: times[Math.floor(times.length / 2)] }));
