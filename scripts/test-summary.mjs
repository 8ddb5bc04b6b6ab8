#!/usr/bin/env node
// Sums the vitest JSON reports of every package (and of the architecture and packaging suites in scripts/)
// into one closing line: "N passed, N failed, N skipped". With arguments, sums the reports of each
// workspace root named (CI: this one and the scratch copy the Node 24 run tested in).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const roots =
  process.argv.length > 2
    ? process.argv.slice(2).map((r) => resolve(r))
    : [new URL('..', import.meta.url).pathname];
let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];
for (const root of roots) {
  const suites = ['scripts/architecture', 'scripts/packaging', 'examples'];
  for (const group of ['packages', 'apps']) {
    for (const name of readdirSync(join(root, group))) suites.push(`${group}/${name}`);
  }
  for (const suite of suites) {
    const dir = join(root, suite);
    if (!existsSync(join(dir, 'vitest.config.ts'))) continue;
    const report = join(dir, 'test-results', 'vitest.json');
    if (!existsSync(report)) {
      missing.push(roots.length > 1 ? join(root, suite) : suite);
      continue;
    }
    const json = JSON.parse(readFileSync(report, 'utf8'));
    passed += json.numPassedTests;
    failed += json.numFailedTests;
    skipped += json.numPendingTests + json.numTodoTests;
  }
}
for (const m of missing) console.log(`no test report from ${m}`);
console.log(`${passed} passed, ${failed + missing.length} failed, ${skipped} skipped`);
process.exit(failed + missing.length > 0 ? 1 : 0);
