import { readFileSync } from 'node:fs';
import type { CredentialSet } from '@mcc/http';
import { parse } from 'yaml';
import { SettingsError } from './settings.js';

/** The credentials file: who may call the MCC endpoints, who may use the control API and console. */
export interface CredentialsFile {
  mcc?: CredentialSet;
  control?: CredentialSet;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function credentialSet(value: unknown, where: string, problems: string[]): CredentialSet | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) {
    problems.push(`${where} must be an object with users and/or apiKeys`);
    return undefined;
  }
  const set: CredentialSet = {};
  for (const key of Object.keys(value))
    if (key !== 'users' && key !== 'apiKeys')
      problems.push(`${where}.${key} is not a setting (users, apiKeys)`);
  if (value.users !== undefined) {
    if (!isRecord(value.users) || !Object.values(value.users).every((p) => typeof p === 'string' && p !== ''))
      problems.push(`${where}.users must map each username to a non-empty password string`);
    else set.users = value.users as Record<string, string>;
  }
  if (value.apiKeys !== undefined) {
    if (!Array.isArray(value.apiKeys) || !value.apiKeys.every((k) => typeof k === 'string' && k !== ''))
      problems.push(`${where}.apiKeys must be a list of non-empty strings`);
    else set.apiKeys = value.apiKeys as string[];
  }
  return set;
}

/**
 * Reads a credentials file, JSON or YAML: `{ mcc: { users: { name: password }, apiKeys: [...] },
 * control: { users, apiKeys } }`. Problems are reported without echoing any secret.
 */
export function readCredentialsFile(path: string): CredentialsFile {
  let document: unknown;
  try {
    document = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'not valid JSON or YAML';
    throw new SettingsError(`cannot read MCC_CREDENTIALS ${path}: ${reason}`);
  }
  const problems: string[] = [];
  if (!isRecord(document))
    throw new SettingsError(`MCC_CREDENTIALS ${path} must hold an object (mcc, control)`);
  for (const key of Object.keys(document))
    if (key !== 'mcc' && key !== 'control') problems.push(`${key} is not a section (mcc, control)`);
  const file: CredentialsFile = {};
  const mcc = credentialSet(document.mcc, 'mcc', problems);
  const control = credentialSet(document.control, 'control', problems);
  if (mcc) file.mcc = mcc;
  if (control) file.control = control;
  if (problems.length)
    throw new SettingsError(
      `MCC_CREDENTIALS ${path} is not valid:\n${problems.map((p) => `  ${p}`).join('\n')}`,
    );
  return file;
}
