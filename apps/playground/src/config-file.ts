import { readFileSync } from 'node:fs';
import { MccError } from '@mcc/core';
import {
  type ConfigIssue,
  type ContactCenterConfig,
  demoConfig,
  parseContactCenterConfig,
} from '@mcc/engine';
import { isNode, LineCounter, parseDocument } from 'yaml';
import { type FaultSettings, FaultsConfigError, parseFaultSettings } from './faults/index.js';

/** A configuration file that cannot be used; `message` lists each problem as `file:line:column`. */
export class ConfigFileError extends Error {
  override readonly name = 'ConfigFileError';
}

/** What a configuration file gives the playground. */
export interface PlaygroundConfig {
  contactCenter: ContactCenterConfig;
  /** The `faults:` key (none when absent). */
  faults: FaultSettings;
}

const NO_FAULTS: FaultSettings = { operations: {} };

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Loads a configuration file, JSON or YAML (JSON is read as YAML, its superset): the contact
 * center, and injected faults under a `faults` key. A file holding nothing but `faults` runs the
 * demo contact center with them. Every problem of either part is reported at once, with the line
 * and column of the value at fault. Without a path, the demo contact center and no faults.
 */
export function loadPlaygroundConfig(path: string | undefined): PlaygroundConfig {
  if (!path) return { contactCenter: demoConfig, faults: NO_FAULTS };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigFileError(`cannot read MCC_CONFIG ${path}: ${(error as Error).message}`);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length) {
    const lines = doc.errors.map((e) => {
      const at = lineCounter.linePos(e.pos[0]);
      return `  ${path}:${at.line}:${at.col}: ${e.message.split('\n')[0]}`;
    });
    throw new ConfigFileError(`MCC_CONFIG ${path} is not valid JSON or YAML:\n${lines.join('\n')}`);
  }
  const input: unknown = doc.toJS();
  const issues: ConfigIssue[] = [];
  let contactCenter: ContactCenterConfig = demoConfig;
  let faults = NO_FAULTS;
  // `$schema` names the JSON Schema for editors (config/contact-center.schema.json); not a setting.
  const { faults: faultsInput, $schema: _schema, ...rest } = isRecord(input) ? input : { faults: undefined };
  const onlyFaults = isRecord(input) && Object.keys(rest).length === 0 && faultsInput !== undefined;
  try {
    if (!onlyFaults) contactCenter = parseContactCenterConfig(isRecord(input) ? rest : input);
  } catch (error) {
    if (!(error instanceof MccError) || error.code !== 'INVALID_CONFIG') throw error;
    issues.push(...(error as MccError & { issues: ConfigIssue[] }).issues);
  }
  try {
    faults = parseFaultSettings(faultsInput);
  } catch (error) {
    if (!(error instanceof FaultsConfigError)) throw error;
    for (const issue of error.issues) {
      const path = issue.path === '(root)' ? 'faults' : `faults.${issue.path}`;
      issues.push({ path, segments: ['faults', ...issue.segments], message: issue.message });
    }
  }
  if (issues.length) {
    const lines = issues.map((issue) => {
      const at = locate(doc, issue.segments, lineCounter);
      return `  ${path}:${at.line}:${at.col}: ${issue.path}: ${issue.message}`;
    });
    throw new ConfigFileError(`MCC_CONFIG ${path} is not a valid configuration:\n${lines.join('\n')}`);
  }
  return { contactCenter, faults };
}

/**
 * `--config-check`: loads a configuration file as the server would and describes what it holds;
 * throws {@link ConfigFileError} with every problem at `file:line:column`.
 */
export function checkConfigFile(path: string): string {
  const { contactCenter: cc, faults } = loadPlaygroundConfig(path);
  const injected = Object.keys(faults.operations).length;
  return (
    `${path}: a valid configuration: "${cc.name}", ${cc.channels.length} channels, ` +
    `${cc.services.length} services, ${cc.agents.length} agents` +
    (injected ? `, injected faults on ${injected} operations` : '')
  );
}

/** The contact center of {@link loadPlaygroundConfig} alone. */
export function loadContactCenterConfig(path: string | undefined): ContactCenterConfig {
  return loadPlaygroundConfig(path).contactCenter;
}

/** The position of the deepest node of `segments` that exists in the document. */
function locate(doc: ReturnType<typeof parseDocument>, segments: Array<string | number>, lines: LineCounter) {
  for (let depth = segments.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(segments.slice(0, depth), true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]);
  }
  return { line: 1, col: 1 };
}
