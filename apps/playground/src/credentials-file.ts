import { readFileSync } from 'node:fs';
import type { CredentialSet } from '@mcc/http';
import { parse } from 'yaml';
import { z } from 'zod';
import { SettingsError } from './settings/settings-error.js';

/** The credentials file: who may call the MCC endpoints, who may use the control API and console. */
export interface CredentialsFile {
  mcc?: CredentialSet;
  control?: CredentialSet;
}

const USERS = 'must map each username to a non-empty password string';
const KEYS = 'must be a list of non-empty strings';

const CredentialSetSchema = z.strictObject(
  {
    users: z.record(z.string(), z.string({ error: USERS }).min(1, USERS), { error: USERS }).optional(),
    apiKeys: z.array(z.string({ error: KEYS }).min(1, KEYS), { error: KEYS }).optional(),
  },
  { error: 'must be an object with users and/or apiKeys' },
);

const CredentialsFileSchema = z.strictObject(
  {
    mcc: CredentialSetSchema.nullish().transform((set) => set ?? undefined),
    control: CredentialSetSchema.nullish().transform((set) => set ?? undefined),
  },
  { error: 'must hold an object (mcc, control)' },
);

/**
 * One readable line per problem, naming the section and setting (never deeper: below are user
 * names and keys) and never echoing a value (they are secrets).
 */
function describe(issue: z.core.$ZodIssue): string {
  const where = issue.path.slice(0, 2).map(String).join('.');
  if (issue.code === 'unrecognized_keys')
    return issue.keys
      .map((key) =>
        where === ''
          ? `${key} is not a section (mcc, control)`
          : `${where}.${key} is not a setting (users, apiKeys)`,
      )
      .join('\n  ');
  return where === '' ? issue.message : `${where} ${issue.message}`;
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
  const result = CredentialsFileSchema.safeParse(document);
  if (result.success) {
    const file: CredentialsFile = {};
    if (result.data.mcc) file.mcc = result.data.mcc;
    if (result.data.control) file.control = result.data.control;
    return file;
  }
  const problems = [...new Set(result.error.issues.map(describe))];
  throw new SettingsError(
    `MCC_CREDENTIALS ${path} is not valid:\n${problems.map((p) => `  ${p}`).join('\n')}`,
  );
}
