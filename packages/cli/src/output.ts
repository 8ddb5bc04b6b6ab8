import { MccClientError } from '@mcc/core';
import type { CapturedExchange } from '@mcc/http';

/** Where `mcc` writes. */
export interface CliOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

function lines(prefix: string, value: unknown, out: string[]): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) lines(prefix ? `${prefix}.${key}` : key, inner, out);
  } else out.push(`${prefix}: ${Array.isArray(value) ? value.join(', ') : String(value)}`);
}

/** A result as `field: value` lines (a map's entries as `state.CODE: STATE`). */
export function formatResult(result: unknown): string {
  const out: string[] = [];
  lines('', result, out);
  return `${out.join('\n')}\n`;
}

/** The HTTP exchanges as `>` request and `<` response lines. */
export function formatExchanges(exchanges: readonly CapturedExchange[]): string {
  return exchanges
    .map(({ request, response }) => {
      const sent = [
        `> ${request.method} ${request.url}`,
        ...Object.entries(request.headers).map(([k, v]) => `> ${k}: ${v}`),
      ];
      if (request.body) sent.push('>', ...request.body.split('\n').map((l) => `> ${l}`));
      if (!response) return `${sent.join('\n')}\n< (no answer)\n`;
      const got = [
        `< HTTP ${response.status}`,
        ...Object.entries(response.headers).map(([k, v]) => `< ${k}: ${v}`),
      ];
      if (response.body) got.push('<', ...response.body.split('\n').map((l) => `< ${l}`));
      return `${sent.join('\n')}\n${got.join('\n')}\n`;
    })
    .join('\n');
}

/** An error as JSON-able facts. */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof MccClientError))
    return { message: error instanceof Error ? error.message : String(error) };
  return {
    code: error.code,
    message: error.message,
    ...(error.operation ? { operation: error.operation } : {}),
    ...(error.status === undefined ? {} : { status: error.status }),
    retryable: error.retryable,
    ...(error.details ? { details: error.details } : {}),
  };
}

/** Writes a JSON value on one line per value, or pretty when `pretty`. */
export function json(value: unknown, pretty = true): string {
  return `${JSON.stringify(value, null, pretty ? 2 : undefined)}\n`;
}
