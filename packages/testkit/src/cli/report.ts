import type { LiveCaseResult, LiveReport } from './run-live.js';

const MARK: Record<LiveCaseResult['status'], string> = { passed: 'ok', failed: 'FAIL', 'not-run': '-' };

function describeMode(report: LiveReport): string {
  if (!report.write) return 'read-only: only calls the reference refuses before any effect, and queries';
  return (
    `write: sessions started on channel ${report.write.channelId}, service ${report.write.serviceid}, ` +
    'and closed again; no session is accepted, no agent logged out'
  );
}

/** The report as a table: one row per case, one column per endpoint, then each failure's reason. */
export function formatText(report: LiveReport): string {
  const names = report.endpoints.map((e) => e.name);
  const width = Math.max(4, ...names.map((n) => n.length));
  const cell = (text: string) => text.padEnd(width + 2);
  const rows = new Map<string, Map<string, LiveCaseResult>>();
  for (const r of report.results) {
    const key = `${r.group} › ${r.case}`;
    const row = rows.get(key) ?? new Map<string, LiveCaseResult>();
    row.set(r.endpoint, r);
    rows.set(key, row);
  }
  const lines = [`MCC conformance, ${describeMode(report)}`];
  for (const e of report.endpoints) lines.push(`  ${cell(e.name)}${e.url}`);
  lines.push('', `  ${names.map(cell).join('')}case`);
  for (const [key, row] of rows) {
    lines.push(`  ${names.map((n) => cell(row.get(n) ? MARK[row.get(n)!.status] : '')).join('')}${key}`);
  }
  const failures = report.results.filter((r) => r.status === 'failed');
  if (failures.length) {
    lines.push('', 'Failures:');
    for (const f of failures) {
      lines.push(`  ${f.endpoint}  ${f.group} › ${f.case}`);
      for (const line of (f.error ?? '').split('\n')) lines.push(`      ${line}`);
    }
  }
  if (report.unclosed.length) {
    lines.push('', 'Sessions started by the run that could not be closed again (close them by hand):');
    for (const u of report.unclosed) lines.push(`  ${u.endpoint}  ${u.sessionId}`);
  }
  const notRun = report.notRun ? `, ${report.notRun} not run` : '';
  lines.push(
    '',
    `${rows.size} checks on ${report.endpoints.length} endpoint${report.endpoints.length === 1 ? '' : 's'}: ` +
      `${report.passed} passed, ${report.failed} failed${notRun}`,
  );
  return `${lines.join('\n')}\n`;
}

/** The report as JSON (the {@link LiveReport} object, indented). */
export function formatJson(report: LiveReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
