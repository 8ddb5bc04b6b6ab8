/** A setting that cannot be used, with a message for the person who gave it. */
export class SettingsError extends Error {
  override readonly name = 'SettingsError';
}
