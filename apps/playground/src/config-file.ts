import { readFileSync } from 'node:fs';
import {
  type ConfigIssue,
  type ContactCenterConfig,
  demoConfig,
  MccError,
  parseContactCenterConfig,
} from '@mcc/core';
import { isNode, LineCounter, parseDocument } from 'yaml';

/** A configuration file that cannot be used; `message` lists each problem as `file:line:column`. */
export class ConfigFileError extends Error {
  override readonly name = 'ConfigFileError';
}

/**
 * Loads a contact-center configuration from a JSON or YAML file (JSON is read as YAML, its
 * superset) and validates it. Every problem is reported with the line and column of the value
 * at fault. Without a path, the demo contact center.
 */
export function loadContactCenterConfig(path: string | undefined): ContactCenterConfig {
  if (!path) return demoConfig;
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
  try {
    return parseContactCenterConfig(doc.toJS());
  } catch (error) {
    if (!(error instanceof MccError) || error.code !== 'INVALID_CONFIG') throw error;
    const issues = (error as MccError & { issues: ConfigIssue[] }).issues;
    const lines = issues.map((issue) => {
      const at = locate(doc, issue.segments, lineCounter);
      return `  ${path}:${at.line}:${at.col}: ${issue.path}: ${issue.message}`;
    });
    throw new ConfigFileError(
      `MCC_CONFIG ${path} is not a valid contact-center configuration:\n${lines.join('\n')}`,
    );
  }
}

/** The position of the deepest node of `segments` that exists in the document. */
function locate(doc: ReturnType<typeof parseDocument>, segments: Array<string | number>, lines: LineCounter) {
  for (let depth = segments.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(segments.slice(0, depth), true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]);
  }
  return { line: 1, col: 1 };
}
